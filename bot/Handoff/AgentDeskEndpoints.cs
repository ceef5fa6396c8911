using System.Security.Claims;
using CitizenBot.Channels;
using CitizenBot.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>The agent desk's JSON API under /api/agent: sign-in with a local account, then cases, transcript, replies.</summary>
public static class AgentDeskEndpoints
{
    public const string Prefix = "/api/agent";
    public const string Scheme = "CitizenBot.Staff";

    /// <summary>A cookie for staff sessions; API callers get problem+json 401/403 instead of a redirect to a login page.</summary>
    public static WebApplicationBuilder AddAgentDeskSignIn(this WebApplicationBuilder builder)
    {
        var openIdConnect = StaffOpenIdConnect.IsEnabled(builder.Configuration);
        var authentication = builder.Services.AddAuthentication(Scheme).AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "CitizenBot.Staff";
            cookie.Cookie.HttpOnly = true;
            // Strict keeps other sites from riding on a signed-in staff member's cookie; after the identity provider's
            // redirect back, Strict would withhold the new cookie from the console's first request, so Lax then.
            cookie.Cookie.SameSite = openIdConnect ? SameSiteMode.Lax : SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(9);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => ChannelProblems
                .Unauthorized("SignInRequired", "Sign in at /api/agent/signin first.").ExecuteAsync(context.HttpContext);
            cookie.Events.OnRedirectToAccessDenied = context => ChannelProblems
                .Forbidden("RoleRequired", "The agent desk needs the role agent, supervisor or admin.").ExecuteAsync(context.HttpContext);
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(StaffRoles.DeskPolicy, policy =>
            policy.AddAuthenticationSchemes(Scheme).RequireRole(StaffRoles.Agent, StaffRoles.Supervisor, StaffRoles.Admin));
        builder.Services.AddSingleton<IPasswordHasher<StaffAccount>, PasswordHasher<StaffAccount>>();
        builder.Services.AddValidatedOptions<StaffOpenIdConnectOptions>(StaffOpenIdConnectOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<StaffOpenIdConnectOptions>, StaffOpenIdConnectOptionsValidation>();
        if (openIdConnect)
        {
            authentication.AddStaffOpenIdConnect(builder.Configuration);
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapAgentDesk(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix);
        api.MapPost("/signin", SignInAsync);
        api.MapGet("/signin/oidc", StaffOpenIdConnect.Challenge);
        api.MapPost("/signout", (HttpContext http) => http.SignOutAsync(Scheme));
        api.MapGet("/me", (Func<HttpContext, IOptions<StaffOpenIdConnectOptions>, Task<IResult>>)WhoIsSignedInAsync);

        var desk = api.MapGroup("").RequireAuthorization(StaffRoles.DeskPolicy);
        desk.MapGet("/canned-replies", (IOptions<HandoffOptions> options) => Results.Ok(options.Value.CannedReplies));
        desk.MapGet("/colleagues", async (StaffDirectory staff, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok((await staff.ServingCitizensAsync(ct)).Where(name => name != user.Identity!.Name)));
        desk.MapGet("/cases", async (AgentDesk agentDesk, CancellationToken ct) => Results.Ok(await agentDesk.ListAsync(ct)));
        desk.MapPost("/cases/{id}/accept", async (string id, AgentDesk agentDesk, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await agentDesk.AcceptAsync(id, Staff(user), ct)));
        desk.MapGet("/cases/{id}/transcript", async (string id, AgentDesk agentDesk, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await agentDesk.TranscriptAsync(id, Staff(user), ct)));
        desk.MapPost("/cases/{id}/replies", async (string id, StaffReply reply, AgentDesk agentDesk, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await agentDesk.ReplyAsync(id, Staff(user), reply.Text, ct)));
        desk.MapPost("/cases/{id}/close", async (string id, AgentDesk agentDesk, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await agentDesk.CloseAsync(id, Staff(user), ct)));
        desk.MapPost("/cases/{id}/transfer", async (string id, CaseTransfer transfer, AgentDesk agentDesk, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await agentDesk.TransferAsync(id, Staff(user), transfer.To, ct)));
        app.MapHub<AgentDeskHub>(AgentDeskHub.Path);
        return app;
    }

    private static async Task<IResult> SignInAsync(
        StaffSignIn signIn, HttpContext http, IOptions<HandoffOptions> options, IPasswordHasher<StaffAccount> hasher, ILogger<AgentDesk> logger)
    {
        var account = options.Value.Accounts.FirstOrDefault(a => string.Equals(a.Name, signIn.Name, StringComparison.Ordinal));
        // An unknown name still costs one hash check, so response times do not reveal which names exist.
        var checkedAccount = account ?? new StaffAccount { PasswordHash = options.Value.Accounts.FirstOrDefault()?.PasswordHash ?? "" };
        var verified = checkedAccount.PasswordHash.Length > 0
            && hasher.VerifyHashedPassword(checkedAccount, checkedAccount.PasswordHash, signIn.Password ?? "") != PasswordVerificationResult.Failed;
        if (account is null || !verified)
        {
            logger.LogWarning("Refused a staff sign-in");
            return ChannelProblems.Unauthorized("SignInFailed", "Name or password is wrong.");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, account.Name) };
        claims.AddRange(account.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        await http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme)));
        logger.LogInformation("Staff member {Staff} signed in", account.Name);
        return Results.Ok(new { account.Name, account.Roles });
    }

    /// <summary>
    /// Lets the console open on a still valid session instead of the sign-in form (offering the identity provider when configured);
    /// nobody signed in is an answer, not an error.
    /// </summary>
    private static async Task<IResult> WhoIsSignedInAsync(HttpContext http, IOptions<StaffOpenIdConnectOptions> openIdConnect)
    {
        var session = await http.AuthenticateAsync(Scheme);
        var user = session.Succeeded ? session.Principal : null;
        return Results.Ok(new
        {
            Name = user?.Identity?.Name,
            Roles = user?.FindAll(ClaimTypes.Role).Select(role => role.Value).ToList() ?? [],
            IdentityProvider = openIdConnect.Value.Enabled,
        });
    }

    private static StaffMember Staff(ClaimsPrincipal user) =>
        new(user.Identity!.Name!, user.FindAll(ClaimTypes.Role).Any(role => StaffRoles.Supervises(role.Value)));

    private static IResult Answer<T>(DeskResult<T> result) =>
        result.Problem is { } problem ? ChannelProblems.Problem(problem.Status, problem.Code, problem.Detail) : Results.Ok(result.Value);
}

public sealed record StaffSignIn(string? Name, string? Password);

public sealed record StaffReply(string? Text);

public sealed record CaseTransfer(string? To);
