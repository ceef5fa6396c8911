using CitizenBot.SharedKernel.Activities;

namespace CitizenBot.Storage;

/// <summary>Conversations and their activities in order; the single record of what was said.</summary>
public interface IConversationStore
{
    /// <summary>Creates the conversation, or returns the existing one with that key.</summary>
    Task<ConversationRecord> EnsureAsync(
        ConversationKey key, string channelId, string? serviceUrl, string? userId, string? locale, CancellationToken cancellationToken);

    Task<ConversationRecord?> FindAsync(ConversationKey key, CancellationToken cancellationToken);

    /// <summary>Marks the conversation as started; true only for the call that started it.</summary>
    Task<bool> MarkStartedAsync(ConversationKey key, CancellationToken cancellationToken);

    Task SetLocaleAsync(ConversationKey key, string locale, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the activity with the next sequence number; assigns <c>id</c> when empty.
    /// A repeated client activity id returns the earlier activity instead of a second copy.
    /// </summary>
    Task<AppendResult> AppendAsync(
        ConversationKey key, ActivityDirection direction, Activity activity, CancellationToken cancellationToken);

    /// <summary>Activities after the watermark, oldest first.</summary>
    Task<IReadOnlyList<StoredActivity>> ReadAfterAsync(
        ConversationKey key, long watermark, int maxCount, CancellationToken cancellationToken);

    Task<string?> ReadStateAsync(ConversationKey key, CancellationToken cancellationToken);

    Task WriteStateAsync(ConversationKey key, string? stateJson, CancellationToken cancellationToken);
}
