using CitizenBot.Handoff;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.UnitTests.Handoff;

/// <summary>Office hours are read in Munich time, holidays close the whole day.</summary>
public sealed class OfficeHoursTests
{
    private static readonly OfficeHours Hours = new(
        Options.Create(new HandoffOptions
        {
            OfficeHours = new() { [DayOfWeek.Monday] = ["08:00-12:00", "13:00-18:00"] },
            Holidays = [new DateOnly(2026, 12, 28)],
        }),
        new FakeTimeProvider());

    [Theory]
    [InlineData("2026-11-23T07:00:00Z", true, "08:00 in Munich (UTC+1 in winter)")]
    [InlineData("2026-11-23T06:59:00Z", false, "07:59 in Munich")]
    [InlineData("2026-11-23T11:30:00Z", false, "12:30, the lunch break")]
    [InlineData("2026-11-23T16:59:00Z", true, "17:59")]
    [InlineData("2026-11-23T17:00:00Z", false, "18:00, closed")]
    [InlineData("2026-11-24T09:00:00Z", false, "Tuesday is not configured")]
    [InlineData("2026-12-28T09:00:00Z", false, "a Monday that is a holiday")]
    [InlineData("2026-06-22T06:30:00Z", true, "08:30 in summer time (UTC+2)")]
    public void Opening_follows_Munich_time_and_holidays(string utc, bool open, string because) =>
        Hours.IsOpenAt(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(open, because);
}
