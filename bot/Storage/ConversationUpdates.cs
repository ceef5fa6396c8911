namespace CitizenBot.Storage;

/// <summary>
/// Tells listeners (open WebSockets) that a conversation has new activities. A listener takes <see cref="ConversationListener.Next"/>
/// before reading, then awaits it: an append in between is never missed. A conversation is tracked only while someone listens.
/// </summary>
public sealed class ConversationUpdates
{
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

    public void Publish(ConversationKey key)
    {
        TaskCompletionSource? signal;
        lock (_gate)
        {
            if (!_listened.TryGetValue(key, out var listened))
            {
                return;
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
    }
}

/// <summary>One open stream's interest in a conversation.</summary>
public sealed class ConversationListener(ConversationUpdates updates, ConversationKey key) : IDisposable
{
    private int _left;

    /// <summary>Completes at the next append to the conversation.</summary>
    public Task Next() => updates.Next(key);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0)
        {
            updates.Leave(key);
        }
    }
}
