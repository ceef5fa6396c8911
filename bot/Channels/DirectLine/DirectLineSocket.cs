using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// The WebSocket stream of a conversation: on connect, everything after the watermark (so the greeting sent before
/// the client connected arrives), then each new batch as {activities, watermark}. Client frames are keep-alives.
/// </summary>
public static class DirectLineSocket
{
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(30);

    public static async Task<IResult> AcceptAsync(
        string conversationId,
        string? watermark,
        string? t,
        HttpContext context,
        DirectLineAuthenticator authenticator,
        IConversationStore store,
        ConversationUpdates updates,
        IOptions<DirectLineOptions> options,
        ILoggerFactory loggers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ChannelProblems.BadRequest("WebSocketRequired", "The stream URL accepts WebSocket connections only.");
        }

        var (access, problem) = await DirectLineEndpoints.AuthorizeAsync(
            context.Request, conversationId, authenticator, store, context.RequestAborted, credential: t ?? DirectLineAuthenticator.BearerFrom(context.Request));
        if (problem is not null)
        {
            return problem;
        }

        if (!DirectLineEndpoints.TryParseWatermark(watermark, out var from))
        {
            return ChannelProblems.BadRequest("InvalidWatermark", "The watermark must be a number from an earlier response.");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var logger = loggers.CreateLogger(typeof(DirectLineSocket).FullName!);
        logger.LogInformation("Stream opened for conversation {ConversationId}", conversationId);
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var reading = DrainClientFramesAsync(socket, closed);
        try
        {
            await PushAsync(socket, store, updates, access!.Conversation.Key, from ?? -1, options.Value.MaxActivitiesPerRead, closed.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client went away; it reconnects with its watermark and misses nothing.
        }
        finally
        {
            await closed.CancelAsync();
            await reading;
            logger.LogInformation("Stream closed for conversation {ConversationId}", conversationId);
        }

        return Results.Empty;
    }

    private static async Task PushAsync(
        WebSocket socket, IConversationStore store, ConversationUpdates updates, ConversationKey key, long watermark, int maxCount, CancellationToken cancellationToken)
    {
        using var listener = updates.Listen(key);
        var readStore = true;
        while (socket.State == WebSocketState.Open)
        {
            var next = listener.Next();
            // What this process appended is pushed from memory; the store is read on connect, after a quiet interval and when others appended.
            var recent = readStore ? null : listener.RecentAfter(watermark);
            readStore = false;
            if (recent is not null)
            {
                if (recent.Count > 0)
                {
                    watermark = recent[^1].Stored.Sequence;
                    await SendRecentAsync(socket, recent, watermark, cancellationToken);
                    continue;
                }
            }
            else if (await SendFromStoreAsync(socket, store, key, watermark, maxCount, cancellationToken) is { } reached)
            {
                watermark = reached;
                continue;
            }

            // Recheck now and then as well, in case a signal came from elsewhere than this process.
            try
            {
                await next.WaitAsync(RecheckInterval, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Nothing new within the interval; look again, in the store.
                readStore = true;
            }
        }
    }

    /// <summary>Sends what the store holds after the watermark; the new watermark, or null when there was nothing new.</summary>
    private static async Task<long?> SendFromStoreAsync(
        WebSocket socket, IConversationStore store, ConversationKey key, long watermark, int maxCount, CancellationToken cancellationToken)
    {
        var set = await DirectLineEndpoints.ReadActivitySetAsync(store, key, watermark, maxCount, cancellationToken);
        var reached = set.Watermark is null ? watermark : long.Parse(set.Watermark, CultureInfo.InvariantCulture);
        if (reached <= watermark)
        {
            return null;
        }

        if (set.Activities.Count > 0)
        {
            var frame = JsonSerializer.SerializeToUtf8Bytes(set, ActivityJson.Options);
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }

        return reached;
    }

    /// <summary>Sends activities this process appended as the store keeps their JSON, in the frame a store read would make of them.</summary>
    private static async Task SendRecentAsync(WebSocket socket, IReadOnlyList<AppendedActivity> recent, long watermark, CancellationToken cancellationToken)
    {
        var visible = recent.Where(appended => appended.Stored.Activity.Type != ActivityTypes.ConversationUpdate).ToList();
        if (visible.Count == 0)
        {
            return;
        }

        var frame = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(frame))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            foreach (var appended in visible)
            {
                writer.WriteRawValue(appended.Json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("watermark", watermark.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        await socket.SendAsync(frame.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    private static async Task DrainClientFramesAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Closed by either side.
        }
        finally
        {
            await closed.CancelAsync();
        }
    }
}
