using System.Collections.Frozen;
using System.Text.RegularExpressions;
using CitizenBot.Knowledge;

namespace CitizenBot.Conversation.Understanding;

/// <summary>
/// Questions meant for someone else: the office of another town or district ("Bürgerbüro in Augsburg", "Landratsamt Ebersberg")
/// or an authority the city is not ("Finanzamt", "Jobcenter", "Krankenkasse"). A place named as where someone moves from
/// ("ich ziehe aus Köln her") is no such question, and neither is an authority the answering service itself names.
/// </summary>
public sealed partial class Elsewhere
{
    // Words before a place that make it the place of the office asked about.
    private static readonly FrozenSet<string> LocationWords = FrozenSet.Create(
        StringComparer.Ordinal, "in", "im", "bei", "beim", "stadt", "gemeinde", "markt", "landkreis", "landratsamt", "kreis", "bezirk", "rathaus", "amt", "at", "of");

    // Words before a name that make it a place: "aus Köln", "nach Augsburg", "from Hamburg".
    private static readonly FrozenSet<string> PlacePrepositions = FrozenSet.Create(
        StringComparer.Ordinal, "in", "im", "aus", "von", "vom", "nach", "bei", "beim", "from", "to", "near", "zwischen", "uber", "richtung");

    // Offices of a district, never of the city, whatever follows them.
    private static readonly FrozenSet<string> DistrictOffices = FrozenSet.Create(StringComparer.Ordinal, "landratsamt", "landkreis", "landkreises", "landratsamts");

    private readonly FrozenSet<string> _places;
    private readonly FrozenSet<string> _home;
    private readonly int _longestPlace;

    public Elsewhere(IEnumerable<string> places, IEnumerable<string> homePlaces)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(homePlaces);
        _home = homePlaces.Select(MessageWords.Fold).ToFrozenSet(StringComparer.Ordinal);
        _places = places.Where(place => place.Length >= 3 && !place.StartsWith('#'))
            .Select(place => MessageWords.Fold(place.Replace('-', ' ')))
            .Where(place => !_home.Contains(place))
            .ToFrozenSet(StringComparer.Ordinal);
        _longestPlace = _places.Count == 0 ? 0 : _places.Max(place => place.Count(character => character == ' ') + 1);
    }

    /// <summary>The other town or district the question asks about, or null; <paramref name="text"/> as the citizen wrote it (capitals matter).</summary>
    public string? PlaceAskedAbout(string text, WordClasses classes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(classes);
        var words = Word().Matches(text).Select(match => match.Value).ToList();
        var folded = words.Select(MessageWords.Fold).ToList();
        if (folded.Any(_home.Contains))
        {
            return null;
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (DistrictOffices.Contains(folded[i]) && i + 1 < words.Count && char.IsUpper(words[i + 1][0]))
            {
                return words[i] + " " + words[i + 1];
            }

            if (!char.IsUpper(words[i][0]))
            {
                continue;
            }

            for (var length = Math.Min(_longestPlace, words.Count - i); length >= 1; length--)
            {
                var name = string.Join(' ', folded.Skip(i).Take(length));
                var adjective = length == 1 && name.EndsWith("er", StringComparison.Ordinal) && _places.Contains(name[..^2]);
                if (!_places.Contains(name) && !adjective)
                {
                    continue;
                }

                var before = i > 0 ? folded[i - 1] : "";
                var after = i + length < words.Count ? folded[i + length] : "";
                var officeAfter = after.Length > 0 && (classes.IsWord("office", folded, i + length) || EndsInOffice(after, classes));
                var officeBefore = !adjective && before.Length > 0 && (classes.IsWord("office", folded, i - 1) || EndsInOffice(before, classes));
                if ((!adjective && LocationWords.Contains(before)) || officeAfter || officeBefore)
                {
                    return string.Join(' ', words.Skip(i).Take(length));
                }

                break;
            }
        }

        return null;
    }

    /// <summary>
    /// The other towns and districts a question names after a preposition ("ich ziehe aus Köln her", "von Dresden nach …"): context, not
    /// what it asks about. Without the preposition a name is mostly a word ("das Wetter", "beim Essen").
    /// </summary>
    public IReadOnlyList<string> PlacesNamed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Word().Matches(text).Select(match => match.Value).ToList();
        var folded = words.Select(MessageWords.Fold).ToList();
        var named = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            if (!char.IsUpper(words[i][0]) || i == 0 || !PlacePrepositions.Contains(folded[i - 1]))
            {
                continue;
            }

            for (var length = Math.Min(_longestPlace, words.Count - i); length >= 1; length--)
            {
                var name = string.Join(' ', folded.Skip(i).Take(length));
                if (_places.Contains(name))
                {
                    named.Add(name);
                    i += length - 1;
                    break;
                }
            }
        }

        return named;
    }

    /// <summary>The text without the given (folded) words: names of places and authorities the search should not weigh.</summary>
    public static string Without(string text, IEnumerable<string> foldedPhrases)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dropped = foldedPhrases.SelectMany(phrase => phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        return dropped.Count == 0 ? text : Word().Replace(text, word => dropped.Contains(MessageWords.Fold(word.Value)) ? " " : word.Value);
    }

    /// <summary>The authority the question names that the city is not ("Finanzamt", "job centre"), or null.</summary>
    public static string? AuthorityNamed(IReadOnlyList<SentenceReading> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        foreach (var sentence in sentences)
        {
            if (sentence.Find("authority") is [var match, ..])
            {
                return string.Join(' ', sentence.Words.Skip(match.Start).Take(match.Length));
            }
        }

        return null;
    }

    /// <summary>The service itself sends citizens there or names it ("Verlustanzeige bei der Polizei"): then the question is the city's.</summary>
    public static bool ServiceNames(KnowledgeDocument service, string name)
    {
        ArgumentNullException.ThrowIfNull(service);
        var folded = MessageWords.Fold(name);
        return MessageWords.Fold(service.Title).Contains(folded, StringComparison.Ordinal)
            || service.Sections.Any(section => MessageWords.Fold(section.Markdown).Contains(folded, StringComparison.Ordinal));
    }

    private static bool EndsInOffice(string word, WordClasses classes) =>
        classes.SingleWords("office-suffix").Any(suffix => word.EndsWith(suffix, StringComparison.Ordinal));

    // Hyphens split words, so "Hamburg-Altona" names Hamburg.
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
