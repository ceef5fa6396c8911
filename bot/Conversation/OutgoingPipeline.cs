using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using CitizenBot.Telemetry;
using CitizenBot.Transparency;

namespace CitizenBot.Conversation;

/// <summary>
/// The one way out for every bot message: label it as AI content, store it, log it without its text, deliver it.
/// No feature writes to a channel directly, so no channel can miss the label.
/// </summary>
public sealed class OutgoingPipeline(
    IConversationStore store,
    IEnumerable<IReplyTransport> transports,
    TimeProvider time,
    ILogger<OutgoingPipeline> logger)
{
    private readonly Dictionary<string, IReplyTransport> _transports = transports.ToDictionary(t => t.Transport);

    public bool ShowsLivestreams(ConversationRecord conversation) =>
        _transports.TryGetValue(conversation.Key.Transport, out var transport) && transport.ShowsLivestreams;

    public Task<StoredActivity> SendAsync(ConversationRecord conversation, Activity activity, CancellationToken cancellationToken)
    {
        // Livestream drafts (typing activities with text) are read as the growing answer: they carry the label too.
        if (activity.IsMessage || !string.IsNullOrEmpty(activity.Text))
        {
            AiLabel.Apply(activity);
        }

        return StoreAndDeliverAsync(conversation, activity, cancellationToken);
    }

    /// <summary>A message a city staff member wrote: no AI label, the author named as staff in the message entity and the sender name.</summary>
    public Task<StoredActivity> SendFromStaffAsync(ConversationRecord conversation, Activity activity, string staffName, CancellationToken cancellationToken)
    {
        StaffLabel.Apply(activity, staffName);
        return StoreAndDeliverAsync(conversation, activity, cancellationToken);
    }

    private async Task<StoredActivity> StoreAndDeliverAsync(ConversationRecord conversation, Activity activity, CancellationToken cancellationToken)
    {
        using var span = CitizenBotTelemetry.StartDelivery(activity.Type ?? "unknown", conversation.Key.Transport);
        activity.Id = null;
        activity.Timestamp = time.GetUtcNow();
        activity.Conversation ??= new ConversationAccount { Id = conversation.Key.ConversationId };
        activity.ChannelId ??= conversation.ChannelId;
        activity.ServiceUrl ??= conversation.ServiceUrl;

        var stored = (await store.AppendAsync(conversation.Key, ActivityDirection.Outbound, activity, cancellationToken)).Stored;
        logger.LogInformation(
            "Sent {ActivityType} {ActivityId} to {Transport} conversation {ConversationId} ({TextLength} characters)",
            stored.Activity.Type,
            stored.Activity.Id,
            conversation.Key.Transport,
            conversation.Key.ConversationId,
            stored.Activity.Text?.Length ?? 0);

        if (!_transports.TryGetValue(conversation.Key.Transport, out var transport))
        {
            throw new InvalidOperationException($"No reply transport is registered for '{conversation.Key.Transport}'.");
        }

        await transport.DeliverAsync(conversation, stored, cancellationToken);
        return stored;
    }
}
