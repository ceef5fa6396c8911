using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>A city's existing contact centre on a real Kestrel server on 127.0.0.1: records every webhook the bot posts; can fail on demand.</summary>
public sealed class FakeContactCentre : IAsyncDisposable
{
    private LoopbackServer _server = null!;
    private int _failuresLeft;

    private FakeContactCentre()
    {
    }

    public string Url => _server.BaseUrl + "/webhook";

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The next <paramref name="count"/> posts are answered 503, as during an outage.</summary>
    public void FailNext(int count) => _failuresLeft = count;

    public static async Task<FakeContactCentre> StartAsync()
    {
        var centre = new FakeContactCentre();
        centre._server = await LoopbackServer.StartAsync(app => app.MapPost("/webhook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var failed = Interlocked.Decrement(ref centre._failuresLeft) >= 0;
            centre.Received.Enqueue(new ReceivedWebhook(
                body,
                http.Request.Headers["X-CitizenBot-Timestamp"].ToString(),
                http.Request.Headers["X-CitizenBot-Signature"].ToString(),
                http.Request.Headers["Idempotency-Key"].ToString(),
                failed ? 503 : 200));
            return failed ? Results.StatusCode(503) : Results.Ok();
        }));
        return centre;
    }

    /// <summary>Waits (bounded: 20 s) until a delivered webhook of that type arrived.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(string type, Func<JsonObject, bool>? match = null)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var found = Received.FirstOrDefault(r => r.Status == 200 && r.Json["type"]!.GetValue<string>() == type && (match?.Invoke(r.Json) ?? true));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No {type} webhook arrived.");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}

public sealed record ReceivedWebhook(string Body, string Timestamp, string Signature, string IdempotencyKey, int Status)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}
