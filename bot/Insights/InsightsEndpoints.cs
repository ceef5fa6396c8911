using System.Globalization;
using System.Text;
using CitizenBot.Channels;
using CitizenBot.Fairness;
using CitizenBot.Handoff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenBot.Insights;

/// <summary>
/// The city's view of how the assistant is used: the /admin dashboard, its JSON and CSV, the editors' list of questions to fix
/// and the council's monthly report. Editors and admins only (staff sign-in); citizens' pages stay public.
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
        admin.MapGet("", DashboardAsync);
        admin.MapGet(FiguresPath, FiguresAsync).AddEndpointFilter(EditorsOnlyAsync);
        admin.MapGet(CsvPath, CsvAsync).AddEndpointFilter(EditorsOnlyAsync);
        admin.MapGet(ReportPath, ReportAsync).AddEndpointFilter(EditorsOnlyAsync);
        admin.MapGet(ReportCsvPath, ReportCsvAsync).AddEndpointFilter(EditorsOnlyAsync);
        return admin;
    }

    /// <summary>Who may read the figures: a signed-in editor or admin; agents serve citizens and see no statistics.</summary>
    public static async Task<StaffAccessResult> CheckAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var session = await http.AuthenticateAsync(AgentDeskEndpoints.Scheme);
        if (!session.Succeeded || session.Principal.Identity?.IsAuthenticated != true)
        {
            return StaffAccessResult.SignInRequired;
        }

        http.User = session.Principal;
        return session.Principal.IsInRole(StaffRoles.Editor) || session.Principal.IsInRole(StaffRoles.Admin)
            ? StaffAccessResult.Allowed
            : StaffAccessResult.RoleRequired;
    }

    private static async ValueTask<object?> EditorsOnlyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await CheckAsync(context.HttpContext) switch
        {
            StaffAccessResult.SignInRequired => ChannelProblems.Unauthorized("SignInRequired", "Sign in as an editor or admin at /api/agent/signin first."),
            StaffAccessResult.RoleRequired => ChannelProblems.Forbidden("EditorRoleRequired", "The figures need the role editor or admin."),
            _ => await next(context),
        };

    private static async Task<IResult> DashboardAsync(
        HttpContext http, UsageFigures usage, FairnessFindings findings, TimeProvider time, CancellationToken cancellationToken)
    {
        var access = await CheckAsync(http);
        if (access != StaffAccessResult.Allowed)
        {
            // The sign-in form is a page like any other; only a signed-in staff member without the role is refused.
            return new RazorComponentResult<AdminSignInPage>(new { Access = access })
            {
                StatusCode = access == StaffAccessResult.SignInRequired ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden,
            };
        }

        var choice = ReportPeriod.Parse(http.Request.Query, Today(time));
        if (choice.Period is not { } period)
        {
            return new RazorComponentResult<AdminDashboardPage>(new { RangeProblem = choice.ProblemDetail, StaffName = http.User.Identity!.Name })
            {
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }

        var figures = await usage.FigureAsync(period.From, period.To, cancellationToken);
        var openFindings = await findings.ListOpenAsync(cancellationToken);
        return new RazorComponentResult<AdminDashboardPage>(new { Period = period, Figures = figures, Findings = openFindings, StaffName = http.User.Identity!.Name });
    }

    private static async Task<IResult> FiguresAsync(HttpContext http, UsageFigures usage, TimeProvider time, CancellationToken cancellationToken)
    {
        var choice = ReportPeriod.Parse(http.Request.Query, Today(time));
        return choice.Period is { } period
            ? Results.Ok(await usage.FigureAsync(period.From, period.To, cancellationToken))
            : ChannelProblems.BadRequest(choice.ProblemCode!, choice.ProblemDetail!);
    }

    private static async Task<IResult> CsvAsync(HttpContext http, UsageFigures usage, TimeProvider time, CancellationToken cancellationToken)
    {
        var choice = ReportPeriod.Parse(http.Request.Query, Today(time));
        if (choice.Period is not { } period)
        {
            return ChannelProblems.BadRequest(choice.ProblemCode!, choice.ProblemDetail!);
        }

        var csv = FiguresCsv.Write(await usage.FigureAsync(period.From, period.To, cancellationToken));
        return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"citizenbot-figures-{period.FromText}-{period.ToText}.csv");
    }

    /// <summary>?month=yyyy-MM (default: this month), or ?year=yyyy with an optional &amp;quarter=1..4.</summary>
    private static async Task<IResult> ReportAsync(HttpContext http, CouncilReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await ChosenReportAsync(http.Request.Query, reports, time, cancellationToken);
        return report is null ? problem! : new RazorComponentResult<CouncilReportPage>(new { Report = report });
    }

    private static async Task<IResult> ReportCsvAsync(HttpContext http, CouncilReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, problem) = await ChosenReportAsync(http.Request.Query, reports, time, cancellationToken);
        return report is null
            ? problem!
            : Results.File(
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

public enum StaffAccessResult
{
    Allowed,
    SignInRequired,
    RoleRequired,
}
