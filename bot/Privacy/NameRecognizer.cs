using System.Text.RegularExpressions;

namespace CitizenBot.Privacy;

/// <summary>
/// A person's name, by two rules. After a cue ("ich heiße", "mein Name ist", "my name is", "hier ist", "I am", "Frau", "Herr"):
/// the capitalised words that follow. Anywhere: two capitalised words in a row whose first is no ordinary word ("Emma Fischer",
/// but not "Mein Anwohnerparkausweis"), since given names are rarely German or English words.
/// </summary>
public sealed partial class NameRecognizer(OrdinaryWords ordinary) : IPersonalDataRecognizer
{
    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        foreach (Match cued in AfterCue().Matches(text))
        {
            var name = cued.Groups["name"];
            var words = name.Value.Split(' ');
            // "Hier ist Ihr Antrag", "I am Looking": weak cues only count when the first word is no ordinary word.
            var weak = cued.Groups["weak"].Success;
            if (ordinary.IsCommonWord(words[0]) || (weak && ordinary.Contains(words[0])))
            {
                continue;
            }

            var length = words.TakeWhile(word => !ordinary.IsCommonWord(word)).Sum(word => word.Length + 1) - 1;
            yield return new PersonalDataMatch(name.Index, length, Placeholders.Name);
        }

        foreach (Match pair in CapitalisedPair().Matches(text))
        {
            var first = pair.Groups["first"].Value;
            var second = pair.Groups["second"].Value;
            if (!ordinary.Contains(first) && !ordinary.IsCommonWord(first) && !ordinary.IsCommonWord(second))
            {
                yield return new PersonalDataMatch(pair.Index, pair.Length, Placeholders.Name);
            }
        }
    }

    // "Jonas", "Petrović", "Müller-Lüdenscheidt", "O'Connor"; a lone capital ("I") is no name word.
    private const string NameWord = @"\p{Lu}(?:\p{Ll}+|(?=['’]\p{Lu}))(?:['’-]\p{Lu}?\p{Ll}+)*";

    [GeneratedRegex(
        @"(?i:\b(?:ich\s+heiße|ich\s+heisse|mein\s+name\s+ist|mein\s+name\s+lautet|my\s+name\s+is|name:|frau|herrn?|mr\.?|mrs\.?|ms\.?|dr\.?)|(?<weak>\b(?:hier\s+ist|hier\s+spricht|i\s+am|i'm|this\s+is)))\s+"
        + "(?<name>" + NameWord + "(?: (?:(?:von|van|de|der|al|el|bin) )?" + NameWord + "){0,2})",
        RegexOptions.CultureInvariant)]
    private static partial Regex AfterCue();

    [GeneratedRegex("(?<![\\p{L}-])(?<first>" + NameWord + ") (?<second>" + NameWord + ")(?![\\p{L}])", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalisedPair();
}
