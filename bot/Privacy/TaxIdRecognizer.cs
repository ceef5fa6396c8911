using System.Text.RegularExpressions;

namespace CitizenBot.Privacy;

/// <summary>
/// The German tax identification number (§ 139b AO): 11 digits, first not 0, check digit by ISO 7064 MOD 11,10.
/// After a cue ("Steuer-ID", "Steuernummer", "tax ID") any 11 digits count, since a mistyped number is still the citizen's.
/// </summary>
public sealed partial class TaxIdRecognizer : IPersonalDataRecognizer
{
    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        foreach (Match candidate in ElevenDigits().Matches(text))
        {
            var digits = candidate.Value.Replace(" ", "", StringComparison.Ordinal);
            if (CheckDigitHolds(digits) || AfterCue(text, candidate.Index))
            {
                yield return new PersonalDataMatch(candidate.Index, candidate.Length, Placeholders.TaxId);
            }
        }
    }

    public static bool CheckDigitHolds(string digits)
    {
        if (digits.Length != 11 || digits[0] == '0' || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var product = 10;
        for (var i = 0; i < 10; i++)
        {
            var sum = (digits[i] - '0' + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }

        var check = 11 - product;
        return (check == 10 ? 0 : check) == digits[10] - '0';
    }

    private static bool AfterCue(string text, int index) => Cue().IsMatch(text[Math.Max(0, index - 40)..index]);

    [GeneratedRegex(@"(?<![\d,.])\d(?: ?\d){10}(?![\d,.]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ElevenDigits();

    [GeneratedRegex(@"(steuer-?id\w*|steuer-?identifikationsnummer|identifikationsnummer|steuernummer|tax\s*(id|identification)\w*)\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Cue();
}
