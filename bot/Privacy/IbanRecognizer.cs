using System.Text.RegularExpressions;

namespace CitizenBot.Privacy;

/// <summary>An IBAN (ISO 13616): country, two check digits and up to 30 letters or digits, spaces allowed; only when mod 97 holds.</summary>
public sealed partial class IbanRecognizer : IPersonalDataRecognizer
{
    private const int ShortestIban = 15;

    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        foreach (Match candidate in Candidate().Matches(text))
        {
            // The pattern may run into a following code ("… 00 BIC …"): take the longest prefix whose check digits hold.
            for (var length = candidate.Length; length > 0; length--)
            {
                var compact = candidate.Value[..length].Replace(" ", "", StringComparison.Ordinal);
                if (candidate.Value[length - 1] != ' ' && HasCountryLength(compact) && ChecksumHolds(compact))
                {
                    yield return new PersonalDataMatch(candidate.Index, length, Placeholders.Iban);
                    break;
                }
            }
        }
    }

    /// <summary>German IBANs have 22 characters, Austrian 20, Swiss 21; others at least 15.</summary>
    private static bool HasCountryLength(string iban) => iban.Length >= 4 && iban[..2] switch
    {
        "DE" => iban.Length == 22,
        "AT" => iban.Length == 20,
        "CH" => iban.Length == 21,
        _ => iban.Length >= ShortestIban,
    };

    /// <summary>Move the first four characters to the end, letters to 10..35; the number mod 97 must be 1.</summary>
    public static bool ChecksumHolds(string iban)
    {
        var remainder = 0;
        foreach (var character in iban[4..] + iban[..4])
        {
            if (char.IsAsciiDigit(character))
            {
                remainder = ((remainder * 10) + (character - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(character))
            {
                remainder = ((remainder * 100) + (character - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    // Upper case only, as banks print IBANs: a following word ("… 51 bitte") then cannot join the candidate.
    [GeneratedRegex(@"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();
}
