using CitizenBot.Storage;

namespace CitizenBot.Conversation;

/// <summary>Carries a stored bot activity to the citizen's channel; one per transport (Direct Line, Connector, …).</summary>
public interface IReplyTransport
{
    string Transport { get; }

    /// <summary>The channel shows typing activities as a growing answer (Web Chat livestreaming over Direct Line).</summary>
    bool ShowsLivestreams => false;

    Task DeliverAsync(ConversationRecord conversation, StoredActivity activity, CancellationToken cancellationToken);
}
