using System.Net;
using CitizenBot.Cli;
using CitizenBot.Fairness;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Insights;
using CitizenBot.Storage;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.FunctionalTests.Insights;

/// <summary>Groups of citizens served worse than everyone: flagged on /admin, found by the weekly check, and reported to the council.</summary>
public sealed class FairnessAndCouncilReportTests : IDisposable
{
    private readonly InsightsBot _bot = new();

    [Fact]
    public async Task A_language_whose_questions_go_unanswered_is_flagged_on_the_dashboard_and_the_others_are_not()
    {
        var citizen = await _bot.StartAsync();
        Citizen.Cites(await citizen.AskAsync(InsightsBot.PassportQuestion)).ShouldBeTrue();
        Citizen.Cites(await citizen.AskAsync(InsightsBot.PassportApplicationQuestion)).ShouldBeTrue();
        var now = DateTimeOffset.UtcNow;
        await SeedAsync(_bot.Factory.Services, now, "en", Outcomes.Abstained, 2);

        var figures = await _bot.FiguresTodayAsync();

        var languages = figures["byLanguage"]!.AsArray().ToDictionary(group => group!["group"]!.GetValue<string>(), group => group!);
        languages["de"]!["lags"]!.AsArray().ShouldBeEmpty();
        languages["en"]!["lags"]!.AsArray().Select(lag => lag!.GetValue<string>()).ShouldBe([GroupLags.Answered, GroupLags.Abstained]);
        languages["en"]!["flagged"]!.GetValue<bool>().ShouldBeTrue();
        using var editor = await _bot.SignInAsync("editor");
        var dashboard = WebUtility.HtmlDecode(await (await editor.GetAsync("/admin")).Content.ReadAsStringAsync());
        dashboard.ShouldContain("<tr class=\"flagged\" data-group=\"en\">");
        dashboard.ShouldContain("⚑ weniger beantwortet, öfter keine sichere Antwort");
        dashboard.ShouldNotContain("<tr class=\"flagged\" data-group=\"de\">");
    }

    [Fact]
    public async Task The_weekly_check_writes_a_finding_for_the_lagging_language_that_editors_see_on_the_dashboard()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));
        using var factory = _bot.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time)));
        factory.CreateClient().Dispose();
        var monday = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);
        await SeedAsync(factory.Services, monday, "de", Outcomes.Answered, 3);
        await SeedAsync(factory.Services, monday, "en", Outcomes.Abstained, 2);
        var findings = factory.Services.GetRequiredService<FairnessFindings>();

        IReadOnlyList<FairnessFinding> open = [];
        for (var day = 0; day < 14 && open.Count == 0; day++)
        {
            time.Advance(TimeSpan.FromDays(1));
            for (var poll = 0; poll < 20 && open.Count == 0; poll++)
            {
                await Task.Delay(100);
                open = await findings.ListOpenAsync(CancellationToken.None);
            }
        }

        var finding = open.ShouldHaveSingleItem();
        finding.Dimension.ShouldBe(WeeklyFairnessCheck.Language);
        finding.Group.ShouldBe("en");
        finding.WeekFrom.ShouldBe(new DateOnly(2026, 3, 2));
        finding.WeekTo.ShouldBe(new DateOnly(2026, 3, 8));
        finding.Lags.ShouldBe([GroupLags.Answered, GroupLags.Abstained]);
        var editor = await StaffAccounts.SignInAsync(factory.CreateClient(), "editor");
        var dashboard = await (await editor.GetAsync("/admin")).Content.ReadAsStringAsync();
        dashboard.ShouldContain("Woche 2026-03-02 bis 2026-03-08:");
        dashboard.ShouldContain("Sprache <strong>en</strong>,");
    }

    [Fact]
    public async Task The_quarterly_and_yearly_reports_show_their_periods_figures_groups_and_findings()
    {
        await SeedAsync(_bot.Factory.Services, new DateTimeOffset(2026, 8, 11, 9, 0, 0, TimeSpan.Zero), "de", Outcomes.Answered, 3);
        await SeedAsync(_bot.Factory.Services, new DateTimeOffset(2026, 8, 11, 9, 0, 0, TimeSpan.Zero), "en", Outcomes.Abstained, 2);
        await SeedAsync(_bot.Factory.Services, new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero), "de", Outcomes.Answered, 4);
        await _bot.Factory.Services.GetRequiredService<FairnessFindings>().RecordAsync(
            DateTimeOffset.UtcNow, new DateOnly(2026, 8, 10), new DateOnly(2026, 8, 16), WeeklyFairnessCheck.Language, "en", [GroupLags.Abstained], 2, CancellationToken.None);
        using var editor = await _bot.SignInAsync("editor");

        var quarter = await editor.GetAsync("/admin/report?year=2026&quarter=3");
        var year = await (await editor.GetAsync("/admin/report?year=2026")).Content.ReadAsStringAsync();
        var quarterCsv = await editor.GetAsync("/admin/report.csv?year=2026&quarter=3");
        var yearCsv = await (await editor.GetAsync("/admin/report.csv?year=2026")).Content.ReadAsStringAsync();

        quarter.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await quarter.Content.ReadAsStringAsync();
        html.ShouldContain("Bericht für 3. Quartal 2026</h1>");
        html.ShouldContain("Zeitraum 2026-07-01 bis 2026-09-30");
        html.ShouldContain("<tr><th scope=\"row\">Fragen</th><td>5</td></tr>");
        html.ShouldContain("<tr class=\"flagged\" data-group=\"en\">");
        html.ShouldContain("Woche 2026-08-10 bis 2026-08-16:");
        html.ShouldContain("Keine Vorfälle im Zeitraum erfasst.");
        html.ShouldContain("<p id=\"quality\">");
        html.ShouldContain("<p id=\"knowledge\">Aktueller Stand: Version");
        year.ShouldContain("Bericht für Jahr 2026</h1>");
        year.ShouldContain("<tr><th scope=\"row\">Fragen</th><td>9</td></tr>");

        quarterCsv.StatusCode.ShouldBe(HttpStatusCode.OK);
        quarterCsv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await quarterCsv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("section,group,figure,value");
        lines.ShouldContain("period,,from,2026-07-01");
        lines.ShouldContain("use,all,questions,5");
        lines.ShouldContain("use,all,abstained,2");
        lines.ShouldContain("fairness_language,en,lags,answered abstained");
        lines.ShouldContain("fairness_language,de,lags,");
        lines.ShouldContain("incidents,all,count,0");
        lines.ShouldContain("open_findings,language:en,week_2026-08-10,abstained");
        yearCsv.Split("\r\n").ShouldContain("use,all,questions,9");
    }

    [Fact]
    public async Task The_council_report_verb_writes_the_quarters_html_and_csv_from_the_bots_data_folder()
    {
        await SeedAsync(_bot.Factory.Services, new DateTimeOffset(2026, 8, 11, 9, 0, 0, TimeSpan.Zero), "de", Outcomes.Answered, 3);
        await SeedAsync(_bot.Factory.Services, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), "de", Outcomes.Answered, 1);
        var output = Path.Combine(_bot.Factory.DataFolder, "report");

        var exitCode = await CitizenBotCli.RunAsync(["council-report", "--year", "2026", "--quarter", "3", "--out", output, "--data", _bot.Factory.DataFolder]);
        var refused = await CitizenBotCli.RunAsync(["council-report", "--year", "2026", "--quarter", "0", "--out", output, "--data", _bot.Factory.DataFolder]);

        exitCode.ShouldBe(0);
        refused.ShouldBe(2);
        var html = await File.ReadAllTextAsync(Path.Combine(output, "citizenbot-report-2026-07-01-2026-09-30.html"));
        html.ShouldContain("Bericht für 3. Quartal 2026</h1>");
        html.ShouldContain("<tr><th scope=\"row\">Fragen</th><td>3</td></tr>");
        (await File.ReadAllLinesAsync(Path.Combine(output, "citizenbot-report-2026-07-01-2026-09-30.csv"))).ShouldContain("use,all,questions,3");
    }

    [Theory]
    [InlineData("/admin/report?year=2026&quarter=5", "InvalidQuarter")]
    [InlineData("/admin/report?year=2026&quarter=", "InvalidQuarter")]
    [InlineData("/admin/report.csv?year=26", "InvalidYear")]
    [InlineData("/admin/report.csv?quarter=3", "InvalidYear")]
    [InlineData("/admin/insights.csv?from=2026-09-30&to=2026-07-01", "ReversedRange")]
    public async Task An_invalid_or_reversed_report_period_is_refused_with_400_naming_the_problem(string path, string code)
    {
        using var editor = await _bot.SignInAsync("editor");

        await (await editor.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, code);
    }

    public void Dispose() => _bot.Dispose();

    /// <summary>Analytics rows as the answer log writes them, for days a real conversation cannot be held on.</summary>
    private static async Task SeedAsync(IServiceProvider services, DateTimeOffset at, string language, string outcome, int count)
    {
        var store = services.GetRequiredService<InsightsStore>();
        for (var n = 0; n < count; n++)
        {
            var conversation = Guid.NewGuid().ToString("N");
            await store.RecordAsync(
                new AnsweredTurn(
                    Guid.NewGuid().ToString("N"), new ConversationKey("directline", conversation), "1", at, language, "directline", outcome,
                    "Seeded question", outcome == Outcomes.Answered ? "10224397" : null, [], 120),
                CancellationToken.None);
        }
    }
}
