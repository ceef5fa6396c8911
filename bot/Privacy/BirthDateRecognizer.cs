using System.Globalization;
using System.Text.RegularExpressions;

namespace CitizenBot.Privacy;

/// <summary>
/// A date of birth: any date right after a cue ("geb.", "geboren am", "Geburtsdatum", "born on", "date of birth"),
/// and any full date more than <see cref="AdultYears"/> years ago, since city services rarely hinge on such old dates.
/// </summary>
public sealed partial class BirthDateRecognizer(TimeProvider time) : IPersonalDataRecognizer
{
    /// <summary>Dates older than this are taken for birth dates; younger ones are deadlines, appointments, notices.</summary>
    public const int AdultYears = 14;

    private static readonly string[] GermanMonths =
        ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"];

    private static readonly string[] EnglishMonths =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        foreach (Match date in Date().Matches(text))
        {
            var year = ParseYear(date.Groups["year"]);
            if (!IsDate(date, year))
            {
                continue;
            }

            // The clock only for a date found: it converts to local time, and most messages hold no date at all.
            if (AfterCue(text, date.Index) || (year is { } full && date.Groups["year"].Length == 4 && full <= time.GetLocalNow().Year - AdultYears))
            {
                yield return new PersonalDataMatch(date.Index, date.Length, Placeholders.BirthDate);
            }
        }
    }

    private static bool IsDate(Match date, int? year)
    {
        var month = Month(date.Groups["month"].Value);
        return int.TryParse(date.Groups["day"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(year is >= 1 and <= 9999 ? year.Value : 2000, month.Value);
    }

    private static int? ParseYear(Group year)
    {
        if (!year.Success || !int.TryParse(year.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return year.Length == 2 ? 1900 + value : value;
    }

    private static int? Month(string month)
    {
        if (int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var name = month.TrimEnd('.').ToLowerInvariant();
        var index = Array.FindIndex(GermanMonths, candidate => candidate.StartsWith(name, StringComparison.Ordinal));
        if (index < 0)
        {
            index = Array.FindIndex(EnglishMonths, candidate => candidate.StartsWith(name, StringComparison.Ordinal));
        }

        return index < 0 || name.Length < 3 ? null : index + 1;
    }

    private static bool AfterCue(string text, int index) => Cue().IsMatch(text[Math.Max(0, index - 30)..index]);

    [GeneratedRegex(
        @"(?<![\d.])(?:(?<day>\d{1,2})\.\s?(?<month>\d{1,2})\.(?:\s?(?<year>\d{4}|\d{2}))?|(?<day>\d{1,2})/(?<month>\d{1,2})/(?<year>\d{4})|(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})"
        + @"|(?<day>\d{1,2})\.?\s+(?<month>[A-Za-zÄÖÜäöü]{3,9}\.?)(?:\s+(?<year>\d{4}))?|(?<month>[A-Za-z]{3,9}\.?)\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>\d{4}))(?![\d])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    [GeneratedRegex(
        @"(\bgeb\.|\bgeboren(\s+am)?|\bgeburtsdatum|\bgeburtstag|\bgeb\.-datum|\bborn(\s+on)?|\bdate\s+of\s+birth|\bbirth\s*date|\bbirthday|\bdob)\W{0,3}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Cue();
}
