using System.Text.RegularExpressions;

namespace CitizenBot.Privacy;

/// <summary>
/// A street address: a German street name (-straße, -str., -weg, -platz, -allee, -gasse, -ring, -damm, -ufer, or such a word
/// after an adjective: "Nymphenburger Str.") followed by a house number, with postcode and town when they follow.
/// </summary>
public sealed partial class StreetAddressRecognizer : IPersonalDataRecognizer
{
    public IEnumerable<PersonalDataMatch> Find(string text) =>
        Address().Matches(text).Select(match => new PersonalDataMatch(match.Index, match.Length, Placeholders.Address));

    [GeneratedRegex(
        @"\b(?:[A-ZÄÖÜ][\p{L}-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer)"
        + @"|[A-ZÄÖÜ][\p{L}-]+(?:er|sche|ische)\s+(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Ring|Damm|Ufer))"
        + @"\s*\d{1,4}(?:\s?[a-zA-Z](?![\p{L}]))?(?:\s?[-–/]\s?\d{1,4}[a-zA-Z]?)?(?!\d)"
        + @"(?:,?\s+\d{5}\s+[A-ZÄÖÜ][\p{L}-]+)?",
        RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
