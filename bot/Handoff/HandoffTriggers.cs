using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>What a citizen's words ask of the handoff.</summary>
public enum HandoffTrigger
{
    None,
    Request,
    HumanOnly,
    Crisis,
}

/// <summary>Reads a citizen's message against the configured word lists of their language.</summary>
public sealed class HandoffTriggers(IOptions<HandoffOptions> options)
{
    // One compiled pattern per configured phrase: Regex's own cache holds 15 patterns, fewer than the word lists, so it parsed them on every message.
    private readonly ConcurrentDictionary<string, Regex> _phrasePatterns = new(StringComparer.Ordinal);

    /// <summary>Crisis first: someone in danger gets the emergency numbers whatever else they wrote.</summary>
    public HandoffTrigger Detect(string text, string language)
    {
        var words = WordsOf(language);
        var normalised = Normalise(text);
        if (ContainsAny(normalised, words.Crisis))
        {
            return HandoffTrigger.Crisis;
        }

        if (ContainsAny(normalised, words.HumanOnly))
        {
            return HandoffTrigger.HumanOnly;
        }

        return ContainsAny(normalised, words.Request) ? HandoffTrigger.Request : HandoffTrigger.None;
    }

    public bool IsCancel(string text, string language) => IsWhole(text, WordsOf(language).Cancel);

    public bool IsYes(string text, string language) => IsWhole(text, WordsOf(language).Yes);

    public bool IsNo(string text, string language) => IsWhole(text, WordsOf(language).No);

    private HandoffWords WordsOf(string language) =>
        options.Value.Words.GetValueOrDefault(language) ?? options.Value.Words[Transparency.TextsOptions.DefaultLanguage];

    // A short answer to a question ("Ja", "nein.") must be the whole message, so "nein, ich meine…" is not a refusal.
    private static bool IsWhole(string text, List<string> words)
    {
        var normalised = Normalise(text);
        return words.Any(word => Normalise(word) == normalised);
    }

    private bool ContainsAny(string normalised, List<string> phrases) =>
        phrases.Any(phrase => _phrasePatterns.GetOrAdd(phrase, PhrasePattern).IsMatch(normalised));

    private static Regex PhrasePattern(string phrase) =>
        new($@"(^|\s){Regex.Escape(Normalise(phrase))}($|\s)", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>Lower case, punctuation as spaces, single spaces: "Mensch, bitte!" → "mensch bitte".</summary>
    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var character in text.ToLower(CultureInfo.GetCultureInfo("de-DE")))
        {
            builder.Append(char.IsLetterOrDigit(character) ? character : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
