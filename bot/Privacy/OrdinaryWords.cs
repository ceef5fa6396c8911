using System.Text;
using System.Text.RegularExpressions;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace CitizenBot.Privacy;

/// <summary>
/// Words that are not names: the knowledge folder's own vocabulary, the editors' word lists, the German thesaurus and a list
/// of common German and English words. A capitalised word outside this set may be a name ("Emma"); one inside it is not ("Mein").
/// </summary>
public sealed partial class OrdinaryWords
{
    private const int ShortestCompoundHead = 3;
    private const int ShortestCompoundTail = 5;
    private readonly HashSet<string> _commonWords;
    private readonly HashSet<string> _fixedWords;
    private volatile HashSet<string> _words;

    /// <param name="commonWords">Pronouns, articles, greetings, month names: never part of a name.</param>
    /// <param name="words">Any other vocabulary.</param>
    private OrdinaryWords(IEnumerable<string> commonWords, IEnumerable<string> words)
    {
        _commonWords = new HashSet<string>(commonWords.SelectMany(Split), StringComparer.Ordinal);
        _fixedWords = new HashSet<string>(words.SelectMany(Split), StringComparer.Ordinal);
        _fixedWords.UnionWith(_commonWords);
        _words = _fixedWords;
    }

    /// <summary>The configured files; the knowledge folder's words follow through <see cref="Learn"/> once it is loaded.</summary>
    public OrdinaryWords(IOptions<KnowledgeSearchOptions> search, IOptions<PrivacyOptions> privacy)
        : this(ReadWords([privacy.Value.CommonWordsPath]), ReadWords([search.Value.ThesaurusPath, .. search.Value.WordListPaths]))
    {
    }

    /// <summary>The vocabulary outside the web host (quality tests, benchmarks): the configured files and the given documents.</summary>
    public static OrdinaryWords Read(KnowledgeSearchOptions search, PrivacyOptions privacy, IReadOnlyList<KnowledgeDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(privacy);
        var words = new OrdinaryWords(ReadWords([privacy.CommonWordsPath]), ReadWords([search.ThesaurusPath, .. search.WordListPaths]));
        words.Learn(new KnowledgeSnapshot(documents, 0, DateTimeOffset.UnixEpoch));
        return words;
    }

    public bool IsCommonWord(string word) => _commonWords.Contains(word.ToLowerInvariant());

    /// <summary>True for a known word, its plural or case forms, and a compound whose last part is known ("Anwohnerparkausweis").</summary>
    public bool Contains(string word)
    {
        var words = _words;
        var lower = word.ToLowerInvariant();
        if (words.Contains(lower) || Inflections(lower).Any(words.Contains))
        {
            return true;
        }

        for (var split = ShortestCompoundHead; lower.Length - split >= ShortestCompoundTail; split++)
        {
            if (words.Contains(lower[split..]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The words of a text in lower case, split at anything but letters and inner hyphens: "Tante-Emma-Laden" stays one word,
    /// so the thesaurus does not teach that "Emma" is an ordinary word.
    /// </summary>
    public static IEnumerable<string> Split(string text)
    {
        var word = new StringBuilder();
        foreach (var character in text)
        {
            if (char.IsLetter(character) || (character == '-' && word.Length > 0))
            {
                word.Append(char.ToLowerInvariant(character));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString().TrimEnd('-');
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString().TrimEnd('-');
        }
    }

    private static IEnumerable<string> Inflections(string word)
    {
        foreach (var ending in (string[])["n", "en", "e", "s", "es", "er", "ern", "nen"])
        {
            if (word.Length > ending.Length + 2 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                yield return word[..^ending.Length];
            }
        }
    }

    /// <summary>Adds the words of the knowledge that serves now; replaces those of an earlier snapshot.</summary>
    public void Learn(KnowledgeSnapshot snapshot)
    {
        var words = new HashSet<string>(_fixedWords, StringComparer.Ordinal);
        foreach (var document in snapshot.Documents)
        {
            IEnumerable<string> texts = [document.Title, .. document.Synonyms, .. document.Situations, .. document.Keywords, .. document.Sections.Select(section => section.Markdown)];
            words.UnionWith(texts.SelectMany(Split));
        }

        _words = words;
    }

    private static IEnumerable<string> ReadWords(IEnumerable<string?> paths) =>
        paths
            .Select(Resolve)
            .OfType<string>()
            .Select(HeadwordIndex)
            .Where(File.Exists)
            .SelectMany(path => File.ReadLines(path, Encoding.UTF8))
            .Where(line => !line.StartsWith('#'))
            .Select(RemoveMarks);

    /// <summary>
    /// For a MyThes thesaurus, its index ("word|offset", 3 MB) instead of the 28 MB data file: every synonym is also a headword,
    /// so the headwords are the vocabulary, read in a fraction of the time.
    /// </summary>
    private static string HeadwordIndex(string path)
    {
        var index = Path.ChangeExtension(path, ".idx");
        return path.EndsWith(".dat", StringComparison.Ordinal) && File.Exists(index) ? index : path;
    }

    /// <summary>The thesaurus marks usage in parentheses ("(ugs.)"); those words are labels, not vocabulary.</summary>
    private static string RemoveMarks(string line) => UsageMark().Replace(OffsetSuffix().Replace(line, ""), " ");

    [GeneratedRegex(@"\|\d+$")]
    private static partial Regex OffsetSuffix();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex UsageMark();

    private static string? Resolve(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}

/// <summary>
/// Feeds the knowledge folder's words to <see cref="OrdinaryWords"/> at start-up and on every change. A hosted service and not a
/// constructor dependency: the log redaction needs the words while the knowledge folder (which logs) is still being built.
/// </summary>
public sealed class KnowledgeVocabulary(OrdinaryWords words, IKnowledgeBase knowledge) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        words.Learn(knowledge.Current);
        knowledge.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        knowledge.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(object? sender, KnowledgeSnapshot snapshot) => words.Learn(snapshot);
}
