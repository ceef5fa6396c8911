using Microsoft.Extensions.Options;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// Words citizens use mapped to the words the service descriptions use: editor-written lists (trusted)
/// and OpenThesaurus (broad but noisy, so the search gives it a low weight).
/// </summary>
public sealed class CitizenWords : IDisposable
{
    private readonly Dictionary<string, string> _editorPhrases;
    private readonly Dictionary<string, string> _editorPhraseStems;
    private readonly OpenThesaurus? _thesaurus;

    public CitizenWords(IOptions<KnowledgeSearchOptions> options)
        : this(options.Value.WordListPaths.Select(Resolve).OfType<string>().Where(File.Exists).SelectMany(File.ReadLines), OpenThesaurus.Open(Resolve(options.Value.ThesaurusPath)))
    {
    }

    public CitizenWords(IEnumerable<string> editorLines, OpenThesaurus? thesaurus)
    {
        _editorPhrases = ParseEditorLines(editorLines);
        _editorPhraseStems = [];
        foreach (var (phrase, expansion) in _editorPhrases)
        {
            _editorPhraseStems.TryAdd(EnglishStems(phrase), expansion);
        }

        _thesaurus = thesaurus;
        LongestPhrase = _editorPhrases.Count == 0 ? 0 : _editorPhrases.Keys.Max(phrase => phrase.Count(c => c == ' ') + 1);
    }

    public static CitizenWords None { get; } = new([], null);

    public int LongestPhrase { get; }

    /// <summary>Office words for a citizen phrase (lower case, words separated by one space), if an editor wrote them.</summary>
    public string? EditorExpansion(string phrase) => _editorPhrases.GetValueOrDefault(phrase);

    /// <summary>
    /// Office words for an English phrase whose words are inflected otherwise than the editor wrote them ("got naturalised" for
    /// "naturalise", "registering" for "register"): lists name each concept once, citizens inflect.
    /// </summary>
    public string? EnglishEditorExpansion(string phrase) => EditorExpansion(phrase) ?? _editorPhraseStems.GetValueOrDefault(EnglishStems(phrase));

    /// <summary>Each word without its English inflection: -'s, -ies, -ing, -ed, -es, -s and a final -e.</summary>
    public static string EnglishStems(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return string.Join(' ', phrase.Split(' ').Select(EnglishStem));
    }

    private static string EnglishStem(string word)
    {
        var stem = word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word;
        if (stem.Length > 4 && stem.EndsWith("ies", StringComparison.Ordinal))
        {
            return stem[..^3] + "y";
        }

        foreach (var ending in (string[])["ing", "ed", "es", "s"])
        {
            if (stem.Length > ending.Length + 3 && stem.EndsWith(ending, StringComparison.Ordinal) && !stem.EndsWith("ss", StringComparison.Ordinal))
            {
                stem = stem[..^ending.Length];
                break;
            }
        }

        return stem.Length > 4 && stem.EndsWith('e') ? stem[..^1] : stem;
    }

    /// <summary>Every editor-written citizen phrase with its office words, for search services that apply synonyms themselves.</summary>
    public IEnumerable<KeyValuePair<string, string>> EditorPhrases => _editorPhrases;

    /// <summary>OpenThesaurus synonyms of one lower-case word.</summary>
    public IReadOnlyList<string> Synonyms(string word) => _thesaurus?.Synonyms(word) ?? [];

    public void Dispose() => _thesaurus?.Dispose();

    private static string? Resolve(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    private static Dictionary<string, string> ParseEditorLines(IEnumerable<string> lines)
    {
        var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var content = line.Split('#', 2)[0];
            var separator = content.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var expansion = content[(separator + 1)..].Trim();
            foreach (var phrase in content[..separator].Split(','))
            {
                var key = string.Join(' ', GermanTextAnalyzer.Words(phrase));
                if (key.Length > 0)
                {
                    phrases[key] = phrases.TryGetValue(key, out var earlier) ? $"{earlier} {expansion}" : expansion;
                }
            }
        }

        return phrases;
    }
}
