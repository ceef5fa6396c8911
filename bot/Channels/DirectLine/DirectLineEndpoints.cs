using System.Globalization;
using System.Text.Json;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>The Direct Line 3.0 REST API at /v3/directline, as real clients (Web Chat, botframework-directlinejs) call it.</summary>
public static class DirectLineEndpoints
{
    public const string BasePath = "/v3/directline";

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath).WithTags("Direct Line 3.0");
        api.MapPost("/tokens/generate", GenerateTokenAsync).RequireCitizenRateLimit(ClientLimit.ConversationStarts);
        api.MapPost("/tokens/refresh", RefreshTokenAsync).RequireCitizenRateLimit(ClientLimit.ConversationStarts);
        api.MapPost("/conversations", StartConversationAsync).RequireCitizenRateLimit(ClientLimit.ConversationStarts);
        api.MapGet("/conversations/{conversationId}", ReconnectAsync);
        api.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        api.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).RequireCitizenRateLimit(ClientLimit.Messages, perConversation: true);
        api.MapPost("/conversations/{conversationId}/upload", UploadAsync).RequireCitizenRateLimit(ClientLimit.Messages, perConversation: true);
        api.MapGet("/conversations/{conversationId}/stream", DirectLineSocket.AcceptAsync);
        return app;
    }

    private static async Task<IResult> GenerateTokenAsync(
        HttpRequest request, DirectLineAuthenticator authenticator, DirectLineConversations conversations, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var (caller, problem) = await authenticator.AuthenticateAsync(DirectLineAuthenticator.BearerFrom(request));
        if (problem is not null)
        {
            return problem;
        }

        if (caller!.Secret is null)
        {
            return ChannelProblems.Forbidden("SecretRequired", "Only a Direct Line secret can generate tokens; use tokens/refresh with a token.");
        }

        TokenParameters? parameters = null;
        if (request.ContentLength > 0)
        {
            if (!request.HasJsonContentType())
            {
                return ChannelProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Send the token parameters as application/json.");
            }

            try
            {
                parameters = await request.ReadFromJsonAsync<TokenParameters>(ActivityJson.Options, cancellationToken);
            }
            catch (JsonException)
            {
                return ChannelProblems.BadRequest("MalformedJson", "The body is not valid TokenParameters JSON.");
            }
        }

        var (conversation, token) = await conversations.CreateAsync(
            parameters?.User?.Id, locale: null, caller.Secret.Name, ServiceUrl(request), cancellationToken);
        return Results.Ok(new DirectLineConversation(conversation.Key.ConversationId, token, ExpiresIn(tokens), StreamUrl: null));
    }

    private static async Task<IResult> RefreshTokenAsync(HttpRequest request, DirectLineAuthenticator authenticator, DirectLineTokens tokens)
    {
        var (caller, problem) = await authenticator.AuthenticateAsync(DirectLineAuthenticator.BearerFrom(request));
        if (problem is not null)
        {
            return problem;
        }

        if (caller!.Grant is not { } grant)
        {
            return ChannelProblems.BadRequest("TokenRequired", "Refresh needs a token, not a secret.");
        }

        return Results.Ok(new DirectLineConversation(grant.ConversationId, tokens.Issue(grant), ExpiresIn(tokens), StreamUrl: null));
    }

    private static async Task<IResult> StartConversationAsync(
        HttpRequest request,
        DirectLineAuthenticator authenticator,
        DirectLineConversations conversations,
        IConversationStore store,
        DirectLineTokens tokens,
        CancellationToken cancellationToken)
    {
        var (caller, problem) = await authenticator.AuthenticateAsync(DirectLineAuthenticator.BearerFrom(request));
        if (problem is not null)
        {
            return problem;
        }

        ConversationRecord conversation;
        string token;
        if (caller!.Grant is { } grant)
        {
            var found = await store.FindAsync(DirectLineConversations.KeyOf(grant.ConversationId), cancellationToken);
            if (found is null)
            {
                return ChannelProblems.NotFound("ConversationNotFound", "The conversation of this token does not exist.");
            }

            (conversation, token) = (found, tokens.Issue(grant));
        }
        else
        {
            (conversation, token) = await conversations.CreateAsync(
                userId: null, locale: null, caller.Secret!.Name, ServiceUrl(request), cancellationToken);
        }

        var wasStarted = conversation.Started;
        await conversations.StartAsync(conversation, cancellationToken);
        var body = new DirectLineConversation(
            conversation.Key.ConversationId, token, ExpiresIn(tokens), StreamUrl(request, conversation.Key.ConversationId, token, watermark: null));
        return wasStarted ? Results.Ok(body) : Results.Created((string?)null, body);
    }

    private static async Task<IResult> ReconnectAsync(
        string conversationId, string? watermark, HttpRequest request, DirectLineAuthenticator authenticator, IConversationStore store, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var (access, problem) = await AuthorizeAsync(request, conversationId, authenticator, store, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryParseWatermark(watermark, out var from))
        {
            return InvalidWatermark();
        }

        var token = tokens.Issue(access!.Caller.Grant ?? new DirectLineGrant(conversationId, access.Conversation.UserId!, access.Caller.Secret!.Name));
        return Results.Ok(new DirectLineConversation(conversationId, token, ExpiresIn(tokens), StreamUrl(request, conversationId, token, from)));
    }

    private static async Task<IResult> GetActivitiesAsync(
        string conversationId,
        string? watermark,
        HttpRequest request,
        DirectLineAuthenticator authenticator,
        IConversationStore store,
        IOptions<DirectLineOptions> options,
        CancellationToken cancellationToken)
    {
        var (access, problem) = await AuthorizeAsync(request, conversationId, authenticator, store, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryParseWatermark(watermark, out var from))
        {
            return InvalidWatermark();
        }

        // The same wire format as the WebSocket frames (UTC timestamps with Z).
        return Results.Json(
            await ReadActivitySetAsync(store, access!.Conversation.Key, from ?? -1, options.Value.MaxActivitiesPerRead, cancellationToken), ActivityJson.Options);
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId,
        HttpRequest request,
        DirectLineAuthenticator authenticator,
        IConversationStore store,
        ActivityReader reader,
        DirectLineConversations conversations,
        CancellationToken cancellationToken)
    {
        var (access, problem) = await AuthorizeAsync(request, conversationId, authenticator, store, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (activity, invalid) = await reader.ReadAsync(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var userId = access!.Caller.Grant?.UserId ?? activity!.From?.Id ?? access.Conversation.UserId;
        if (string.IsNullOrWhiteSpace(userId))
        {
            return ChannelProblems.BadRequest("MissingFrom", "With a secret, the activity needs 'from.id'.");
        }

        var id = await conversations.PostAsync(access.Conversation, activity!, userId, cancellationToken);
        return Results.Ok(new ResourceResponse(id));
    }

    private static async Task<IResult> UploadAsync(
        string conversationId, HttpRequest request, DirectLineAuthenticator authenticator, IConversationStore store, CancellationToken cancellationToken)
    {
        var (_, problem) = await AuthorizeAsync(request, conversationId, authenticator, store, cancellationToken);
        return problem ?? ChannelProblems.Problem(
            StatusCodes.Status415UnsupportedMediaType,
            "UploadsNotAccepted",
            "This assistant does not accept files. Please describe your concern in text and do not send documents or photos with personal data.");
    }

    /// <summary>A caller that may use this conversation, and the conversation; or the problem that says why not.</summary>
    public sealed record ConversationAccess(DirectLineCaller Caller, ConversationRecord Conversation);

    public static async Task<(ConversationAccess? Access, IResult? Problem)> AuthorizeAsync(
        HttpRequest request, string conversationId, DirectLineAuthenticator authenticator, IConversationStore store, CancellationToken cancellationToken, string? credential = null)
    {
        var (caller, problem) = await authenticator.AuthenticateAsync(credential ?? DirectLineAuthenticator.BearerFrom(request));
        if (problem is not null)
        {
            return (null, problem);
        }

        if (!caller!.MayAccess(conversationId))
        {
            return (null, ChannelProblems.Forbidden("WrongConversation", "This token belongs to another conversation."));
        }

        var conversation = await store.FindAsync(DirectLineConversations.KeyOf(conversationId), cancellationToken);
        return conversation is null
            ? (null, ChannelProblems.NotFound("ConversationNotFound", "There is no such conversation."))
            : (new ConversationAccess(caller, conversation), null);
    }

    public static async Task<ActivitySet> ReadActivitySetAsync(
        IConversationStore store, ConversationKey key, long watermark, int maxCount, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAfterAsync(key, watermark, maxCount, cancellationToken);
        var last = stored.Count > 0 ? stored[^1].Sequence : watermark;
        var visible = stored.Where(s => s.Activity.Type != ActivityTypes.ConversationUpdate).Select(s => s.Activity).ToList();
        return new ActivitySet(visible, last >= 0 ? last.ToString(CultureInfo.InvariantCulture) : null);
    }

    public static bool TryParseWatermark(string? value, out long? watermark)
    {
        watermark = null;
        if (string.IsNullOrEmpty(value) || value == "-")
        {
            return true;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            watermark = parsed;
            return true;
        }

        return false;
    }

    private static IResult InvalidWatermark() => ChannelProblems.BadRequest("InvalidWatermark", "The watermark must be a number from an earlier response.");

    private static int ExpiresIn(DirectLineTokens tokens) => (int)tokens.Lifetime.TotalSeconds;

    private static string ServiceUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}";

    private static string StreamUrl(HttpRequest request, string conversationId, string token, long? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var query = QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("watermark", watermark?.ToString(CultureInfo.InvariantCulture) ?? "-"),
            new("t", token),
        });
        return $"{scheme}://{request.Host}{request.PathBase}{BasePath}/conversations/{Uri.EscapeDataString(conversationId)}/stream{query}";
    }
}
