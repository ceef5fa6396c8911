using System.Globalization;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>Whether staff answer now: the configured weekly hours and holidays, in the city's time zone.</summary>
public sealed class OfficeHours(IOptions<HandoffOptions> options, TimeProvider time)
{
    public bool IsOpen() => IsOpenAt(time.GetUtcNow());

    public bool IsOpenAt(DateTimeOffset moment)
    {
        var settings = options.Value;
        var local = TimeZoneInfo.ConvertTime(moment, TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone));
        if (settings.Holidays.Contains(DateOnly.FromDateTime(local.DateTime)))
        {
            return false;
        }

        var now = TimeOnly.FromDateTime(local.DateTime);
        return settings.OfficeHours.GetValueOrDefault(local.DayOfWeek, [])
            .Any(span => TryParseSpan(span, out var from, out var to) && now >= from && now < to);
    }

    /// <summary>"08:00-12:30" → 08:00 and 12:30.</summary>
    public static bool TryParseSpan(string span, out TimeOnly from, out TimeOnly to)
    {
        from = to = default;
        var parts = span.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out from)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out to)
            && from < to;
    }
}
