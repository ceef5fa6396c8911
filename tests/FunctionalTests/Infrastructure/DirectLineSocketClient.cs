using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;

namespace CitizenBot.FunctionalTests.Infrastructure;

/// <summary>A WebSocket on a Direct Line streamUrl, read as botframework-directlinejs reads it: one ActivitySet per text message.</summary>
public sealed class DirectLineSocketClient(WebSocket socket) : IDisposable
{
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(10);

    public WebSocket Socket { get; } = socket;

    public static async Task<DirectLineSocketClient> ConnectAsync(TestServer server, string streamUrl)
    {
        using var timeout = new CancellationTokenSource(FrameTimeout);
        return new DirectLineSocketClient(await server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), timeout.Token));
    }

    /// <summary>The next ActivitySet the server pushes; empty frames are skipped as the spec tells clients to.</summary>
    public async Task<JsonObject> ReceiveSetAsync()
    {
        using var timeout = new CancellationTokenSource(FrameTimeout);
        while (true)
        {
            var text = await ReceiveTextAsync(timeout.Token);
            if (text.Length > 0)
            {
                return JsonNode.Parse(text)!.AsObject();
            }
        }
    }

    /// <summary>Reads sets until one holds an activity that matches; returns every activity seen on the way.</summary>
    public async Task<List<JsonObject>> ReceiveUntilAsync(Func<JsonObject, bool> match)
    {
        var seen = new List<JsonObject>();
        for (var frame = 0; frame < 20; frame++)
        {
            var set = await ReceiveSetAsync();
            seen.AddRange(set["activities"]!.AsArray().OfType<JsonObject>());
            LastWatermark = set["watermark"]?.GetValue<string>() ?? LastWatermark;
            if (seen.Any(match))
            {
                return seen;
            }
        }

        throw new TimeoutException("The awaited activity did not arrive within 20 frames.");
    }

    public string? LastWatermark { get; private set; }

    /// <summary>The empty frame botframework-directlinejs sends every 20 seconds to keep the socket alive.</summary>
    public Task SendKeepAliveAsync() => Socket.SendAsync(ArraySegment<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(FrameTimeout);
        await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
    }

    public void Dispose() => Socket.Dispose();

    private async Task<string> ReceiveTextAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("The server closed the stream.");
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }
}
