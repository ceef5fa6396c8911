using System.Globalization;
using System.Text.Json.Nodes;
using CitizenBot.Channels.Messengers;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.Matrix;

/// <summary>A room event turned into an activity, or the reason it is ignored (logged, never its content).</summary>
public sealed record MatrixTurn(ConversationKey Key, string Sender, Activity? Activity, string Kind, bool JoinFirst = false);

/// <summary>
/// Maps application-service events to activities at the edge: m.text messages (a number picks an offered choice),
/// an invitation of the bot as the citizen joining; edits, the bot's own messages and other events are ignored;
/// files, images and stickers become a message without a question, which the bot answers politely.
/// </summary>
public sealed class MatrixEvents(IOptions<MatrixOptions> options, IOptions<ChannelOptions> channel, OfferedChoices choices)
{
    public const string ChannelId = "matrix";

    private static readonly HashSet<string> NonTextMessages = ["m.image", "m.file", "m.audio", "m.video", "m.location"];

    public static ConversationKey KeyOf(string roomId) => new(MatrixTransport.Name, roomId);

    private ChannelAccount Bot => new() { Id = channel.Value.BotId, Name = channel.Value.BotName, Role = "bot" };

    public async Task<MatrixTurn?> MapAsync(JsonObject roomEvent, CancellationToken cancellationToken)
    {
        var type = Text(roomEvent, "type");
        var roomId = Text(roomEvent, "room_id");
        var sender = Text(roomEvent, "sender");
        if (roomId is null || sender is null || type is null)
        {
            return null;
        }

        var key = KeyOf(roomId);
        if (sender == options.Value.BotUserId)
        {
            return new MatrixTurn(key, sender, null, "own message");
        }

        var content = roomEvent["content"] as JsonObject;
        switch (type)
        {
            case "m.room.member" when Text(roomEvent, "state_key") == options.Value.BotUserId && Text(content, "membership") == "invite":
                var joined = NewActivity(roomEvent, roomId, sender, ActivityTypes.ConversationUpdate);
                joined.MembersAdded = [Bot, joined.From!];
                return new MatrixTurn(key, sender, joined, "invite", JoinFirst: true);
            case "m.sticker":
                return new MatrixTurn(key, sender, NewActivity(roomEvent, roomId, sender, ActivityTypes.Message), "sticker");
            case "m.room.message" when Text(content?["m.relates_to"] as JsonObject, "rel_type") == "m.replace":
                return new MatrixTurn(key, sender, null, "edit");
            case "m.room.message" when Text(content, "msgtype") is "m.text" or "m.emote":
                var message = NewActivity(roomEvent, roomId, sender, ActivityTypes.Message);
                message.Text = Limit(Text(content, "body"));
                await ApplyNumberedChoiceAsync(key, message, cancellationToken);
                return new MatrixTurn(key, sender, message, "message");
            case "m.room.message" when Text(content, "msgtype") is { } msgtype && NonTextMessages.Contains(msgtype):
                return new MatrixTurn(key, sender, NewActivity(roomEvent, roomId, sender, ActivityTypes.Message), msgtype);
            default:
                return new MatrixTurn(key, sender, null, type);
        }
    }

    /// <summary>Matrix has no buttons: the bot lists choices with numbers, and "2" means the second one.</summary>
    private async Task ApplyNumberedChoiceAsync(ConversationKey key, Activity message, CancellationToken cancellationToken)
    {
        if (!int.TryParse(message.Text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1
            || await choices.LatestOfferAsync(key, cancellationToken) is not { } offer)
        {
            return;
        }

        var offered = MessengerText.Choices(offer);
        if (number <= offered.Count)
        {
            OfferedChoices.ApplyChoice(message, offered[number - 1]);
        }
    }

    private Activity NewActivity(JsonObject roomEvent, string roomId, string sender, string type) => new()
    {
        Type = type,
        ChannelId = ChannelId,
        Timestamp = DateTimeOffset.UtcNow,
        Conversation = new ConversationAccount { Id = roomId },
        From = new ChannelAccount { Id = sender, Role = "user" },
        Recipient = Bot,
        // Event ids are unique per homeserver: an event seen again in another transaction is still one turn.
        ChannelData = Text(roomEvent, "event_id") is { } eventId ? new JsonObject { ["clientActivityID"] = "matrix-event-" + eventId } : null,
    };

    private string? Limit(string? text) =>
        text is not null && text.Length > channel.Value.MaxTextLength ? text[..channel.Value.MaxTextLength] : text;

    private static string? Text(JsonObject? source, string property) =>
        source?[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
