using System.Globalization;
using System.Text;
using CitizenBot.Channels;
using CitizenBot.Fairness;
using CitizenBot.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenBot.Insights;

/// <summary>
/// The city's view of how the assistant is used: the /admin dashboard, its JSON and CSV, the editors' list of questions to fix
/// and the council's reports. Editors and admins only (<see cref="StaffPolicies.Figures"/>); downloads are audited.
/// </summary>
public static class InsightsEndpoints
{
    public const string FiguresPath = "/insights";
    public const string CsvPath = "/insights.csv";
    public const string ReportPath = "/report";
    public const string ReportCsvPath = "/report.csv";

    public static RouteGroupBuilder MapInsights(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet("", DashboardAsync).RequireAuthorization(StaffPolicies.Figures);
        admin.MapGet(FiguresPath, FiguresAsync).RequireAuthorization(StaffPolicies.Figures);
        admin.MapGet(CsvPath, CsvAsync).RequireAuthorization(StaffPolicies.Figures);
        admin.MapGet(ReportPath, ReportAsync).RequireAuthorization(StaffPolicies.Figures);
        admin.MapGet(ReportCsvPath, ReportCsvAsync).RequireAuthorization(StaffPolicies.Figures);
        return admin;
    }

    private static async Task<IResult> DashboardAsync(
        HttpContext http, UsageFigures usage, FairnessFindings findings, TimeProvider time, CancellationToken cancellationToken)
    {
        var staffName = http.User.Identity!.Name;
        // Admins find the staff audit log from here; editors are not shown a link they could not open.
        var showsAuditLog = StaffPolicies.RolesOf(StaffPolicies.AuditLog).Any(http.User.IsInRole);
        var choice = ReportPeriod.Parse(http.Request.Query, Today(time));
        if (choice.Period is not { } period)
        {
            return new RazorComponentResult<AdminDashboardPage>(new { RangeProblem = choice.ProblemDetail, StaffName = staffName, ShowsAuditLog = showsAuditLog })
            {
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }

        var figures = await usage.FigureAsync(period.From, period.To, cancellationToken);
        var openFindings = await findings.ListOpenAsync(cancellationToken);
        return new RazorComponentResult<AdminDashboardPage>(
            new { Period = period, Figures = figures, Findings = openFindings, StaffName = staffName, ShowsAuditLog = showsAuditLog });
    }

    private static async Task<IResult> FiguresAsync(HttpContext http, UsageFigures usage, TimeProvider time, CancellationToken cancellationToken)
    {
        var choice = ReportPeriod.Parse(http.Request.Query, Today(time));
        return choice.Period is { } period
            ? Results.Ok(await usage.FigureAsync(period.From, period.To, cancellationToken))
            : ChannelProblems.BadRequest(choice.ProblemCode!, choice.ProblemDetail!);
    }

    private static async Task<IResult> CsvAsync(HttpContext http, UsageFigures usage, StaffAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var choice = ReportPeriod.Parse(http.Request.Query, Today(time));
        if (choice.Period is not { } period)
        {
            return ChannelProblems.BadRequest(choice.ProblemCode!, choice.ProblemDetail!);
        }

        await audit.RecordAsync(http.User.Identity!.Name!, StaffActions.FiguresExported, $"{period.FromText}–{period.ToText}", null, cancellationToken);
        var csv = FiguresCsv.Write(await usage.FigureAsync(period.From, period.To, cancellationToken));
        return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"citizenbot-figures-{period.FromText}-{period.ToText}.csv");
    }

    /// <summary>?month=yyyy-MM (default: this month), or ?year=yyyy with an optional &amp;quarter=1..4.</summary>
    private static async Task<IResult> ReportAsync(HttpContext http, CouncilReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await ChosenReportAsync(http.Request.Query, reports, time, cancellationToken);
        return report is null ? problem! : new RazorComponentResult<CouncilReportPage>(new { Report = report });
    }

    private static async Task<IResult> ReportCsvAsync(HttpContext http, CouncilReports reports, StaffAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await ChosenReportAsync(http.Request.Query, reports, time, cancellationToken);
        if (report is null)
        {
            return problem!;
        }

        await audit.RecordAsync(http.User.Identity!.Name!, StaffActions.ReportExported, $"{report.Period.FromText}–{report.Period.ToText}", null, cancellationToken);
        return Results.File(
            Encoding.UTF8.GetBytes(CouncilReportCsv.Write(report)), "text/csv; charset=utf-8", $"citizenbot-report-{report.Period.FromText}-{report.Period.ToText}.csv");
    }

    private static async Task<(CouncilReport? Report, IResult? Problem)> ChosenReportAsync(
        IQueryCollection query, CouncilReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var yearly = query.ContainsKey("year") || query.ContainsKey("quarter");
        var choice = yearly ? ReportPeriod.ParseYear(query["year"], query["quarter"]) : ReportPeriod.ParseMonth(query["month"], Today(time));
        if (choice.Period is not { } period)
        {
            return (null, ChannelProblems.BadRequest(choice.ProblemCode!, choice.ProblemDetail!));
        }

        return (await reports.BuildAsync(ReportTitle(period, yearly ? query["quarter"].ToString() : null), period, cancellationToken), null);
    }

    /// <summary>"November 2026", "3. Quartal 2026" or "Jahr 2026".</summary>
    public static string ReportTitle(ReportPeriod period, string? quarter)
    {
        ArgumentNullException.ThrowIfNull(period);
        return quarter switch
        {
            null => period.From.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("de-DE")),
            "" => $"Jahr {period.From.Year}",
            _ => $"{quarter}. Quartal {period.From.Year}",
        };
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
