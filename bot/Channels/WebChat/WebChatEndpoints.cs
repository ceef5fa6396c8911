using CitizenBot.Channels.DirectLine;
using CitizenBot.Transparency;

namespace CitizenBot.Channels.WebChat;

/// <summary>
/// Gives the widget a Direct Line token for a new conversation with a fresh random user id;
/// the browser never sees a Direct Line secret.
/// </summary>
public static class WebChatEndpoints
{
    public const string Path = "/api/webchat/token";

    public const string UiTextsPath = "/api/webchat/ui";

    public sealed record WebChatToken(string Token, string ConversationId, string UserId, int ExpiresIn);

    /// <summary>The widget's own labels, from the same configured texts as the bot's messages.</summary>
    public sealed record WebChatUiTexts(string Title, string Subtitle, string AiLabel, string AiLabelDescription, string OtherLanguage);

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IssueAsync).RequireCitizenRateLimit(ClientLimit.ConversationStarts);
        app.MapGet(UiTextsPath, (string? locale, CitizenTexts texts) => Results.Ok(new WebChatUiTexts(
            texts.Get(TextKeys.ChatTitle, locale),
            texts.Get(TextKeys.ChatSubtitle, locale),
            texts.Get(TextKeys.AiLabel, locale),
            texts.Get(TextKeys.AiLabelDescription, locale),
            texts.Get(TextKeys.OtherLanguage, locale))));
        return app;
    }

    private static async Task<IResult> IssueAsync(
        string? locale, HttpRequest request, DirectLineConversations conversations, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var language = CitizenTexts.LanguageOf(locale);
        var serviceUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{DirectLineEndpoints.BasePath}";
        var (conversation, token) = await conversations.CreateAsync(userId: null, language, secretName: null, serviceUrl, cancellationToken);
        return Results.Ok(new WebChatToken(token, conversation.Key.ConversationId, conversation.UserId!, (int)tokens.Lifetime.TotalSeconds));
    }
}
