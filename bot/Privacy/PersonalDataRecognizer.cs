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
public static class Placeholders
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
}
