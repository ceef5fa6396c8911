using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;

namespace CitizenBot.Conversation;

/// <summary>One incoming activity and the means to answer it.</summary>
public sealed class TurnContext(Activity activity, ConversationRecord conversation, ConversationState state, OutgoingPipeline outgoing, string language)
{
    public Activity Activity { get; } = activity;

    public ConversationRecord Conversation { get; } = conversation;

    public ConversationState State { get; } = state;

    /// <summary>The citizen's language for this turn's replies: the conversation's, until the message shows another.</summary>
    public string Language { get; set; } = language;

    /// <summary>The citizen's channel can show an answer as it grows.</summary>
    public bool ShowsLivestreams => outgoing.ShowsLivestreams(Conversation);

    /// <summary>A message of this turn has reached the citizen (stored for delivery).</summary>
    public bool Replied { get; private set; }

    public async Task<StoredActivity> SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        var sent = await outgoing.SendAsync(Conversation, reply, cancellationToken);
        Replied |= sent.Activity.IsMessage;
        return sent;
    }

    public Task<StoredActivity> SendTextAsync(string text, CancellationToken cancellationToken) =>
        SendAsync(CreateTextReply(text), cancellationToken);

    /// <summary>A Markdown reply in the citizen's language, for callers that add citations or buttons before sending.</summary>
    public Activity CreateTextReply(string text)
    {
        var reply = Activity.CreateReply(text);
        reply.TextFormat = "markdown";
        reply.Locale = Language;
        return reply;
    }
}
