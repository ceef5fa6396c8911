using System.Buffers;
using System.Collections.Frozen;
using CitizenBot.SharedKernel;
using Lingua;

namespace CitizenBot.Conversation.Understanding;

/// <summary>
/// Which of the served languages a citizen's message is written in. The script decides Arabic and Cyrillic, letters only
/// Turkish has decide Turkish, the small words of German and English decide between those two (citizens mix in German office
/// words: "How much is a Reisepass?"), and Lingua weighs what is left. A message too short to tell keeps the conversation's language.
/// </summary>
public sealed class MessageLanguage
{
    // Lingua needs some text to be right; below this many letters it guesses.
    private const int FewestLettersForLingua = 12;

    // Lingua's confidence (0–1) above which its guess replaces the conversation's language.
    private const double LinguaConfidence = 0.8;

    // Words that occur in one of the two languages only and in nearly every sentence of it.
    private static readonly FrozenSet<string> GermanWords = FrozenSet.Create(StringComparer.Ordinal,
        "ich", "ist", "und", "der", "die", "das", "nicht", "mein", "meine", "meinen", "meinem", "wie", "wo", "kann", "habe", "für",
        "mit", "bei", "einen", "eine", "ein", "bitte", "brauche", "muss", "wann", "wer", "auf", "zu", "von", "im", "mich", "mir",
        "wir", "sie", "ihr", "den", "dem", "es", "gibt", "noch", "oder", "aber", "auch", "hallo", "danke", "ja", "nein");

    private static readonly FrozenSet<string> EnglishWords = FrozenSet.Create(StringComparer.Ordinal,
        "i", "is", "the", "and", "my", "how", "what", "where", "can", "do", "does", "need", "to", "for", "with", "a", "of",
        "please", "get", "have", "i'm", "you", "your", "it", "are", "when", "who", "which", "should", "would", "could", "there",
        "this", "that", "hello", "thanks", "thank", "yes", "no", "much", "many", "lost", "want", "apply", "renew");

    // Letters of one served language that its neighbours in the same script do not use.
    private static readonly SearchValues<char> TurkishLetters = SearchValues.Create("ğşıİĞŞ");
    private static readonly SearchValues<char> UkrainianLetters = SearchValues.Create("іїєґІЇЄҐ");
    private static readonly SearchValues<char> RussianLetters = SearchValues.Create("ыэъёЫЭЪЁ");

    private readonly IReadOnlyList<string> _served;
    private readonly Lazy<LanguageDetector?> _lingua;

    public MessageLanguage(CitizenTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        _served = texts.Languages;
        _lingua = new(() => BuildLingua(_served));
    }

    /// <summary>The message's language among the served ones, or <paramref name="conversationLanguage"/> when the message does not show one.</summary>
    public string Of(string text, string conversationLanguage)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (latin, arabic, cyrillic) = CountScripts(text);
        if (arabic > latin + cyrillic)
        {
            return Served("ar") ?? conversationLanguage;
        }

        if (cyrillic > latin)
        {
            return Cyrillic(text) ?? conversationLanguage;
        }

        if (latin == 0)
        {
            return conversationLanguage;
        }

        if (text.AsSpan().IndexOfAny(TurkishLetters) >= 0 && Served("tr") is { } turkish)
        {
            return turkish;
        }

        var words = text.ToLowerInvariant().Split([' ', ',', '.', '?', '!', ';', ':', '"', '(', ')', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var german = words.Count(GermanWords.Contains);
        var english = words.Count(EnglishWords.Contains);
        if (german >= 2 && german > english * 2)
        {
            return TextsOptions.DefaultLanguage;
        }

        if (english >= 2 && english > german * 2)
        {
            return Served("en") ?? conversationLanguage;
        }

        return latin >= FewestLettersForLingua ? Guess(text) ?? conversationLanguage : conversationLanguage;
    }

    private string? Cyrillic(string text)
    {
        // Letters one of the two has and the other lacks settle it; otherwise the models compare.
        if (text.AsSpan().IndexOfAny(UkrainianLetters) >= 0)
        {
            return Served("uk");
        }

        return text.AsSpan().IndexOfAny(RussianLetters) >= 0 ? Served("ru") : Guess(text);
    }

    private string? Guess(string text)
    {
        if (_lingua.Value is not { } detector)
        {
            return null;
        }

        var best = detector.ComputeLanguageConfidenceValues(text).FirstOrDefault();
        return best.Value >= LinguaConfidence ? Served(LanguageInfo.IsoCode6391(best.Key).ToString().ToLowerInvariant()) : null;
    }

    private string? Served(string language) => _served.Contains(language) ? language : null;

    private static (int Latin, int Arabic, int Cyrillic) CountScripts(string text)
    {
        int latin = 0, arabic = 0, cyrillic = 0;
        foreach (var character in text)
        {
            if (!char.IsLetter(character))
            {
                continue;
            }

            if (character is >= '\u0600' and <= '\u06FF')
            {
                arabic++;
            }
            else if (character is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
            }
            else if (character <= '\u024F')
            {
                latin++;
            }
        }

        return (latin, arabic, cyrillic);
    }

    /// <summary>
    /// Lingua over the served languages whose models ship with the bot (Lingua/LanguageModels); null when fewer than two. Low accuracy
    /// mode reads trigrams only: a few megabytes instead of some forty per language, enough for the messages the small words left open.
    /// </summary>
    private static LanguageDetector? BuildLingua(IEnumerable<string> served)
    {
        var models = Path.Combine(AppContext.BaseDirectory, "Lingua", "LanguageModels");
        var languages = served
            .Where(code => Directory.Exists(Path.Combine(models, code)) && Enum.TryParse<IsoCode6391>(code, ignoreCase: true, out _))
            .Select(code => LanguageInfo.GetByIsoCode6391(Enum.Parse<IsoCode6391>(code, ignoreCase: true)))
            .ToArray();
        return languages.Length < 2 ? null : LanguageDetectorBuilder.FromLanguages(languages).WithLanguageModelsDirectory(models).WithLowAccuracyMode().Build();
    }
}
