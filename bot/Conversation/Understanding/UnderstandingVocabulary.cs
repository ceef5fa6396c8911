using System.Collections.Frozen;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Conversation.Understanding;

/// <summary>The word classes of every language the bot speaks and the list of other places, read once at start.</summary>
public sealed class UnderstandingVocabulary
{
    /// <summary>The classes the rules join; a language file without one of them cannot be understood.</summary>
    public static IReadOnlyList<string> RequiredClasses { get; } =
    [
        "people", "real", "talk", "transfer", "transfer-stem", "transfer-particle", "callback", "callback-stem", "callback-particle", "serve", "want",
        "ability", "obligation", "citizen", "citizen-possessive", "negation", "without", "bot", "ai", "instead", "only", "about-you", "presence", "office",
        "office-suffix", "language-name", "beneficiary", "person-kind", "frustration", "complain", "filler", "crisis", "urgency", "yes", "no", "cancel",
        "about-bot", "greeting", "thanks", "goodbye", "simpler", "wording-verb", "translate", "language-word", "delete", "history", "ignore-verb",
        "instruction", "reveal-verb", "your", "role-play", "insult-verb", "say-verb", "verbatim", "pose", "decode", "obey", "not-this", "something-else",
        "all-of", "style-frame", "authority", "contact-noun", "to-someone", "that-person", "who", "gap", "insult-word", "fabricate", "official-text", "others-data", "violence-verb", "victim", "self-harm-verb", "self", "death-wish", "suppose", "available", "past", "now", "refuse", "bot-origin", "from-now", "break-verb", "people-suffix", "whole-matter", "call-noun", "report-back", "at-citizen", "condition",
    ];

    private readonly FrozenDictionary<string, WordClasses> _languages;

    public UnderstandingVocabulary(IOptions<UnderstandingOptions> options)
        : this(ReadLanguages(options.Value), ReadPlaces(Resolve(options.Value.PlacesPath)), options.Value.HomePlaces)
    {
    }

    public UnderstandingVocabulary(IReadOnlyDictionary<string, WordClasses> languages, IEnumerable<string> places, IEnumerable<string> homePlaces)
    {
        ArgumentNullException.ThrowIfNull(languages);
        _languages = languages.ToFrozenDictionary(StringComparer.Ordinal);
        Elsewhere = new Elsewhere(places, homePlaces);
    }

    public Elsewhere Elsewhere { get; }

    public IEnumerable<string> Languages => _languages.Keys;

    /// <summary>The classes of the citizen's language; German where a language has no file.</summary>
    public WordClasses For(string language) =>
        _languages.GetValueOrDefault(language) ?? _languages.GetValueOrDefault(TextsOptions.DefaultLanguage) ?? _languages.Values.First();

    /// <summary>Each language's classes that are missing: the rules would silently never match them.</summary>
    public static IEnumerable<string> Problems(IReadOnlyDictionary<string, WordClasses> languages, IEnumerable<string> requiredLanguages) =>
        requiredLanguages.Where(language => !languages.ContainsKey(language)).Select(language => $"no word classes for language '{language}'")
            .Concat(languages.SelectMany(pair => RequiredClasses.Where(name => !pair.Value.Has(name)).Select(name => $"{pair.Key}: class '{name}' is missing")));

    /// <summary>One <see cref="WordClasses"/> per file in the word list folder, named by the file ("de.txt" is German).</summary>
    public static Dictionary<string, WordClasses> ReadLanguages(UnderstandingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = Resolve(options.WordListFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        // German and English are complete; another language's file adds its words to the German classes, as citizens here mix in German.
        var files = Directory.EnumerateFiles(folder, "*.txt").ToDictionary(file => Path.GetFileNameWithoutExtension(file), File.ReadAllLines, StringComparer.Ordinal);
        var german = files.GetValueOrDefault(TextsOptions.DefaultLanguage) ?? [];
        return files.ToDictionary(
            file => file.Key,
            file => WordClasses.Parse(file.Key, CitizenTexts.RequiredLanguages.Contains(file.Key) ? file.Value : [.. german, .. file.Value]),
            StringComparer.Ordinal);
    }

    private static IEnumerable<string> ReadPlaces(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    private static string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}

/// <summary>Stops the start when a language the bot speaks has no word classes, or a file lacks a class the rules need.</summary>
public sealed class UnderstandingVocabularyValidation : IValidateOptions<UnderstandingOptions>
{
    public ValidateOptionsResult Validate(string? name, UnderstandingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems;
        try
        {
            problems = [.. UnderstandingVocabulary.Problems(UnderstandingVocabulary.ReadLanguages(options), CitizenTexts.RequiredLanguages)];
        }
        catch (FormatException malformed)
        {
            problems = [malformed.Message];
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem => $"Understanding:WordListFolder ({options.WordListFolder}): {problem}."));
    }
}
