using System.Text.RegularExpressions;
using CitizenBot.Privacy;

namespace CitizenBot.FunctionalTests.Generation;

/// <summary>Stands in for the privacy feature's redactor: phone numbers and e-mail addresses become placeholders.</summary>
public sealed partial class PlaceholderRedactor : IPersonalDataRedactor
{
    public RedactedText Redact(string text)
    {
        var found = new List<string>();
        var redacted = Phone().Replace(text, _ => { found.Add("TELEFON"); return "[TELEFON]"; });
        redacted = Mail().Replace(redacted, _ => { found.Add("E-MAIL"); return "[E-MAIL]"; });
        return new RedactedText(redacted, found);
    }

    [GeneratedRegex(@"\+?\d[\d /-]{5,}\d")]
    private static partial Regex Phone();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Mail();
}
