namespace CitizenBot.Privacy;

/// <summary>Replaces personal data (phone numbers, e-mail, IBAN, tax and ID numbers, birth dates, addresses, names) with placeholders such as [TELEFON].</summary>
public interface IPersonalDataRedactor
{
    /// <summary>The text with every recognised piece of personal data replaced; the same text when there is none.</summary>
    RedactedText Redact(string text);
}

/// <summary>A redacted text and the kinds of personal data that were found in it.</summary>
public sealed record RedactedText(string Text, IReadOnlyList<string> FoundKinds)
{
    public bool HadPersonalData => FoundKinds.Count > 0;
}
