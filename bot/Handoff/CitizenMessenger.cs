using System.Text.Json.Nodes;
using CitizenBot.Channels;
using CitizenBot.Conversation;
using CitizenBot.SharedKernel;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>
/// Writes to a citizen's conversation outside a turn (an agent accepted, replied, closed; the queue moved),
/// always through the <see cref="OutgoingPipeline"/>.
/// </summary>
public sealed class CitizenMessenger(IConversationStore conversations, OutgoingPipeline outgoing, CitizenTexts texts, IOptions<ChannelOptions> channel)
{
    public async Task SendTextAsync(ConversationKey key, string language, string text, IReadOnlyList<string>? buttons, CancellationToken cancellationToken)
    {
        var (conversation, activity) = await NewActivityAsync(key, ActivityTypes.Message, cancellationToken);
        activity.Text = text;
        activity.TextFormat = "markdown";
        activity.Locale = language;
        activity.SuggestedActions = Buttons(buttons);
        await outgoing.SendAsync(conversation, activity, cancellationToken);
    }

    public async Task SendFromStaffAsync(ConversationKey key, string language, string text, CancellationToken cancellationToken)
    {
        var (conversation, activity) = await NewActivityAsync(key, ActivityTypes.Message, cancellationToken);
        activity.Text = text;
        activity.Locale = language;
        await outgoing.SendFromStaffAsync(conversation, activity, texts.Get(HandoffTextKeys.StaffName, language), cancellationToken);
    }

    public async Task SendEventAsync(ConversationKey key, string name, JsonNode value, IReadOnlyList<Attachment>? attachments, CancellationToken cancellationToken)
    {
        var (conversation, activity) = await NewActivityAsync(key, ActivityTypes.Event, cancellationToken);
        activity.Name = name;
        activity.Value = value;
        activity.Attachments = attachments?.ToList();
        await outgoing.SendAsync(conversation, activity, cancellationToken);
    }

    /// <summary>Buttons that post their title back as the citizen's message, so every channel understands them.</summary>
    public static SuggestedActions? Buttons(IReadOnlyList<string>? titles) =>
        titles is null || titles.Count == 0
            ? null
            : new SuggestedActions { Actions = titles.Select(title => new CardAction { Type = "imBack", Title = title, Value = title }).ToList() };

    private async Task<(ConversationRecord Conversation, Activity Activity)> NewActivityAsync(ConversationKey key, string type, CancellationToken cancellationToken)
    {
        var conversation = await conversations.FindAsync(key, cancellationToken)
            ?? throw new InvalidOperationException($"Conversation {key} does not exist.");
        var activity = new Activity
        {
            Type = type,
            From = new ChannelAccount { Id = channel.Value.BotId, Name = channel.Value.BotName, Role = "bot" },
            Recipient = conversation.UserId is null ? null : new ChannelAccount { Id = conversation.UserId, Role = "user" },
        };
        return (conversation, activity);
    }
}
