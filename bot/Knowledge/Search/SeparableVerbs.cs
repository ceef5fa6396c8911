using System.Text.RegularExpressions;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// German splits particle verbs across the sentence: "Wie löse ich mein Sperrkonto auf?" means "auflösen", the word the
/// service uses. For a clause ending in a verb particle this yields the particle joined to each earlier word; the caller
/// keeps only those the corpus knows, so the verb is found without a verb list.
/// </summary>
public static partial class SeparableVerbs
{
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "ab", "an", "auf", "aus", "bei", "ein", "fest", "fort", "her", "hin", "los", "mit", "nach", "um", "vor", "weg", "weiter",
        "zu", "zurück", "zusammen",
    };

    public static IEnumerable<string> Joined(string text)
    {
        foreach (var clause in ClauseBreak().Split(text))
        {
            var words = GermanTextAnalyzer.Words(clause);
            if (words.Count < 2 || !Particles.Contains(words[^1]))
            {
                continue;
            }

            foreach (var word in words.Take(words.Count - 1).Where(word => word.Length >= 3 && word.All(char.IsLetter)))
            {
                yield return words[^1] + word;
            }
        }
    }

    [GeneratedRegex(@"[.,;:!?()]")]
    private static partial Regex ClauseBreak();
}
