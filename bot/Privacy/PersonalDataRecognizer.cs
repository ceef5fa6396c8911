using System.Text.RegularExpressions;

namespace CitizenBot.Privacy;

/// <summary>Finds one kind of personal data in a text; the redactor composes all of them.</summary>
public interface IPersonalDataRecognizer
{
    IEnumerable<PersonalDataMatch> Find(string text);
}

/// <summary>A stretch of text that is personal data, and the placeholder that replaces it.</summary>
public readonly record struct PersonalDataMatch(int Start, int Length, string Placeholder)
{
    public int End => Start + Length;
}

/// <summary>The placeholders that stand in for personal data: German, as most of the text around them.</summary>
public static partial class Placeholders
{
    public const string Phone = "[TELEFON]";
    public const string Email = "[E-MAIL]";
    public const string Iban = "[IBAN]";
    public const string TaxId = "[STEUER-ID]";
    public const string IdentityDocument = "[AUSWEISNUMMER]";
    public const string BirthDate = "[GEBURTSDATUM]";
    public const string Address = "[ADRESSE]";
    public const string Name = "[NAME]";

    public static IReadOnlyList<string> All { get; } = [Phone, Email, Iban, TaxId, IdentityDocument, BirthDate, Address, Name];

    /// <summary>
    /// The text without placeholders and the labels in front of them ("Tel.", "E-Mail:", "geb.", "mein Name ist"):
    /// they say what the personal data was, not what the citizen asks, so a search must not look for them.
    /// </summary>
    public static string Remove(string text) => LabelledPlaceholder().Replace(text, " ");

    [GeneratedRegex(
        @"(?i:\b(?:tel\.?|telefon(?:nummer)?|handy(?:nummer)?|mobil(?:nummer)?|e-?mail(?:-adresse)?|mail|iban|steuer-?id|steuernummer|geb\.|geboren(?:\s+am)?|geburtsdatum|(?:mein|my)\s+name\s+(?:ist|is)|ich\s+heiße|ich\s+heisse|hier\s+(?:ist|spricht)|ausweisnummer|passnummer|adresse|anschrift|wohnhaft(?:\s+in)?|born(?:\s+on)?|phone|address)\s*:?\s*)?"
        + @"\[(?:TELEFON|E-MAIL|IBAN|STEUER-ID|AUSWEISNUMMER|GEBURTSDATUM|ADRESSE|NAME)\]",
        RegexOptions.CultureInvariant)]
    private static partial Regex LabelledPlaceholder();
}
