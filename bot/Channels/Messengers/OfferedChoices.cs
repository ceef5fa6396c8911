using System.Text.Json.Nodes;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;

namespace CitizenBot.Channels.Messengers;

/// <summary>
/// Finds the button a citizen picked on a messenger that carries only a short key (Telegram callback_data ≤ 64 bytes)
/// or a number (Matrix): the stored bot message is the key table, so nothing extra is kept and restarts lose nothing.
/// </summary>
public sealed class OfferedChoices(IConversationStore store)
{
    /// <summary>How far back a typed number may refer; older offers are treated as ordinary text.</summary>
    private const int RecentActivities = 20;

    /// <summary>The bot message stored at <paramref name="sequence"/>, when it is one.</summary>
    public async Task<Activity?> BotMessageAtAsync(ConversationKey key, long sequence, CancellationToken cancellationToken)
    {
        var stored = (await store.ReadAfterAsync(key, sequence - 1, 1, cancellationToken)).SingleOrDefault();
        return stored is { Direction: ActivityDirection.Outbound, Sequence: var found } && found == sequence && stored.Activity.IsMessage
            ? stored.Activity
            : null;
    }

    /// <summary>The most recent bot message, when it offered buttons; a later citizen message means the offer was passed over.</summary>
    public async Task<Activity?> LatestOfferAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        var conversation = await store.FindAsync(key, cancellationToken);
        if (conversation is null)
        {
            return null;
        }

        var recent = await store.ReadAfterAsync(key, conversation.LastSequence - RecentActivities, RecentActivities, cancellationToken);
        var last = recent.LastOrDefault(stored => stored.Activity.IsMessage);
        return last is { Direction: ActivityDirection.Outbound } && MessengerText.Choices(last.Activity).Count > 0 ? last.Activity : null;
    }

    /// <summary>Turns a picked button into the citizen's message, as Web Chat posts it: imBack sends its value, messageBack its text and value.</summary>
    public static void ApplyChoice(Activity message, CardAction choice)
    {
        switch (choice.Type)
        {
            case "messageBack" or "postBack":
                message.Text = choice.Text ?? choice.DisplayText ?? choice.Title;
                message.Value = choice.Value?.DeepClone();
                break;
            default:
                message.Text = choice.Value is JsonValue value && value.TryGetValue<string>(out var text) ? text : choice.Title;
                break;
        }
    }
}
