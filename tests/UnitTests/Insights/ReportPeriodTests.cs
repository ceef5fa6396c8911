using CitizenBot.Insights;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CitizenBot.UnitTests.Insights;

public sealed class ReportPeriodTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void Without_a_range_the_dashboard_shows_the_last_30_days()
    {
        var choice = ReportPeriod.Parse(Query(), Today);

        choice.Period.ShouldBe(new ReportPeriod(new DateOnly(2026, 10, 25), Today));
        choice.Period!.Days.ShouldBe(30);
    }

    [Theory]
    [InlineData("2026-11-20", "2026-11-01", "ReversedRange")]
    [InlineData("", "", "EmptyRange")]
    [InlineData("2026-11-01", null, "EmptyRange")]
    [InlineData("1. November", "2026-11-20", "EmptyRange")]
    [InlineData("2025-01-01", "2026-11-20", "RangeTooLong")]
    public void An_unusable_range_is_refused_with_its_reason(string? from, string? to, string code) =>
        ReportPeriod.Parse(Query(from, to), Today).ProblemCode.ShouldBe(code);

    [Fact]
    public void A_single_day_is_a_range()
    {
        var choice = ReportPeriod.Parse(Query("2026-11-23", "2026-11-23"), Today);

        choice.Period!.Days.ShouldBe(1);
    }

    [Fact]
    public void A_month_for_the_council_report_runs_from_its_first_to_its_last_day()
    {
        ReportPeriod.ParseMonth("2024-02", Today).Period.ShouldBe(new ReportPeriod(new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)));
        ReportPeriod.ParseMonth(null, Today).Period.ShouldBe(new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
        ReportPeriod.ParseMonth("11/2026", Today).ProblemCode.ShouldBe("InvalidMonth");
    }

    private static QueryCollection Query(string? from = null, string? to = null)
    {
        var values = new Dictionary<string, StringValues>();
        if (from is not null)
        {
            values["from"] = from;
        }

        if (to is not null)
        {
            values["to"] = to;
        }

        return new QueryCollection(values);
    }
}
