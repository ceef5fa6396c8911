using System.Diagnostics;
using System.Text.Json;

namespace CitizenBot.LoadRunner;

/// <summary>
/// What one client has received from the bot, however it arrived (socket frame or poll): when each reply came,
/// and how many arrived twice. A reply can arrive before the POST that caused it has returned, so arrivals are
/// kept by replyToId rather than awaited one by one.
/// </summary>
public sealed class ReplyInbox
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _seenIds = [];
    private readonly Dictionary<string, long> _firstReplyAt = [];
    private readonly Dictionary<string, HashSet<string>> _replyIds = [];
    private TaskCompletionSource _changed = NewSignal();

    public int BotMessages { get; private set; }

    /// <summary>The newest watermark received, for resuming the conversation elsewhere (GET conversations/{id}?watermark=).</summary>
    public string? Watermark { get; private set; }

    /// <summary>Activities delivered twice, plus replies beyond the first to one posted message.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Reads a Direct Line ActivitySet ({activities, watermark}) and returns its watermark.</summary>
    public string? Receive(JsonElement activitySet)
    {
        var now = Stopwatch.GetTimestamp();
        TaskCompletionSource changed;
        lock (_lock)
        {
            foreach (var activity in activitySet.GetProperty("activities").EnumerateArray())
            {
                Record(activity, now);
            }

            if (activitySet.TryGetProperty("watermark", out var watermark) && watermark.ValueKind == JsonValueKind.String)
            {
                Watermark = watermark.GetString();
            }

            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
        return activitySet.TryGetProperty("watermark", out var received) && received.ValueKind == JsonValueKind.String
            ? received.GetString()
            : null;
    }

    /// <summary>Distinct bot messages replying to the activity; a redelivered one counts once, a second turn's reply twice.</summary>
    public int RepliesTo(string activityId)
    {
        lock (_lock)
        {
            return _replyIds.TryGetValue(activityId, out var replies) ? replies.Count : 0;
        }
    }

    /// <summary>Completes at the next arrival; take it before checking, so an arrival in between is not missed.</summary>
    public Task NextArrival
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    public long? ReplyArrivedAt(string activityId)
    {
        lock (_lock)
        {
            return _firstReplyAt.TryGetValue(activityId, out var at) ? at : null;
        }
    }

    private void Record(JsonElement activity, long now)
    {
        var id = activity.TryGetProperty("id", out var idElement) ? idElement.GetString() : null;
        if (id is not null && !_seenIds.Add(id))
        {
            Duplicates++;
            return;
        }

        var fromBot = activity.TryGetProperty("from", out var from) && from.TryGetProperty("role", out var role) && role.GetString() == "bot";
        if (!fromBot || activity.GetProperty("type").GetString() != "message")
        {
            return;
        }

        BotMessages++;
        if (activity.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() is { } replyToId)
        {
            if (!_replyIds.TryGetValue(replyToId, out var replies))
            {
                _replyIds[replyToId] = replies = [];
            }

            replies.Add(id ?? Guid.NewGuid().ToString("N"));
            if (!_firstReplyAt.TryAdd(replyToId, now))
            {
                Duplicates++;
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
