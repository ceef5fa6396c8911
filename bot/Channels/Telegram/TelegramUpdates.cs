using System.Globalization;
using System.Text.Json.Nodes;
using CitizenBot.Channels.Messengers;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CitizenBot.Channels.Telegram;

/// <summary>An update turned into an activity for a Telegram chat, or the reason it is ignored (logged, never its content).</summary>
public sealed record TelegramTurn(ConversationKey Key, string UserId, string? Locale, Activity? Activity, string Kind, string? CallbackQueryId = null);

/// <summary>
/// Maps Telegram updates to activities at the edge: private-chat messages, /start as the citizen joining, commands as the
/// words they stand for, button presses as the button's message. Edits, group chats and other update kinds are ignored.
/// </summary>
public sealed class TelegramUpdates(IOptions<TelegramOptions> options, IOptions<ChannelOptions> channel, OfferedChoices choices)
{
    public const string ChannelId = "telegram";

    /// <summary>Messages a citizen may send instead of text; the bot answers them as a message without a question.</summary>
    private static readonly HashSet<MessageType> CitizenContent =
    [
        MessageType.Text, MessageType.Photo, MessageType.Sticker, MessageType.Document, MessageType.Video, MessageType.Voice,
        MessageType.Audio, MessageType.Animation, MessageType.VideoNote, MessageType.Location, MessageType.Contact,
        MessageType.Venue, MessageType.Poll, MessageType.Dice,
    ];

    public static ConversationKey KeyOf(long chatId) => new(TelegramTransport.Name, chatId.ToString(CultureInfo.InvariantCulture));

    private ChannelAccount Bot => new() { Id = channel.Value.BotId, Name = channel.Value.BotName, Role = "bot" };

    public async Task<TelegramTurn?> MapAsync(Update update, CancellationToken cancellationToken)
    {
        // Telegram always sends a chat and a sender; an update without them is not Telegram's and is ignored.
        if (update.Message is { Chat: not null } message)
        {
            return Map(update, message);
        }

        if (update.CallbackQuery is { Message.Chat: not null, From: not null } callback && callback.Message is { } pressedOn)
        {
            return await MapButtonAsync(update, callback, pressedOn, cancellationToken);
        }

        return null;
    }

    private TelegramTurn? Map(Update update, Message message)
    {
        if (message.Chat.Type != ChatType.Private || message.From is not { IsBot: false } user)
        {
            return Ignored(message, user: null, "group or bot message");
        }

        if (!CitizenContent.Contains(message.Type))
        {
            return Ignored(message, user, message.Type.ToString());
        }

        var activity = NewActivity(update, message.Chat.Id, user, ActivityTypes.Message);
        var text = message.Text ?? message.Caption;
        if (Command(text) is { } command)
        {
            if (command == "start")
            {
                activity.Type = ActivityTypes.ConversationUpdate;
                activity.MembersAdded = [Bot, activity.From!];
                return Turn(message.Chat.Id, user, activity, "start");
            }

            text = options.Value.Commands.GetValueOrDefault(command) ?? text;
        }

        activity.Text = Limit(text);
        return Turn(message.Chat.Id, user, activity, message.Type == MessageType.Text ? "message" : message.Type.ToString());
    }

    private async Task<TelegramTurn?> MapButtonAsync(Update update, CallbackQuery callback, Message pressedOn, CancellationToken cancellationToken)
    {
        var chatId = pressedOn.Chat.Id;
        if (pressedOn.Chat.Type != ChatType.Private || CallbackKey.Parse(callback.Data) is not { } key
            || await choices.BotMessageAtAsync(KeyOf(chatId), key.Sequence, cancellationToken) is not { } offer)
        {
            return new TelegramTurn(KeyOf(chatId), UserIdOf(callback.From), callback.From.LanguageCode, null, "stale button", callback.Id);
        }

        var activity = NewActivity(update, chatId, callback.From, ActivityTypes.Message);
        if (key.Feedback is { } helpful)
        {
            // Web Chat's feedback buttons post this invoke; the same activity comes from Telegram's 👍/👎.
            activity.Type = ActivityTypes.Invoke;
            activity.Name = "message/submitAction";
            activity.ReplyToId = offer.Id;
            activity.Value = new JsonObject
            {
                ["actionName"] = "feedback",
                ["actionValue"] = new JsonObject { ["reaction"] = helpful ? "like" : "dislike" },
            };
            return Turn(chatId, callback.From, activity, "feedback", callback.Id);
        }

        var offered = MessengerText.Choices(offer);
        if (key.Choice is not { } index || index >= offered.Count)
        {
            return new TelegramTurn(KeyOf(chatId), UserIdOf(callback.From), callback.From.LanguageCode, null, "stale button", callback.Id);
        }

        OfferedChoices.ApplyChoice(activity, offered[index]);
        return Turn(chatId, callback.From, activity, "button", callback.Id);
    }

    private Activity NewActivity(Update update, long chatId, User user, string type) => new()
    {
        Type = type,
        ChannelId = ChannelId,
        Timestamp = DateTimeOffset.UtcNow,
        Conversation = new ConversationAccount { Id = chatId.ToString(CultureInfo.InvariantCulture) },
        From = new ChannelAccount { Id = UserIdOf(user), Role = "user" },
        Recipient = Bot,
        Locale = user.LanguageCode,
        // The store keeps an activity once per client id: a redelivered update_id never becomes a second turn.
        ChannelData = new JsonObject { ["clientActivityID"] = string.Create(CultureInfo.InvariantCulture, $"telegram-update-{update.Id}") },
    };

    private static TelegramTurn Turn(long chatId, User user, Activity activity, string kind, string? callbackQueryId = null) =>
        new(KeyOf(chatId), UserIdOf(user), user.LanguageCode, activity, kind, callbackQueryId);

    private static TelegramTurn Ignored(Message message, User? user, string kind) =>
        new(KeyOf(message.Chat.Id), user is null ? "" : UserIdOf(user), user?.LanguageCode, null, kind);

    private static string UserIdOf(User user) => user.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>"/start", "/mensch@CityBot payload" → "start", "mensch".</summary>
    private static string? Command(string? text)
    {
        if (text is not ['/', ..])
        {
            return null;
        }

        var word = text[1..].Split(' ', 2)[0].Split('@', 2)[0];
        return word.Length > 0 ? word.ToLowerInvariant() : null;
    }

    private string? Limit(string? text) =>
        text is not null && text.Length > channel.Value.MaxTextLength ? text[..channel.Value.MaxTextLength] : text;
}

/// <summary>
/// The callback_data of an inline button, far below Telegram's 64 bytes: "a{seq}.{index}" picks a suggested action and
/// "f{seq}.l|d" gives feedback, both on the bot message stored at seq.
/// </summary>
public sealed record CallbackKey(long Sequence, int? Choice, bool? Feedback)
{
    public static string ForChoice(long sequence, int index) => string.Create(CultureInfo.InvariantCulture, $"a{sequence}.{index}");

    public static string ForFeedback(long sequence, bool helpful) => string.Create(CultureInfo.InvariantCulture, $"f{sequence}.{(helpful ? 'l' : 'd')}");

    public static CallbackKey? Parse(string? data)
    {
        if (data is not { Length: >= 4 and <= 64 } || data.Split('.') is not [var head, var tail]
            || !long.TryParse(head.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return null;
        }

        return (head[0], tail) switch
        {
            ('a', _) when int.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out var index) => new CallbackKey(sequence, index, null),
            ('f', "l") => new CallbackKey(sequence, null, true),
            ('f', "d") => new CallbackKey(sequence, null, false),
            _ => null,
        };
    }
}
