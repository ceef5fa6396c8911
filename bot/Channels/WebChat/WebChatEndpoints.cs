using System.Globalization;
using CitizenBot.Channels.DirectLine;
using CitizenBot.SharedKernel;

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

    /// <summary>The widget's own labels, from the same configured texts as the bot's messages, and the languages to switch to.</summary>
    public sealed record WebChatUiTexts(
        string Language, string WebChatLocale, string Direction, string Title, string Subtitle, string AiLabel, string AiLabelDescription, string LanguageSwitch,
        IReadOnlyList<WebChatLanguage> Languages);

    /// <summary>A language the citizen can switch to, named in itself ("Türkçe", "العربية").</summary>
    public sealed record WebChatLanguage(string Code, string Name);

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IssueAsync).RequireCitizenRateLimit(ClientLimit.ConversationStarts);
        app.MapGet(UiTextsPath, (string? locale, CitizenTexts texts) =>
        {
            var language = texts.LanguageOf(locale);
            return Results.Ok(new WebChatUiTexts(
                language,
                CultureInfo.CreateSpecificCulture(language).Name,
                CitizenTexts.IsRightToLeft(language) ? "rtl" : "ltr",
                texts.Get(TextKeys.ChatTitle, language),
                texts.Get(TextKeys.ChatSubtitle, language),
                texts.Get(TextKeys.AiLabel, language),
                texts.Get(TextKeys.AiLabelDescription, language),
                texts.Get(TextKeys.LanguageSwitch, language),
                [.. texts.Languages.Select(code => new WebChatLanguage(code, NativeName(code)))]));
        });
        return app;
    }

    private static string NativeName(string code)
    {
        var culture = CultureInfo.GetCultureInfo(code);
        return culture.TextInfo.ToTitleCase(culture.NativeName);
    }

    private static async Task<IResult> IssueAsync(
        string? locale, HttpRequest request, CitizenTexts texts, DirectLineConversations conversations, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var language = texts.LanguageOf(locale);
        var serviceUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{DirectLineEndpoints.BasePath}";
        var (conversation, token) = await conversations.CreateAsync(userId: null, language, secretName: null, serviceUrl, cancellationToken);
        return Results.Ok(new WebChatToken(token, conversation.Key.ConversationId, conversation.UserId!, (int)tokens.Lifetime.TotalSeconds));
    }
}
