using System.Text.RegularExpressions;

namespace CitizenBot.Privacy;

/// <summary>
/// The serial number of a German identity card or passport: 9 characters of the alphabet without vowels and look-alikes
/// (C F G H J K L M N P R T V W X Y Z and 0-9), a letter first, at least one digit; a 10th digit must be the 7-3-1 check digit.
/// </summary>
public sealed partial class IdentityDocumentRecognizer : IPersonalDataRecognizer
{
    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        foreach (Match candidate in Serial().Matches(text))
        {
            var serial = candidate.Groups["serial"].Value.ToUpperInvariant();
            // A 10th digit that is not the check digit means this is some other code, not a document number.
            var check = candidate.Groups["check"];
            if (!serial.Any(char.IsAsciiDigit) || (check.Success && CheckDigit(serial) != check.Value[0] - '0'))
            {
                continue;
            }

            yield return new PersonalDataMatch(candidate.Index, candidate.Length, Placeholders.IdentityDocument);
        }
    }

    /// <summary>ICAO 9303 check digit: weights 7, 3, 1 repeating; digits count as themselves, letters A=10 … Z=35.</summary>
    public static int CheckDigit(string serial)
    {
        int[] weights = [7, 3, 1];
        var sum = 0;
        for (var i = 0; i < serial.Length; i++)
        {
            var value = char.IsAsciiDigit(serial[i]) ? serial[i] - '0' : serial[i] - 'A' + 10;
            sum += value * weights[i % 3];
        }

        return sum % 10;
    }

    [GeneratedRegex(@"\b(?<serial>[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8})(?<check>[0-9])?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Serial();
}
