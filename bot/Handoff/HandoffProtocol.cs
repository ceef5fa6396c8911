using System.Text.Json.Nodes;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;

namespace CitizenBot.Handoff;

/// <summary>
/// The Bot Framework handoff protocol on the conversation: the event <c>handoff.initiate</c> (context in value, transcript
/// as an attachment) when a citizen joins the queue, and <c>handoff.status</c> (accepted, failed, completed) as it goes on.
/// </summary>
public sealed class HandoffProtocol(CitizenMessenger messenger, HandoffTranscript transcripts, ContactCentreWebhook contactCentre)
{
    public const string InitiateEvent = "handoff.initiate";
    public const string StatusEvent = "handoff.status";
    public const string TranscriptContentType = "application/vnd.microsoft.activity.transcript";

    public async Task InitiateAsync(HandoffCase handoffCase, CancellationToken cancellationToken)
    {
        var visible = await transcripts.VisibleAsync(handoffCase, cancellationToken);
        var transcript = new JsonObject
        {
            ["activities"] = new JsonArray([.. visible.Select(stored => JsonNode.Parse(ActivityJson.Serialize(stored.Activity)))]),
        };
        var context = new JsonObject
        {
            ["caseId"] = handoffCase.Id,
            ["reason"] = handoffCase.Reason.ToString(),
            ["language"] = handoffCase.Language,
            ["priority"] = handoffCase.Priority,
            ["consentToHistory"] = handoffCase.Consent == true,
        };
        await messenger.SendEventAsync(
            handoffCase.Conversation, InitiateEvent, context, [new Attachment { ContentType = TranscriptContentType, Content = transcript }], cancellationToken);
        await contactCentre.EnqueueAsync(
            InitiateEvent,
            handoffCase.Id,
            new JsonObject
            {
                ["value"] = context.DeepClone(),
                ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = TranscriptContentType, ["content"] = transcript.DeepClone() }),
            },
            cancellationToken);
    }

    public async Task StatusAsync(HandoffCase handoffCase, string state, CancellationToken cancellationToken)
    {
        await messenger.SendEventAsync(handoffCase.Conversation, StatusEvent, new JsonObject { ["state"] = state }, null, cancellationToken);
        await contactCentre.EnqueueAsync(StatusEvent, handoffCase.Id, new JsonObject { ["value"] = new JsonObject { ["state"] = state } }, cancellationToken);
    }

    /// <summary>Tells the contact centre the citizen left the queue or the conversation; the channel needs no event for it.</summary>
    public Task CancelledAsync(HandoffCase handoffCase, CancellationToken cancellationToken) =>
        contactCentre.EnqueueAsync(StatusEvent, handoffCase.Id, new JsonObject { ["value"] = new JsonObject { ["state"] = HandoffStatus.Cancelled } }, cancellationToken);

    /// <summary>A citizen's message while a contact centre serves the case, passed on for its agent.</summary>
    public Task CitizenMessageAsync(HandoffCase handoffCase, string? text, CancellationToken cancellationToken) =>
        contactCentre.EnqueueAsync("message", handoffCase.Id, new JsonObject { ["text"] = text }, cancellationToken);
}

/// <summary>The protocol's handoff.status states.</summary>
public static class HandoffStatus
{
    public const string Accepted = "accepted";
    public const string Failed = "failed";
    public const string Completed = "completed";

    /// <summary>Only towards a contact centre: the citizen cancelled before or during the conversation.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>What staff may see of a conversation: everything with the citizen's consent, otherwise only what followed the answer.</summary>
public sealed class HandoffTranscript(IConversationStore conversations)
{
    private const int Page = 500;

    public async Task<IReadOnlyList<StoredActivity>> VisibleAsync(HandoffCase handoffCase, CancellationToken cancellationToken)
    {
        var visible = new List<StoredActivity>();
        var watermark = handoffCase.VisibleFromSequence;
        while (true)
        {
            var page = await conversations.ReadAfterAsync(handoffCase.Conversation, watermark, Page, cancellationToken);
            visible.AddRange(page.Where(stored => stored.Activity.IsMessage));
            if (page.Count < Page)
            {
                return visible;
            }

            watermark = page[^1].Sequence;
        }
    }
}
