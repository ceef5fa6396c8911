using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CitizenBot.FunctionalTests.Knowledge;

/// <summary>
/// An OpenAI-compatible embeddings server on 127.0.0.1: answers POST /v1/embeddings with one vector per input, as float arrays or,
/// when the client asks for encoding_format "base64" (the OpenAI .NET client does), as little-endian float32 in base64. The vectors
/// count the test's topic words in each text, so texts about the same topic point the same way without sharing a word.
/// </summary>
public sealed class FakeEmbeddingModel : IAsyncDisposable
{
    private readonly IReadOnlyList<string[]> _topics;
    private LoopbackServer? _server;

    private FakeEmbeddingModel(IReadOnlyList<string[]> topics) => _topics = topics;

    public string Endpoint => _server!.BaseUrl + "/v1";

    /// <summary>Every text the bot asked to embed, in order.</summary>
    public ConcurrentQueue<string> Inputs { get; } = new();

    /// <summary>When set, every request fails with 500 the way an overloaded server does.</summary>
    public bool Failing { get; set; }

    public static async Task<FakeEmbeddingModel> StartAsync(params string[][] topics)
    {
        var model = new FakeEmbeddingModel(topics);
        model._server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", model.EmbedAsync));
        return model;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task EmbedAsync(HttpContext http)
    {
        if (Failing)
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await http.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["message"] = "overloaded", ["type"] = "server_error" } });
            return;
        }

        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        var inputs = body["input"] is JsonArray array ? array.Select(item => item!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            Inputs.Enqueue(inputs[i]);
            var vector = Vector(inputs[i]);
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = base64 ? Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray()) : new JsonArray([.. vector.Select(value => JsonValue.Create(value))]),
            });
        }

        await http.Response.WriteAsJsonAsync(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = body["model"]!.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Sum(input => input.Length / 4), ["total_tokens"] = inputs.Sum(input => input.Length / 4) },
        });
    }

    private float[] Vector(string text)
    {
        var lower = text.ToLowerInvariant();
        // The last dimension keeps texts without any topic word from being zero vectors.
        return [.. _topics.Select(words => (float)words.Count(word => lower.Contains(word, StringComparison.Ordinal))), 0.1f];
    }
}
