using System.Text;
using Microsoft.Extensions.Options;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// Words citizens use mapped to the words the service descriptions use: editor-written lists (trusted)
/// and OpenThesaurus (broad but noisy, so the search gives it a low weight).
/// </summary>
public sealed class CitizenWords
{
    private readonly Dictionary<string, string> _editorPhrases;
    private readonly Dictionary<string, string[]> _thesaurus;

    public CitizenWords(IOptions<KnowledgeSearchOptions> options)
        : this(options.Value.WordListPaths.Select(Resolve).OfType<string>().Where(File.Exists).SelectMany(File.ReadLines), ReadThesaurus(Resolve(options.Value.ThesaurusPath)))
    {
    }

    public CitizenWords(IEnumerable<string> editorLines, Dictionary<string, string[]> thesaurus)
    {
        _editorPhrases = ParseEditorLines(editorLines);
        _thesaurus = thesaurus;
        LongestPhrase = _editorPhrases.Count == 0 ? 0 : _editorPhrases.Keys.Max(phrase => phrase.Count(c => c == ' ') + 1);
    }

    public static CitizenWords None { get; } = new([], []);

    public int LongestPhrase { get; }

    /// <summary>Office words for a citizen phrase (lower case, words separated by one space), if an editor wrote them.</summary>
    public string? EditorExpansion(string phrase) => _editorPhrases.GetValueOrDefault(phrase);

    /// <summary>OpenThesaurus synonyms of one lower-case word.</summary>
    public IReadOnlyList<string> Synonyms(string word) => _thesaurus.GetValueOrDefault(word) ?? [];

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

    /// <summary>Reads MyThes ("word|meanings", then one "-|syn|syn (ugs.)" line per meaning); keeps one-word synonyms that are not marked as insults.</summary>
    private static Dictionary<string, string[]> ReadThesaurus(string? path)
    {
        var entries = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (path is null || !File.Exists(path))
        {
            return entries;
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        reader.ReadLine();
        var synonyms = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } header)
        {
            var bar = header.LastIndexOf('|');
            if (bar <= 0 || !int.TryParse(header.AsSpan(bar + 1), out var meanings))
            {
                continue;
            }

            var headword = header[..bar].ToLowerInvariant();
            synonyms.Clear();
            for (var meaning = 0; meaning < meanings && reader.ReadLine() is { } line; meaning++)
            {
                foreach (var item in line.Split('|').Skip(1))
                {
                    if (IsUsableSynonym(item))
                    {
                        synonyms.Add(StripMarks(item).ToLowerInvariant());
                    }
                }
            }

            synonyms.Remove(headword);
            if (!headword.Contains(' ', StringComparison.Ordinal) && synonyms.Count > 0)
            {
                entries[headword] = [.. synonyms];
            }
        }

        return entries;
    }

    private static bool IsUsableSynonym(string item) =>
        !item.Contains("vulg", StringComparison.Ordinal) && !item.Contains("derb", StringComparison.Ordinal)
        && !item.Contains("abwertend", StringComparison.Ordinal) && !item.Contains("Schimpfwort", StringComparison.Ordinal)
        && !StripMarks(item).Contains(' ', StringComparison.Ordinal);

    private static string StripMarks(string item)
    {
        var parenthesis = item.IndexOf('(', StringComparison.Ordinal);
        return (parenthesis >= 0 ? item[..parenthesis] : item).Trim();
    }
}
