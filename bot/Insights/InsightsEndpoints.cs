using System.Text;
using CitizenBot.Channels;
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

    public static RouteGroupBuilder MapInsights(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet("", DashboardAsync);
        admin.MapGet(FiguresPath, FiguresAsync).AddEndpointFilter(EditorsOnlyAsync);
        admin.MapGet(CsvPath, CsvAsync).AddEndpointFilter(EditorsOnlyAsync);
        admin.MapGet(ReportPath, ReportAsync).AddEndpointFilter(EditorsOnlyAsync);
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

    private static async Task<IResult> DashboardAsync(HttpContext http, UsageFigures usage, TimeProvider time, CancellationToken cancellationToken)
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
        return new RazorComponentResult<AdminDashboardPage>(new { Period = period, Figures = figures, StaffName = http.User.Identity!.Name });
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

    private static async Task<IResult> ReportAsync(string? month, UsageFigures usage, TimeProvider time, CancellationToken cancellationToken)
    {
        var choice = ReportPeriod.ParseMonth(month, Today(time));
        if (choice.Period is not { } period)
        {
            return ChannelProblems.BadRequest(choice.ProblemCode!, choice.ProblemDetail!);
        }

        var figures = await usage.FigureAsync(period.From, period.To, cancellationToken);
        return new RazorComponentResult<CouncilReportPage>(new { Period = period, Figures = figures, CreatedAt = time.GetUtcNow() });
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}

public enum StaffAccessResult
{
    Allowed,
    SignInRequired,
    RoleRequired,
}
