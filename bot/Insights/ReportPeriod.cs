using System.Globalization;

namespace CitizenBot.Insights;

/// <summary>The days a dashboard, export or report covers (UTC days, both ends included).</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public const int DefaultDays = 30;

    /// <summary>A year and a day: long enough for a yearly report, short enough to read in one request.</summary>
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public string FromText => From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string ToText => To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads ?from=yyyy-MM-dd&amp;to=yyyy-MM-dd. Neither given: the last 30 days up to today. Otherwise both must be dates, in order,
    /// at most a year and a day apart; the refusal says which.
    /// </summary>
    public static PeriodChoice Parse(IQueryCollection query, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.ContainsKey("from") && !query.ContainsKey("to"))
        {
            return new PeriodChoice(new ReportPeriod(today.AddDays(1 - DefaultDays), today), null, null);
        }

        if (!TryDay(query["from"], out var from) || !TryDay(query["to"], out var to))
        {
            return Refused("EmptyRange", "Give both 'from' and 'to' as dates (yyyy-MM-dd), or neither for the last 30 days.");
        }

        if (to < from)
        {
            return Refused("ReversedRange", $"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}); swap 'from' and 'to'.");
        }

        return to.DayNumber - from.DayNumber + 1 > MaxDays
            ? Refused("RangeTooLong", $"A range covers at most {MaxDays} days.")
            : new PeriodChoice(new ReportPeriod(from, to), null, null);
    }

    /// <summary>Reads ?month=yyyy-MM for the council's monthly report; none given: the current month.</summary>
    public static PeriodChoice ParseMonth(string? month, DateOnly today)
    {
        if (month is null)
        {
            return new PeriodChoice(Month(today.Year, today.Month), null, null);
        }

        return DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? new PeriodChoice(Month(first.Year, first.Month), null, null)
            : Refused("InvalidMonth", "Give the month as yyyy-MM, for example 2026-11.");
    }

    /// <summary>
    /// Reads ?year=yyyy[&amp;quarter=1..4] for the council's yearly and quarterly reports; both are checked, and the refusal says which is wrong.
    /// </summary>
    public static PeriodChoice ParseYear(string? year, string? quarter)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 2000 or > 9999)
        {
            return Refused("InvalidYear", "Give the year as four digits, for example year=2026.");
        }

        if (quarter is null)
        {
            return new PeriodChoice(new ReportPeriod(new DateOnly(number, 1, 1), new DateOnly(number, 12, 31)), null, null);
        }

        if (!int.TryParse(quarter, NumberStyles.None, CultureInfo.InvariantCulture, out var q) || q is < 1 or > 4)
        {
            return Refused("InvalidQuarter", "Give the quarter as 1, 2, 3 or 4, or leave it out for the whole year.");
        }

        var first = new DateOnly(number, ((q - 1) * 3) + 1, 1);
        return new PeriodChoice(new ReportPeriod(first, first.AddMonths(3).AddDays(-1)), null, null);
    }

    private static ReportPeriod Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new ReportPeriod(first, first.AddMonths(1).AddDays(-1));
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static PeriodChoice Refused(string code, string detail) => new(null, code, detail);
}

/// <summary>A period, or why the request did not name a usable one.</summary>
public sealed record PeriodChoice(ReportPeriod? Period, string? ProblemCode, string? ProblemDetail);
