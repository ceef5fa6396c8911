using System.Collections.Concurrent;

namespace CitizenBot.Storage;

/// <summary>
/// Tells listeners (open WebSockets) that a conversation has new activities.
/// Take <see cref="Next"/> before reading, then await it: an append in between is never missed.
/// </summary>
public sealed class ConversationUpdates
{
    private readonly ConcurrentDictionary<ConversationKey, TaskCompletionSource> _signals = new();

    public Task Next(ConversationKey key) =>
        _signals.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Publish(ConversationKey key)
    {
        if (_signals.TryRemove(key, out var signal))
        {
            signal.TrySetResult();
        }
    }
}
