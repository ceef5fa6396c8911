using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CitizenBot.Channels.Messengers;
using CitizenBot.Conversation;
using CitizenBot.Handoff;
using CitizenBot.SharedKernel;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.Matrix;

/// <summary>
/// PUT /_matrix/app/v1/transactions/{txnId}, where the homeserver pushes room events to the application service.
/// Mapped only when the channel is fully configured. Answers in the Matrix error format the homeserver expects.
/// A room over its rate limit is not answered 429: the homeserver sends every room's events in one queue and would hold
/// back everyone's messages behind it. Its messages beyond the limit are left unanswered and the room is told once a minute.
/// </summary>
public static class MatrixEndpoints
{
    public const string TransactionsPath = "/_matrix/app/v1/transactions/{txnId}";

    public static IEndpointRouteBuilder MapMatrix(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MatrixOptions>>().Value;
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MatrixEndpoints));
        if (options.IsOn)
        {
            app.MapPut(TransactionsPath, ReceiveAsync).WithTags("Matrix");
            logger.LogInformation("Matrix channel is on as {BotUserId} with homeserver {HomeserverUrl}", options.BotUserId, options.HomeserverUrl);
        }
        else if (options.Enabled)
        {
            logger.LogWarning("Matrix channel is off although enabled: {MissingSettings} not set", string.Join(", ", options.MissingSettings));
        }

        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string txnId,
        HttpRequest request,
        IOptions<MatrixOptions> options,
        IOptions<ChannelOptions> channel,
        MatrixEvents events,
        ProcessedDeliveries deliveries,
        IConversationStore store,
        TurnProcessor turns,
        MatrixTransport transport,
        CitizenRateLimiter limits,
        CitizenMessenger messenger,
        CitizenTexts texts,
        ILogger<MatrixTransport> logger,
        CancellationToken cancellationToken)
    {
        if (Refused(request, options.Value.HsToken!, logger) is { } refused)
        {
            return refused;
        }

        if (await deliveries.WasProcessedAsync(MatrixEvents.ChannelId, txnId, cancellationToken))
        {
            logger.LogInformation("Ignored repeated Matrix transaction {TransactionId}", txnId);
            return Results.Json(new JsonObject());
        }

        var body = await ActivityReader.ReadBoundedAsync(request.Body, channel.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "M_TOO_LARGE", "The transaction is too large.");
        }

        JsonArray? roomEvents;
        try
        {
            roomEvents = Utf8.IsValid(body) && JsonNode.Parse(body) is JsonObject transaction ? transaction["events"] as JsonArray : null;
        }
        catch (JsonException)
        {
            roomEvents = null;
        }

        if (roomEvents is null)
        {
            return Error(StatusCodes.Status400BadRequest, "M_BAD_JSON", "The body must be a transaction with an 'events' array.");
        }

        foreach (var roomEvent in roomEvents.OfType<JsonObject>())
        {
            var turn = await events.MapAsync(roomEvent, cancellationToken);
            if (turn?.Activity is not { } activity)
            {
                logger.LogInformation("Ignored Matrix event of kind {Kind} in transaction {TransactionId}", turn?.Kind ?? "malformed", txnId);
                continue;
            }

            logger.LogInformation("Matrix event ({Kind}) in room {RoomId}", turn.Kind, turn.Key.ConversationId);
            if (turn.JoinFirst)
            {
                await transport.JoinAsync(turn.Key.ConversationId, cancellationToken);
            }

            var conversation = await store.EnsureAsync(turn.Key, MatrixEvents.ChannelId, null, turn.Sender, null, cancellationToken);
            if (limits.TryAcquireConversation(MatrixEvents.ChannelId, turn.Key.ConversationId) is not null)
            {
                logger.LogDebug("Matrix event in room {RoomId} over the room's rate limit; not answered", turn.Key.ConversationId);
                if (limits.FirstRefusalThisMinute(MatrixEvents.ChannelId, turn.Key.ConversationId))
                {
                    var language = texts.LanguageOf(conversation.Locale);
                    await messenger.SendTextAsync(turn.Key, language, texts.Get(MessengerTextKeys.TooManyMessages, language), null, cancellationToken);
                }

                continue;
            }

            await turns.ProcessAsync(conversation, activity, cancellationToken);
        }

        await deliveries.MarkProcessedAsync(MatrixEvents.ChannelId, txnId, cancellationToken);
        return Results.Json(new JsonObject());
    }

    /// <summary>The hs_token as "Authorization: Bearer" (Matrix 1.4+) or the legacy access_token query; compared in constant time.</summary>
    private static IResult? Refused(HttpRequest request, string hsToken, ILogger logger)
    {
        var header = request.Headers.Authorization.ToString();
        var sent = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(sent))
        {
            logger.LogWarning("Refused a Matrix transaction without the homeserver token");
            return Error(StatusCodes.Status401Unauthorized, "M_UNAUTHORIZED", "The homeserver token is missing.");
        }

        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(hsToken))))
        {
            logger.LogWarning("Refused a Matrix transaction with a wrong homeserver token");
            return Error(StatusCodes.Status403Forbidden, "M_FORBIDDEN", "The homeserver token does not match this application service.");
        }

        return null;
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new JsonObject { ["errcode"] = code, ["error"] = message }, statusCode: status);
}
