using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace CitizenBot.LoadRunner;

/// <summary>One message a citizen typed, how often it was posted (the same clientActivityID each time), and what became of it.</summary>
public sealed record PostedMessage(string ClientActivityId, string? ActivityId, int Attempts, double? ReplyMs)
{
    public bool Posted => ActivityId is not null;
}

/// <summary>
/// A citizen whose Web Chat survives a replica dying or the database restarting, as botframework-directlinejs does:
/// a failed call goes to the next replica; a closed socket is resumed with GET conversations/{id}?watermark= (new token,
/// new stream URL); a message without an acknowledged reply is posted again with the same clientActivityID, which the
/// bot must answer exactly once. Replies are counted per message by replyToId.
/// </summary>
public sealed class ResilientCitizen(ReplicaSet replicas, ReplyMode mode, RunSettings settings, string userId, IReadOnlyList<string> questions) : IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    private readonly ReplyInbox _inbox = new();
    private readonly List<PostedMessage> _messages = [];
    private StartedConversation? _conversation;
    private WebSocketReplies? _socket;

    public int Reconnects { get; private set; }

    public int FailedCalls { get; private set; }

    public IReadOnlyList<PostedMessage> Messages => _messages;

    /// <summary>Distinct bot replies to one posted message, as the citizen has received them.</summary>
    public int RepliesTo(string activityId) => _inbox.RepliesTo(activityId);

    /// <summary>Token, conversation, stream, greeting; false when the greeting did not come in time.</summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        var deadline = Deadline(settings.ReplyTimeout);
        var token = await OnAnyReplicaAsync(client => client.GenerateTokenAsync(userId, cancellationToken), deadline, cancellationToken);
        _conversation = await OnAnyReplicaAsync(client => client.StartConversationAsync(token, cancellationToken), deadline, cancellationToken);
        if (mode == ReplyMode.WebSocket)
        {
            try
            {
                await ConnectAsync(_conversation.StreamUrl, cancellationToken);
            }
            catch (WebSocketException)
            {
                // That replica is gone; waiting below resumes the stream on another.
                FailedCalls++;
            }
        }

        return await WaitAsync(inbox => inbox.BotMessages >= 1, deadline, cancellationToken);
    }

    /// <summary>Asks the questions one after another, each until it has a reply or its time is up.</summary>
    public async Task AskAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (var n = 0; n < settings.Turns; n++)
            {
                if (settings.ThinkTime > TimeSpan.Zero)
                {
                    await Task.Delay(settings.ThinkTime * (0.5 + Random.Shared.NextDouble()), cancellationToken);
                }

                _messages.Add(await AskOnceAsync(questions[n % questions.Count], cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time: the questions not asked are not counted.
        }
    }

    /// <summary>Reads the whole conversation once more from any replica, so replies that went to a dead socket are counted too.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        if (_conversation is null)
        {
            return;
        }

        try
        {
            string? watermark = null;
            for (var page = 0; page < 100; page++)
            {
                using var set = await OnAnyReplicaAsync(client => client.GetActivitiesAsync(_conversation, watermark, cancellationToken), Deadline(settings.ReplyTimeout), cancellationToken);
                var next = _inbox.Receive(set.RootElement);
                if (next is null || next == watermark || set.RootElement.GetProperty("activities").GetArrayLength() == 0)
                {
                    return;
                }

                watermark = next;
            }
        }
        catch (HttpRequestException)
        {
            // Nothing more to learn; what arrived before counts.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket is not null)
        {
            await _socket.DisposeAsync();
        }
    }

    private async Task<PostedMessage> AskOnceAsync(string text, CancellationToken cancellationToken)
    {
        var clientActivityId = Guid.NewGuid().ToString("N");
        var started = Stopwatch.GetTimestamp();
        var deadline = Deadline(settings.ReplyTimeout);
        string? activityId = null;
        var attempts = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                activityId = await OnAnyReplicaAsync(
                    client =>
                    {
                        attempts++;
                        return client.PostMessageAsync(_conversation!, userId, text, clientActivityId, cancellationToken);
                    },
                    deadline,
                    cancellationToken);
            }
            catch (HttpRequestException)
            {
                break;
            }

            var id = activityId;
            if (await WaitAsync(inbox => inbox.ReplyArrivedAt(id) is not null, Min(deadline, Deadline(settings.RepostAfter)), cancellationToken))
            {
                var replyMs = Stopwatch.GetElapsedTime(started, _inbox.ReplyArrivedAt(id)!.Value).TotalMilliseconds;
                return new PostedMessage(clientActivityId, activityId, attempts, replyMs);
            }

            // No reply yet: the turn may have died with its replica or its database connection. Same clientActivityID again.
        }

        return new PostedMessage(clientActivityId, activityId, attempts, null);
    }

    /// <summary>Waits for the condition, resuming a broken stream (WebSocket) or polling any replica (polling).</summary>
    private async Task<bool> WaitAsync(Func<ReplyInbox, bool> arrived, long deadline, CancellationToken cancellationToken)
    {
        while (!arrived(_inbox))
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            if (mode == ReplyMode.Polling)
            {
                try
                {
                    using var set = await OnAnyReplicaAsync(client => client.GetActivitiesAsync(_conversation!, _inbox.Watermark, cancellationToken), deadline, cancellationToken);
                    _inbox.Receive(set.RootElement);
                }
                catch (HttpRequestException)
                {
                    return arrived(_inbox);
                }

                if (!arrived(_inbox))
                {
                    await Task.Delay(Min(settings.PollInterval, remaining), cancellationToken);
                }

                continue;
            }

            if (_socket is not { IsOpen: true })
            {
                await ResumeStreamAsync(deadline, cancellationToken);
                continue;
            }

            await _socket.WaitAsync(arrived, Min(remaining, TimeSpan.FromSeconds(1)), cancellationToken);
        }

        return true;
    }

    private async Task ResumeStreamAsync(long deadline, CancellationToken cancellationToken)
    {
        Reconnects++;
        try
        {
            _conversation = await OnAnyReplicaAsync(client => client.ReconnectAsync(_conversation!, _inbox.Watermark, cancellationToken), deadline, cancellationToken);
            await ConnectAsync(_conversation.StreamUrl, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or WebSocketException)
        {
            FailedCalls++;
            await Task.Delay(RetryPause, cancellationToken);
        }
    }

    private async Task ConnectAsync(Uri streamUrl, CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            await _socket.DisposeAsync();
            _socket = null;
        }

        var socket = new WebSocketReplies(streamUrl, _inbox);
        try
        {
            await socket.ConnectAsync(cancellationToken);
        }
        catch
        {
            await socket.DisposeAsync();
            throw;
        }

        _socket = socket;
    }

    /// <summary>
    /// Runs the call on the next replica, and on the next again while it fails as a dead replica or a database outage
    /// fails (no connection, timeout, 5xx, 429); a 4xx refusal is final. Throws HttpRequestException once the deadline passed.
    /// </summary>
    private async Task<T> OnAnyReplicaAsync<T>(Func<DirectLineClient, Task<T>> call, long deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await call(replicas.Next());
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken))
            {
                FailedCalls++;
                if (Stopwatch.GetTimestamp() >= deadline)
                {
                    throw new HttpRequestException("No replica answered in time.", exception);
                }

                await Task.Delay(RetryPause, cancellationToken);
            }
        }
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } => (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout,
        TaskCanceledException or TimeoutException => !cancellationToken.IsCancellationRequested,
        JsonException or IOException => true,
        _ => false,
    };

    private static long Deadline(TimeSpan after) => Stopwatch.GetTimestamp() + (long)(after.TotalSeconds * Stopwatch.Frequency);

    private static long Min(long a, long b) => Math.Min(a, b);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
