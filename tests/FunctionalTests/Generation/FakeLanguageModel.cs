using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.Generation;

/// <summary>
/// An OpenAI-compatible chat completions server on a real Kestrel on 127.0.0.1: answers POST /v1/chat/completions as JSON or,
/// when the request asks to stream, as server-sent chat.completion.chunk events ending in [DONE]; records every request body.
/// The reply is scripted per test from the request, the way a model would see it.
/// </summary>
public sealed class FakeLanguageModel : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeLanguageModel(WebApplication app) => _app = app;

    /// <summary>The base address to configure as Generation:Endpoint.</summary>
    public string Endpoint { get; private set; } = "";

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>What the model says to a request; defaults to one sentence quoted from source 1 with its citation.</summary>
    public Func<ModelRequest, string> Reply { get; set; } = request => request.SourceSentence(1) + " [1]";

    /// <summary>How long the model thinks before the first byte.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>How long the model takes for each further word when it streams.</summary>
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.Zero;

    public static async Task<FakeLanguageModel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var model = new FakeLanguageModel(app);
        app.MapPost("/v1/chat/completions", model.CompleteAsync);
        await app.StartAsync();
        model.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
        return model;
    }

    private async Task CompleteAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        Requests.Enqueue(body);
        await Task.Delay(Delay, http.RequestAborted);
        var text = Reply(new ModelRequest(body));
        var model = body["model"]!.GetValue<string>();
        var usage = new JsonObject { ["prompt_tokens"] = 800, ["completion_tokens"] = 40, ["total_tokens"] = 840 };
        if (body["stream"]?.GetValue<bool>() != true)
        {
            await http.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = "chatcmpl-fake",
                ["object"] = "chat.completion",
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = usage,
            });
            return;
        }

        http.Response.ContentType = "text/event-stream";
        var pieces = text.Split(' ');
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0)
            {
                await Task.Delay(ChunkDelay, http.RequestAborted);
            }

            var delta = new JsonObject { ["content"] = (i == 0 ? "" : " ") + pieces[i] };
            if (i == 0)
            {
                delta["role"] = "assistant";
            }

            await WriteEventAsync(http, Chunk(model, new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = null })));
        }

        await WriteEventAsync(http, Chunk(model, new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = "stop" })));
        if (body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            var last = Chunk(model, []);
            last["usage"] = usage;
            await WriteEventAsync(http, last);
        }

        await http.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static JsonObject Chunk(string model, JsonArray choices) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
        ["choices"] = choices,
    };

    private static async Task WriteEventAsync(HttpContext http, JsonObject chunk)
    {
        await http.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
        await http.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A recorded chat completions request, read as a model would read it.</summary>
public sealed class ModelRequest(JsonObject body)
{
    public JsonObject Body { get; } = body;

    public string SystemMessage => Content(Messages.First(message => message["role"]!.GetValue<string>() == "system"));

    public string User => Content(Messages.Last(message => message["role"]!.GetValue<string>() == "user"));

    /// <summary>The text of the numbered source between its delimiters.</summary>
    public string Source(int number)
    {
        var start = User.IndexOf(string.Create(CultureInfo.InvariantCulture, $"<source number=\"{number}\""), StringComparison.Ordinal);
        start = User.IndexOf('\n', start) + 1;
        return User[start..User.IndexOf("</source>", start, StringComparison.Ordinal)].Trim();
    }

    public int SourceCount => User.Split("<source number=").Length - 1;

    /// <summary>The first sentence of a source, word for word.</summary>
    public string SourceSentence(int number)
    {
        var text = Source(number).ReplaceLineEndings(" ");
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }

    /// <summary>Content is a string or, in newer clients, a list of typed parts.</summary>
    private static string Content(JsonObject message) => message["content"] is JsonArray parts
        ? string.Concat(parts.OfType<JsonObject>().Select(part => (string?)part["text"]))
        : message["content"]!.GetValue<string>();

    private IEnumerable<JsonObject> Messages => Body["messages"]!.AsArray().OfType<JsonObject>();

    public override string ToString() => Body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
