using System.Globalization;
using CitizenBot.Channels.Messengers;
using CitizenBot.Conversation;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace CitizenBot.Channels.Telegram;

/// <summary>
/// Delivers bot messages to a Telegram chat with sendMessage: Markdown as Telegram HTML, the AI label and source as a
/// footer in words, suggested actions and feedback as inline buttons whose callback_data points at the stored message.
/// </summary>
public sealed class TelegramTransport : IReplyTransport
{
    public const string Name = "telegram";
    public const string HttpClientName = "Telegram.BotApi";

    private readonly MessengerText _text;
    private readonly ILogger<TelegramTransport> _logger;
    private readonly Lazy<TelegramBotClient> _client;

    public TelegramTransport(IOptions<TelegramOptions> options, IHttpClientFactory clients, MessengerText text, ILogger<TelegramTransport> logger)
    {
        _text = text;
        _logger = logger;
        _client = new(() => options.Value.IsOn
            ? new TelegramBotClient(new TelegramBotClientOptions(options.Value.BotToken!, options.Value.ApiBaseUrl), clients.CreateClient(HttpClientName))
            : throw new InvalidOperationException("The Telegram channel is off; nothing can be delivered to Telegram."));
    }

    public string Transport => Name;

    /// <summary>Sends the Telegram Bot API request that answers a button press, so the citizen's client stops its spinner.</summary>
    public Task AcknowledgeButtonAsync(string callbackQueryId, CancellationToken cancellationToken) =>
        _client.Value.AnswerCallbackQuery(callbackQueryId, cancellationToken: cancellationToken);

    public async Task DeliverAsync(ConversationRecord conversation, StoredActivity activity, CancellationToken cancellationToken)
    {
        if (!activity.Activity.IsMessage)
        {
            // Handoff events and typing are for Web Chat and the agent hub; a Telegram chat shows only messages.
            return;
        }

        var chatId = long.Parse(conversation.Key.ConversationId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var html = MarkdownRendering.ToTelegramHtml(_text.Compose(activity.Activity, withNumberedChoices: false));
        var sent = await _client.Value.SendMessage(
            chatId,
            html,
            ParseMode.Html,
            replyMarkup: Keyboard(activity),
            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
            cancellationToken: cancellationToken);
        _logger.LogInformation(
            "Delivered activity {ActivityId} to Telegram chat {ChatId} as message {TelegramMessageId}", activity.Activity.Id, chatId, sent.Id);
    }

    private InlineKeyboardMarkup? Keyboard(StoredActivity stored)
    {
        var rows = MessengerText.Choices(stored.Activity)
            .Select((choice, index) => new[] { Button(choice, CallbackKey.ForChoice(stored.Sequence, index)) })
            .ToList();
        if (MessengerText.OffersFeedback(stored.Activity))
        {
            rows.Add(
            [
                InlineKeyboardButton.WithCallbackData(_text.FeedbackTitle(stored.Activity, helpful: true), CallbackKey.ForFeedback(stored.Sequence, helpful: true)),
                InlineKeyboardButton.WithCallbackData(_text.FeedbackTitle(stored.Activity, helpful: false), CallbackKey.ForFeedback(stored.Sequence, helpful: false)),
            ]);
        }

        return rows.Count == 0 ? null : new InlineKeyboardMarkup(rows);
    }

    private static InlineKeyboardButton Button(CardAction choice, string callbackData) =>
        choice.Type == "openUrl" && Uri.TryCreate(choice.Value?.ToString(), UriKind.Absolute, out var url)
            ? InlineKeyboardButton.WithUrl(choice.Title!, url.AbsoluteUri)
            : InlineKeyboardButton.WithCallbackData(choice.Title!, callbackData);
}
