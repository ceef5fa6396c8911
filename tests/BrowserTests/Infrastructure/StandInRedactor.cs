using System.Text.RegularExpressions;
using CitizenBot.Privacy;

namespace CitizenBot.BrowserTests.Infrastructure;

/// <summary>Stands in for the privacy feature's redactor in the browser tests: e-mail addresses become placeholders.</summary>
internal sealed partial class StandInRedactor : IPersonalDataRedactor
{
    public RedactedText Redact(string text)
    {
        var found = Mail().IsMatch(text);
        return new RedactedText(Mail().Replace(text, "[E-MAIL]"), found ? ["E-MAIL"] : []);
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Mail();
}
