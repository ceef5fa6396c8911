using System.Collections.Frozen;
using CitizenBot.Knowledge.Search;

namespace CitizenBot.Conversation.Understanding;

/// <summary>Where a word class matched in a sentence: <paramref name="Start"/> word and <paramref name="Length"/> words.</summary>
public readonly record struct WordMatch(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// The word classes of one language ("people", "talk", "negation" …), read from Language/&lt;code&gt;.txt: one class per line,
/// entries separated by commas, several words for a phrase, a trailing * for every word beginning so.
/// </summary>
public sealed class WordClasses
{
    private const string GapClass = "gap";

    // Words inside a phrase match exactly; of these, at most this many gap words may stand between two of them.
    private const int MostGapWords = 2;

    private readonly FrozenDictionary<string, WordClass> _classes;

    private WordClasses(string language, FrozenDictionary<string, WordClass> classes)
    {
        Language = language;
        _classes = classes;
    }

    public string Language { get; }

    public IEnumerable<string> Names => _classes.Keys;

    public static WordClasses Parse(string language, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var classes = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        foreach (var (line, number) in lines.Select((line, index) => (line.Trim(), index + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"Line {number}: expected \"class: word, word\", found \"{line}\".");
            }

            var name = line[..colon].Trim();
            var entries = classes.TryGetValue(name, out var existing) ? existing : classes[name] = [];
            foreach (var raw in line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var prefix = raw.EndsWith('*');
                var words = MessageWords.Read(prefix ? raw[..^1] : raw).AllWords.ToArray();
                if (words.Length > 0)
                {
                    entries.Add(new Entry(words, prefix));
                }
            }
        }

        // Words that may stand inside a fixed phrase without breaking it ("verstehst mich einfach nicht").
        var gaps = classes.TryGetValue(GapClass, out var gapEntries)
            ? gapEntries.Where(entry => entry.Words.Length == 1).Select(entry => entry.Words[0]).ToFrozenSet(StringComparer.Ordinal)
            : FrozenSet<string>.Empty;
        // A word of any class is a word in its own right and is never taken for a misspelling of another ("office" is no "officer").
        var known = classes.Values.SelectMany(entries => entries).Where(entry => entry.Words.Length == 1 && !entry.Prefix)
            .Select(entry => entry.Words[0]).ToFrozenSet(StringComparer.Ordinal);
        return new WordClasses(language, classes.ToFrozenDictionary(pair => pair.Key, pair => new WordClass(pair.Value, gaps, known), StringComparer.Ordinal));
    }

    public bool Has(string name) => _classes.ContainsKey(name);

    /// <summary>Every place the class matches in <paramref name="words"/>; with <paramref name="typos"/>, single long words also match one letter off.</summary>
    public IReadOnlyList<WordMatch> Find(string name, IReadOnlyList<string> words, bool typos = false) =>
        _classes.TryGetValue(name, out var wordClass) ? wordClass.Find(words, typos) : [];

    public bool Contains(string name, IReadOnlyList<string> words, bool typos = false) => Find(name, words, typos).Count > 0;

    /// <summary>The class's one-word entries, for matching word endings ("Standesamt" ends in "amt").</summary>
    public IReadOnlyList<string> SingleWords(string name) =>
        _classes.TryGetValue(name, out var wordClass) ? wordClass.SingleWords : [];

    /// <summary>True when the single word at <paramref name="index"/> belongs to the class.</summary>
    public bool IsWord(string name, IReadOnlyList<string> words, int index) =>
        _classes.TryGetValue(name, out var wordClass) && wordClass.HasWord(words[index]);

    private sealed record Entry(string[] Words, bool Prefix);

    private sealed class WordClass
    {
        // Only long words are matched one letter off: among shorter ones one letter makes another word ("hurting", "hunting").
        private const int ShortestTypoWord = 8;

        // Two swapped letters ("humna", "menshcen") are a slip of the fingers even in short words.
        private const int ShortestSwappedWord = 4;

        private readonly FrozenSet<string> _gaps;
        private readonly FrozenSet<string> _known;

        // Every message word is looked up in every class several times a turn: entries are found by their first word, not by trying each.
        private readonly FrozenDictionary<string, Entry[]> _byFirstWord;
        private readonly Entry[] _prefixWords;
        private readonly Entry[] _singleWords;

        public WordClass(List<Entry> entries, FrozenSet<string> gaps, FrozenSet<string> known)
        {
            _gaps = gaps;
            _known = known;
            _byFirstWord = entries.Where(entry => !(entry.Prefix && entry.Words.Length == 1)).GroupBy(entry => entry.Words[0], StringComparer.Ordinal)
                .ToFrozenDictionary(group => group.Key, group => group.ToArray(), StringComparer.Ordinal);
            _prefixWords = [.. entries.Where(entry => entry.Prefix && entry.Words.Length == 1)];
            _singleWords = [.. entries.Where(entry => !entry.Prefix && entry.Words.Length == 1)];
            SingleWords = [.. _singleWords.Select(entry => entry.Words[0])];
        }

        public IReadOnlyList<string> SingleWords { get; }

        public List<WordMatch> Find(IReadOnlyList<string> words, bool typos)
        {
            List<WordMatch>? found = null;
            for (var start = 0; start < words.Count; start++)
            {
                var length = MatchesAt(words, start, typos);
                if (length > 0)
                {
                    (found ??= []).Add(new WordMatch(start, length));
                }
            }

            return found ?? [];
        }

        public bool HasWord(string word) =>
            (_byFirstWord.TryGetValue(word, out var entries) && entries.Any(entry => entry.Words.Length == 1))
            || _prefixWords.Any(entry => word.StartsWith(entry.Words[0], StringComparison.Ordinal));

        /// <summary>The number of words the longest entry matching at <paramref name="start"/> spans (gap words included), 0 for none.</summary>
        public int MatchesAt(IReadOnlyList<string> words, int start, bool typos)
        {
            var word = words[start];
            var longest = 0;
            if (_byFirstWord.TryGetValue(word, out var entries))
            {
                foreach (var entry in entries)
                {
                    longest = Math.Max(longest, Span(entry, words, start, typos));
                }
            }

            if (longest == 0 && _prefixWords.Any(entry => word.StartsWith(entry.Words[0], StringComparison.Ordinal)))
            {
                longest = 1;
            }

            if (longest == 0 && typos && !_known.Contains(word) && _singleWords.Any(entry => Misspelt(entry.Words[0], word)))
            {
                longest = 1;
            }

            return longest;
        }

        private int Span(Entry entry, IReadOnlyList<string> words, int start, bool typos)
        {
            var position = start;
            for (var i = 0; i < entry.Words.Length; i++)
            {
                var skipped = 0;
                while (i > 0 && position < words.Count && skipped < MostGapWords && !Same(entry, i, words[position], typos) && _gaps.Contains(words[position]))
                {
                    position++;
                    skipped++;
                }

                if (position >= words.Count || !Same(entry, i, words[position], typos))
                {
                    return 0;
                }

                position++;
            }

            return position - start;
        }

        private bool Same(Entry entry, int index, string actual, bool typos)
        {
            var expected = entry.Words[index];
            return index == entry.Words.Length - 1 && entry.Prefix
                ? actual.StartsWith(expected, StringComparison.Ordinal)
                : actual == expected || (typos && entry.Words.Length == 1 && !_known.Contains(actual) && Misspelt(expected, actual));
        }

        private static bool Misspelt(string expected, string actual) =>
            Math.Min(expected.Length, actual.Length) >= ShortestTypoWord
                ? Math.Abs(expected.Length - actual.Length) <= 1 && EditDistance.AtMostOne(expected, actual)
                : expected.Length >= ShortestSwappedWord && (Swapped(expected, actual) || (expected.Length >= ShortestSwappedWord + 2 && Dropped(expected, actual)));

        /// <summary>The word with one letter left out, as typed in a hurry or spoken ("anrufn", "redn").</summary>
        private static bool Dropped(string expected, string actual)
        {
            if (actual.Length != expected.Length - 1)
            {
                return false;
            }

            var first = 0;
            while (first < actual.Length && expected[first] == actual[first])
            {
                first++;
            }

            return string.CompareOrdinal(expected, first + 1, actual, first, actual.Length - first) == 0;
        }

        /// <summary>The same letters with one pair of neighbours swapped.</summary>
        private static bool Swapped(string expected, string actual)
        {
            if (expected.Length != actual.Length)
            {
                return false;
            }

            var first = 0;
            while (first < expected.Length && expected[first] == actual[first])
            {
                first++;
            }

            return first < expected.Length - 1 && expected[first] == actual[first + 1] && expected[first + 1] == actual[first]
                && string.CompareOrdinal(expected, first + 2, actual, first + 2, expected.Length - first - 2) == 0;
        }
    }
}
