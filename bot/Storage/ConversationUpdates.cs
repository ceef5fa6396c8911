namespace CitizenBot.Storage;

/// <summary>
/// Tells listeners (open WebSockets) that a conversation has new activities. A listener takes <see cref="ConversationListener.Next"/>
/// before reading, then awaits it: an append in between is never missed. A conversation is tracked only while someone listens.
/// Activities appended in this process are kept for a while too, so a listener that is up to date sends them without reading the store.
/// </summary>
public sealed class ConversationUpdates
{
    // A turn appends a few activities (a livestream a few more); a listener further behind reads the store instead.
    private const int RecentPerConversation = 16;

    private readonly Dictionary<ConversationKey, Listened> _listened = [];
    private readonly Lock _gate = new();

    /// <summary>How many conversations have at least one open listener.</summary>
    public int ListenedConversations
    {
        get
        {
            lock (_gate)
            {
                return _listened.Count;
            }
        }
    }

    /// <summary>Starts listening to the conversation; dispose the listener when the stream closes.</summary>
    public ConversationListener Listen(ConversationKey key)
    {
        lock (_gate)
        {
            if (!_listened.TryGetValue(key, out var listened))
            {
                listened = new Listened();
                _listened[key] = listened;
            }

            listened.Listeners++;
        }

        return new ConversationListener(this, key);
    }

    public void Publish(ConversationKey key) => Publish(key, appended: null);

    /// <summary>Wakes the conversation's listeners with the activity this process just appended to it, and its stored JSON.</summary>
    public void Publish(ConversationKey key, AppendedActivity? appended)
    {
        TaskCompletionSource? signal;
        lock (_gate)
        {
            if (!_listened.TryGetValue(key, out var listened))
            {
                return;
            }

            if (appended is null)
            {
                listened.AppendsElsewhere++;
            }
            else
            {
                listened.Recent.Add(appended);
                listened.Recent.Sort((a, b) => a.Stored.Sequence.CompareTo(b.Stored.Sequence));
                if (listened.Recent.Count > RecentPerConversation)
                {
                    listened.Recent.RemoveAt(0);
                }
            }

            signal = listened.Signal;
            listened.Signal = null;
        }

        signal?.TrySetResult();
    }

    /// <summary>Wakes every listened conversation, for when appends may have gone unnoticed (a replica lost its notifications for a while).</summary>
    public void PublishAll()
    {
        List<ConversationKey> keys;
        lock (_gate)
        {
            keys = [.. _listened.Keys];
        }

        foreach (var key in keys)
        {
            Publish(key);
        }
    }

    internal Task Next(ConversationKey key)
    {
        lock (_gate)
        {
            var listened = _listened[key];
            listened.Signal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return listened.Signal.Task;
        }
    }

    /// <summary>
    /// The activities after <paramref name="watermark"/> when this process holds all of them, the next one included; null when the
    /// store must be read (the listener fell behind, or someone appended without saying what: another replica, a lost notification).
    /// </summary>
    internal IReadOnlyList<AppendedActivity>? RecentAfter(ConversationKey key, long watermark, ref long appendsElsewhereSeen)
    {
        lock (_gate)
        {
            var listened = _listened[key];
            if (listened.AppendsElsewhere != appendsElsewhereSeen)
            {
                appendsElsewhereSeen = listened.AppendsElsewhere;
                return null;
            }

            var recent = listened.Recent;
            var first = recent.FindIndex(appended => appended.Stored.Sequence > watermark);
            if (first < 0)
            {
                return recent.Count > 0 && recent[^1].Stored.Sequence == watermark ? [] : null;
            }

            for (var i = first; i < recent.Count; i++)
            {
                if (recent[i].Stored.Sequence != watermark + 1 + i - first)
                {
                    return null;
                }
            }

            return recent[first..];
        }
    }

    internal void Leave(ConversationKey key)
    {
        lock (_gate)
        {
            // The last listener gone, nothing is kept for the conversation until someone listens again.
            if (_listened.TryGetValue(key, out var listened) && --listened.Listeners == 0)
            {
                _listened.Remove(key);
            }
        }
    }

    private sealed class Listened
    {
        public int Listeners { get; set; }

        public TaskCompletionSource? Signal { get; set; }

        public List<AppendedActivity> Recent { get; } = [];

        public long AppendsElsewhere { get; set; }
    }
}

/// <summary>One open stream's interest in a conversation.</summary>
public sealed class ConversationListener(ConversationUpdates updates, ConversationKey key) : IDisposable
{
    private int _left;

    /// <summary>Completes at the next append to the conversation.</summary>
    public Task Next() => updates.Next(key);

    private long _appendsElsewhereSeen;

    /// <inheritdoc cref="ConversationUpdates.RecentAfter"/>
    public IReadOnlyList<AppendedActivity>? RecentAfter(long watermark) => updates.RecentAfter(key, watermark, ref _appendsElsewhereSeen);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0)
        {
            updates.Leave(key);
        }
    }
}

/// <summary>An activity as this process appended it: the stored activity and the JSON the store keeps, which is what clients are sent.</summary>
public sealed record AppendedActivity(StoredActivity Stored, string Json);
