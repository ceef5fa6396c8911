using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.Insights;
using CitizenBot.SharedKernel;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Transparency;

namespace CitizenBot.Channels.Messengers;

/// <summary>
/// What a messenger without an AI-label field (Telegram, Matrix) shows for a bot activity: the text, the staff member's
/// name on a human reply, and a footer that says in words what Web Chat shows as a badge and a citation.
/// </summary>
public sealed class MessengerText(CitizenTexts texts)
{
    /// <summary>The message as Markdown, footer included; numbered choices are added for channels without buttons.</summary>
    public string Compose(Activity activity, bool withNumberedChoices)
    {
        var language = texts.LanguageOf(activity.Locale);
        var markdown = new StringBuilder();
        if (StaffName(activity) is { } staffName)
        {
            markdown.Append("**").Append(MarkdownRendering.EscapeMarkdown(staffName)).Append(":**\n\n");
        }

        markdown.Append(activity.Text);
        var choices = Choices(activity);
        if (withNumberedChoices && choices.Count > 0)
        {
            markdown.Append("\n\n").Append(texts.Get(MessengerTextKeys.NumberedChoicesPrompt, language)).Append("\n\n");
            for (var i = 0; i < choices.Count; i++)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"{i + 1}. ").Append(MarkdownRendering.EscapeMarkdown(choices[i].Title ?? "")).Append('\n');
            }
        }

        if (AiLabel.IsLabelled(activity))
        {
            markdown.Append("\n\n*").Append(Footer(activity, language)).Append('*');
        }

        return markdown.ToString().Trim();
    }

    /// <summary>The buttons a citizen can pick from, in order; URL buttons too, they open a page.</summary>
    public static IReadOnlyList<CardAction> Choices(Activity activity) =>
        activity.SuggestedActions?.Actions?.Where(action => !string.IsNullOrWhiteSpace(action.Title)).ToList() ?? [];

    /// <summary>The message entity offers like/dislike (Web Chat's feedback buttons).</summary>
    public static bool OffersFeedback(Activity activity) =>
        MessageEntity(activity)?["potentialAction"] is JsonArray actions
        && actions.OfType<JsonObject>().Any(action => action["@type"]?.GetValue<string>() is "LikeAction" or "DislikeAction");

    public string FeedbackTitle(Activity activity, bool helpful) =>
        texts.Get(helpful ? InsightsTextKeys.LikeButton : InsightsTextKeys.DislikeButton, texts.LanguageOf(activity.Locale));

    private string Footer(Activity activity, string language)
    {
        var sources = Citations(activity).ToList();
        if (sources.Count == 0)
        {
            return texts.Get(TextKeys.AiLabel, language);
        }

        var links = string.Join(", ", sources.Select(source => $"[{MarkdownRendering.EscapeMarkdown(source.Name)}]({source.Url.AbsoluteUri})"));
        return texts.Get(MessengerTextKeys.AnswerFooter, language).Replace("{Source}", links, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Name, Uri Url)> Citations(Activity activity)
    {
        if (MessageEntity(activity)?["citation"] is not JsonArray claims)
        {
            yield break;
        }

        foreach (var appearance in claims.OfType<JsonObject>().Select(claim => claim["appearance"]).OfType<JsonObject>())
        {
            if (appearance["url"] is JsonValue url && url.TryGetValue<string>(out var address) && Uri.TryCreate(address, UriKind.Absolute, out var uri))
            {
                var name = appearance["name"] is JsonValue title && title.TryGetValue<string>(out var text) ? text : uri.Host;
                yield return (name, uri);
            }
        }
    }

    private static string? StaffName(Activity activity) =>
        MessageEntity(activity)?["author"] is JsonObject author && author["name"] is JsonValue name && name.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject? MessageEntity(Activity activity) =>
        activity.Entities?.FirstOrDefault(entity => entity.Type == AiLabel.EntityType)?.Properties;
}

/// <summary>The citizen texts that only messengers without buttons or label fields need.</summary>
public static class MessengerTextKeys
{
    public const string AnswerFooter = "MessengerAnswerFooter";
    public const string NumberedChoicesPrompt = "MessengerNumberedChoicesPrompt";

    /// <summary>Told once a minute to a messenger conversation whose messages go over its rate limit and are not answered.</summary>
    public const string TooManyMessages = "MessengerTooManyMessages";

    public static IReadOnlyList<string> All { get; } = [AnswerFooter, NumberedChoicesPrompt, TooManyMessages];
}
