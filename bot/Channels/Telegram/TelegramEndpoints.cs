using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CitizenBot.Channels.Messengers;
using CitizenBot.Conversation;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace CitizenBot.Channels.Telegram;

/// <summary>
/// POST /api/telegram, the webhook given to setWebhook with a secret_token. Mapped only when the channel is fully
/// configured; every update is acknowledged with 200 once handled, so Telegram never redelivers a handled one. A chat over
/// its rate limit is answered 429 with Retry-After: Telegram delivers that update again later, so nothing is lost.
/// </summary>
public static class TelegramEndpoints
{
    public const string WebhookPath = "/api/telegram";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static IEndpointRouteBuilder MapTelegram(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<TelegramOptions>>().Value;
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelegramEndpoints));
        if (options.IsOn)
        {
            app.MapPost(WebhookPath, ReceiveAsync).WithTags("Telegram");
            logger.LogInformation("Telegram channel is on: updates arrive at {WebhookPath}", WebhookPath);
        }
        else if (options.Enabled)
        {
            logger.LogWarning("Telegram channel is off although enabled: {MissingSettings} not set", string.Join(", ", options.MissingSettings));
        }

        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        IOptions<TelegramOptions> options,
        IOptions<ChannelOptions> channel,
        TelegramUpdates updates,
        ProcessedDeliveries deliveries,
        IConversationStore store,
        TurnProcessor turns,
        TelegramTransport transport,
        CitizenRateLimiter limits,
        ILogger<TelegramTransport> logger,
        CancellationToken cancellationToken)
    {
        if (Refused(request, options.Value.SecretToken!, logger) is { } refused)
        {
            return refused;
        }

        var body = await ActivityReader.ReadBoundedAsync(request.Body, channel.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return ChannelProblems.Problem(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "The request body is too large.");
        }

        Update? update;
        try
        {
            update = Utf8.IsValid(body) ? JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options) : null;
        }
        catch (JsonException)
        {
            update = null;
        }

        if (update is null)
        {
            return ChannelProblems.BadRequest("MalformedUpdate", "The body is not a Telegram Update object.");
        }

        var deliveryId = update.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await deliveries.WasProcessedAsync(TelegramUpdates.ChannelId, deliveryId, cancellationToken))
        {
            logger.LogInformation("Ignored repeated Telegram update {UpdateId}", update.Id);
            return Results.Ok();
        }

        var turn = await updates.MapAsync(update, cancellationToken);
        if (turn?.Activity is not null && limits.TryAcquireConversation(TelegramUpdates.ChannelId, turn.Key.ConversationId) is { } wait)
        {
            logger.LogDebug("Telegram update {UpdateId} for chat {ChatId} over the chat's rate limit; Telegram delivers it again later", update.Id, turn.Key.ConversationId);
            request.HttpContext.Response.Headers.RetryAfter = CitizenRateLimiter.RetryAfterSeconds(wait);
            return ChannelProblems.Problem(StatusCodes.Status429TooManyRequests, "TooManyRequests", "This chat sends too many messages; deliver the update again later.");
        }

        if (turn?.CallbackQueryId is { } callbackQueryId)
        {
            await AcknowledgeAsync(transport, callbackQueryId, logger, cancellationToken);
        }

        if (turn?.Activity is { } activity)
        {
            logger.LogInformation("Telegram update {UpdateId} ({Kind}) for chat {ChatId}", update.Id, turn.Kind, turn.Key.ConversationId);
            var conversation = await store.EnsureAsync(turn.Key, TelegramUpdates.ChannelId, null, turn.UserId, turn.Locale, cancellationToken);
            if (turn.Locale is { Length: > 0 } locale && locale != conversation.Locale)
            {
                await store.SetLocaleAsync(turn.Key, locale, cancellationToken);
            }

            await turns.ProcessAsync(conversation, activity, cancellationToken);
        }
        else
        {
            logger.LogInformation("Ignored Telegram update {UpdateId} of kind {Kind}", update.Id, turn?.Kind ?? update.Type.ToString());
        }

        await deliveries.MarkProcessedAsync(TelegramUpdates.ChannelId, deliveryId, cancellationToken);
        return Results.Ok();
    }

    /// <summary>Compares hashes in constant time, so neither the token's content nor its length leaks through timing.</summary>
    private static IResult? Refused(HttpRequest request, string secretToken, ILogger logger)
    {
        if (!request.Headers.TryGetValue(SecretHeader, out var sent) || sent.Count != 1 || string.IsNullOrEmpty(sent[0]))
        {
            logger.LogWarning("Refused a Telegram webhook call without the secret token header");
            return ChannelProblems.Unauthorized("MissingSecretToken", $"Send the webhook's secret token in {SecretHeader}.");
        }

        var matches = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(sent[0]!)), SHA256.HashData(Encoding.UTF8.GetBytes(secretToken)));
        if (!matches)
        {
            logger.LogWarning("Refused a Telegram webhook call with a wrong secret token");
            return ChannelProblems.Forbidden("WrongSecretToken", "The secret token does not match this bot's webhook.");
        }

        return null;
    }

    private static async Task AcknowledgeAsync(TelegramTransport transport, string callbackQueryId, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await transport.AcknowledgeButtonAsync(callbackQueryId, cancellationToken);
        }
        catch (Exception exception) when (exception is ApiRequestException or RequestException or HttpRequestException)
        {
            // Only the client's spinner depends on it; the press itself is still answered.
            logger.LogWarning(exception, "Could not acknowledge a Telegram button press");
        }
    }
}
