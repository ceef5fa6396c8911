using System.Collections.Concurrent;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// OpenThesaurus in MyThes format, read on demand: the index (".idx": "word|offset") is loaded at start, an entry of the 28 MB data file
/// (".dat": "word|meanings", then one "-|syn|syn (ugs.)" line per meaning) only when a question contains its word. Keeps one-word
/// synonyms that are not marked as insults.
/// </summary>
public sealed class OpenThesaurus : IDisposable
{
    // Longest entries in OpenThesaurus are a few kilobytes; one read covers them.
    private const int EntryBytes = 16 * 1024;
    private const int MaximumCachedWords = 50_000;

    private readonly SafeFileHandle _data;
    private readonly Dictionary<string, long> _offsets;
    private readonly ConcurrentDictionary<string, string[]> _entries = new(StringComparer.Ordinal);

    private OpenThesaurus(SafeFileHandle data, Dictionary<string, long> offsets)
    {
        _data = data;
        _offsets = offsets;
    }

    /// <summary>The thesaurus whose data file is <paramref name="dataPath"/> with its index beside it, or null when either is missing.</summary>
    public static OpenThesaurus? Open(string? dataPath)
    {
        var indexPath = dataPath is null ? null : Path.ChangeExtension(dataPath, ".idx");
        if (dataPath is null || !File.Exists(dataPath) || !File.Exists(indexPath))
        {
            return null;
        }

        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(indexPath, Encoding.UTF8).Skip(2))
        {
            var bar = line.LastIndexOf('|');
            if (bar > 0 && !line.AsSpan(0, bar).Contains(' ') && long.TryParse(line.AsSpan(bar + 1), out var offset))
            {
                offsets[line[..bar].ToLowerInvariant()] = offset;
            }
        }

        return new OpenThesaurus(File.OpenHandle(dataPath), offsets);
    }

    public int Count => _offsets.Count;

    /// <summary>One-word synonyms of a lower-case word, empty when the thesaurus does not know it.</summary>
    public IReadOnlyList<string> Synonyms(string word)
    {
        if (_entries.TryGetValue(word, out var known))
        {
            return known;
        }

        var synonyms = _offsets.TryGetValue(word, out var offset) ? ReadEntry(word, offset) : [];
        if (_entries.Count < MaximumCachedWords)
        {
            _entries.TryAdd(word, synonyms);
        }

        return synonyms;
    }

    public void Dispose() => _data.Dispose();

    private string[] ReadEntry(string word, long offset)
    {
        var buffer = new byte[EntryBytes];
        var read = RandomAccess.Read(_data, buffer, offset);
        using var reader = new StringReader(Encoding.UTF8.GetString(buffer, 0, read));
        var header = reader.ReadLine();
        var bar = header?.LastIndexOf('|') ?? -1;
        if (header is null || bar <= 0 || !int.TryParse(header.AsSpan(bar + 1), out var meanings))
        {
            return [];
        }

        var synonyms = new HashSet<string>(StringComparer.Ordinal);
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

        synonyms.Remove(word);
        return [.. synonyms];
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
