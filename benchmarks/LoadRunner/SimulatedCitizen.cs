using System.Diagnostics;

namespace CitizenBot.LoadRunner;

/// <summary>The knobs of one load run.</summary>
public sealed record RunSettings(
    int Turns,
    TimeSpan ReplyTimeout,
    TimeSpan PollInterval,
    TimeSpan ThinkTime)
{
    /// <summary>Replica runs: a message without a reply after this long is posted again with the same clientActivityID.</summary>
    public TimeSpan RepostAfter { get; init; } = TimeSpan.FromSeconds(8);
}

/// <summary>What happened to one posted message.</summary>
public readonly record struct TurnOutcome(double? ReplyMs, double PostMs, bool PostFailed)
{
    public bool Lost => !PostFailed && ReplyMs is null;
}

/// <summary>
/// One citizen in Web Chat: gets a token, starts the conversation, connects, reads the greeting, then asks one
/// question after another and times each from the start of the POST until the bot's reply to it has arrived.
/// </summary>
public sealed class SimulatedCitizen(DirectLineClient client, ReplyMode mode, RunSettings settings, string userId) : IAsyncDisposable
{
    private StartedConversation? _conversation;
    private IReplySource? _replies;

    public double? StartMs { get; private set; }

    public int Duplicates => _replies?.Inbox.Duplicates ?? 0;

    /// <summary>Token, conversation, stream, greeting; false when the greeting did not come in time.</summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var token = await client.GenerateTokenAsync(userId, cancellationToken);
        _conversation = await client.StartConversationAsync(token, cancellationToken);
        _replies = IReplySource.For(mode, client, _conversation, settings.PollInterval);
        await _replies.ConnectAsync(cancellationToken);
        if (!await _replies.WaitAsync(inbox => inbox.BotMessages >= 1, settings.ReplyTimeout, cancellationToken))
        {
            return false;
        }

        StartMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return true;
    }

    /// <summary>Posts the questions one after another; stops early only when the run's time is up.</summary>
    public async Task<List<TurnOutcome>> AskAsync(CancellationToken cancellationToken)
    {
        var outcomes = new List<TurnOutcome>(settings.Turns);
        try
        {
            // With a think time, citizens start apart and pause for 50-150 % of it, so they do not post in lockstep.
            await ThinkAsync(Random.Shared.NextDouble(), cancellationToken);
            for (var n = 1; n <= settings.Turns; n++)
            {
                outcomes.Add(await AskOnceAsync(n, cancellationToken));
                if (n < settings.Turns)
                {
                    await ThinkAsync(0.5 + Random.Shared.NextDouble(), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time: the turns not asked are reported as not run.
        }

        return outcomes;
    }

    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        if (_replies is not null)
        {
            await _replies.SettleAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_replies is not null)
        {
            await _replies.DisposeAsync();
        }
    }

    private Task ThinkAsync(double share, CancellationToken cancellationToken) =>
        settings.ThinkTime > TimeSpan.Zero ? Task.Delay(settings.ThinkTime * share, cancellationToken) : Task.CompletedTask;

    private async Task<TurnOutcome> AskOnceAsync(int n, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string activityId;
        try
        {
            activityId = await client.PostMessageAsync(
                _conversation!, userId, ReplicaRun.Questions[n % ReplicaRun.Questions.Count], Guid.NewGuid().ToString("N"), cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new TurnOutcome(null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, PostFailed: true);
        }

        var postMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var remaining = settings.ReplyTimeout - Stopwatch.GetElapsedTime(started);
        if (!await _replies!.WaitAsync(inbox => inbox.ReplyArrivedAt(activityId) is not null, remaining, cancellationToken))
        {
            return new TurnOutcome(null, postMs, PostFailed: false);
        }

        // The reply may have come over the socket before the POST returned; its arrival time counts, not our noticing it.
        var replyMs = Stopwatch.GetElapsedTime(started, _replies.Inbox.ReplyArrivedAt(activityId)!.Value).TotalMilliseconds;
        return replyMs <= settings.ReplyTimeout.TotalMilliseconds
            ? new TurnOutcome(replyMs, postMs, PostFailed: false)
            : new TurnOutcome(null, postMs, PostFailed: false);
    }
}
