using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace CitizenBot.LoadRunner;

/// <summary>How a client learns of the bot's replies: the WebSocket stream, or polling GET activities.</summary>
public enum ReplyMode
{
    WebSocket,
    Polling,
}

/// <summary>One client's way of receiving the bot's activities into its <see cref="ReplyInbox"/>.</summary>
public interface IReplySource : IAsyncDisposable
{
    ReplyInbox Inbox { get; }

    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>True once <paramref name="arrived"/> holds; false when it still does not after <paramref name="timeout"/>.</summary>
    Task<bool> WaitAsync(Func<ReplyInbox, bool> arrived, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>A last look after the final turn, so late duplicates are counted too.</summary>
    Task SettleAsync(CancellationToken cancellationToken);

    static IReplySource For(ReplyMode mode, DirectLineClient client, StartedConversation conversation, TimeSpan pollInterval) => mode switch
    {
        ReplyMode.WebSocket => new WebSocketReplies(conversation.StreamUrl),
        _ => new PollingReplies(client, conversation, pollInterval),
    };
}

/// <summary>Opens the streamUrl as Web Chat does and reads every {activities, watermark} frame the bot pushes.</summary>
public sealed class WebSocketReplies(Uri streamUrl, ReplyInbox? inbox = null) : IReplySource
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(250);

    private readonly ClientWebSocket _socket = new();
    private Task _receiving = Task.CompletedTask;

    /// <summary>Shared with the socket this one replaces after a reconnect, so nothing received before is forgotten.</summary>
    public ReplyInbox Inbox { get; } = inbox ?? new();

    /// <summary>False once the bot closed the socket or the connection broke.</summary>
    public bool IsOpen => !_receiving.IsCompleted;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(streamUrl, cancellationToken);
        _receiving = ReceiveAsync();
    }

    public async Task<bool> WaitAsync(Func<ReplyInbox, bool> arrived, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var next = Inbox.NextArrival;
            if (arrived(Inbox))
            {
                return true;
            }

            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero || _receiving.IsCompleted)
            {
                return false;
            }

            try
            {
                await next.WaitAsync(remaining, cancellationToken);
            }
            catch (TimeoutException)
            {
                return arrived(Inbox);
            }
        }
    }

    public Task SettleAsync(CancellationToken cancellationToken) => Task.Delay(SettleTime, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", closing.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The bot went first; nothing to close.
            }
        }

        _socket.Abort();
        await _receiving;
        _socket.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var frame = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(frame.GetMemory(8 * 1024), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                frame.Advance(result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (frame.WrittenCount > 0)
                {
                    using var set = JsonDocument.Parse(frame.WrittenMemory);
                    Inbox.Receive(set.RootElement);
                }

                frame.ResetWrittenCount();
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed or aborted; waiters see the receive loop has ended.
        }
    }
}

/// <summary>Polls GET activities?watermark= at a fixed interval while a reply is awaited, as a client without WebSockets does.</summary>
public sealed class PollingReplies(DirectLineClient client, StartedConversation conversation, TimeSpan interval) : IReplySource
{
    private string? _watermark;

    public ReplyInbox Inbox { get; } = new();

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<bool> WaitAsync(Func<ReplyInbox, bool> arrived, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!arrived(Inbox))
        {
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return false;
            }

            await PollAsync(cancellationToken);
            if (arrived(Inbox))
            {
                return true;
            }

            await Task.Delay(interval, cancellationToken);
        }

        return true;
    }

    public Task SettleAsync(CancellationToken cancellationToken) => PollAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var set = await client.GetActivitiesAsync(conversation, _watermark, cancellationToken);
        _watermark = Inbox.Receive(set.RootElement) ?? _watermark;
    }
}
