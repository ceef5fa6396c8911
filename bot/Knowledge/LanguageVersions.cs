using System.Globalization;
using System.Text.RegularExpressions;

namespace CitizenBot.Knowledge;

/// <summary>
/// The editors' versions of a service for citizens who need another language: "## Leichte Sprache", "## In English" and
/// "## tr", "## uk" … (a language code). They are kept apart from the German sections, which the search and the answer use.
/// </summary>
public static partial class LanguageVersions
{
    /// <summary>The key of the Leichte Sprache version; other versions are keyed by their language code.</summary>
    public const string EasyGerman = "de-leicht";

    public const string EasyGermanHeading = "Leichte Sprache";
    public const string EnglishHeading = "In English";

    /// <summary>Leichte Sprache keeps each sentence short (Netzwerk Leichte Sprache); the validator warns above this.</summary>
    public const int MaximumEasySentenceWords = 15;

    private static readonly HashSet<string> LanguageCodes = [.. CultureInfo.GetCultures(CultureTypes.NeutralCultures)
        .Select(culture => culture.TwoLetterISOLanguageName)
        .Where(code => code.Length == 2)];

    /// <summary>The version key a heading stands for, or null for an ordinary German section.</summary>
    public static string? KeyOf(string heading) => heading switch
    {
        EasyGermanHeading => EasyGerman,
        EnglishHeading => "en",
        _ when LanguageCode().IsMatch(heading) && heading != "de" => heading,
        _ => null,
    };

    /// <summary>Why a heading that looks like a language version is not one an editor meant, or null when it is fine.</summary>
    public static string? ProblemWith(string heading)
    {
        if (KeyOf(heading) is { } key)
        {
            return key.Length == 2 && !LanguageCodes.Contains(key) ? $"'## {heading}' is not a language code (ISO 639-1, for example '## tr')" : null;
        }

        var folded = heading.ToLowerInvariant();
        if (folded.Contains("leicht", StringComparison.Ordinal) || folded.Contains("easy", StringComparison.Ordinal))
        {
            return $"'## {heading}' is not read as the Leichte Sprache version; name the section '## {EasyGermanHeading}'";
        }

        return folded.Contains("english", StringComparison.Ordinal) || folded.Contains("englisch", StringComparison.Ordinal)
            ? $"'## {heading}' is not read as the English version; name the section '## {EnglishHeading}'"
            : null;
    }

    /// <summary>Sentences of a Leichte Sprache text longer than <see cref="MaximumEasySentenceWords"/> words.</summary>
    public static IEnumerable<string> LongSentences(string markdown) =>
        SentenceEnd().Split(markdown)
            .Select(sentence => sentence.Trim(' ', '-', '*', '#'))
            .Where(sentence => sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaximumEasySentenceWords);

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex(@"(?<=[.!?:])\s+|\n+")]
    private static partial Regex SentenceEnd();
}
