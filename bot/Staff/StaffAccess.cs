using System.Globalization;
using CitizenBot.Channels;
using CitizenBot.SharedKernel;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CitizenBot.Staff;

/// <summary>A local sign-in as the sign-in form and API clients send it.</summary>
public sealed record StaffCredentials(string? Name, string? Password);

/// <summary>Who is signed in, and the antiforgery token their state-changing requests must carry in <see cref="StaffAccess.AntiforgeryHeader"/>.</summary>
public sealed record StaffSession(string? Name, IReadOnlyList<string> Roles, bool IdentityProvider, string? AntiforgeryToken);

/// <summary>
/// The staff access model: one cookie whichever way staff signed in, the named policies of <see cref="StaffPolicies"/> on
/// every staff endpoint, antiforgery tokens on every state-changing staff request, the sign-in API under /api/staff,
/// and the sign-in and audit pages under /admin. Requests from this machine sign in like any other.
/// </summary>
public static class StaffAccess
{
    public const string ApiPrefix = "/api/staff";
    public const string AdminPrefix = "/admin";
    public const string SignInPagePath = "/admin/signin";
    public const string AuditPath = "/audit";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    private const int AuditPageEntries = 500;

    public static WebApplicationBuilder AddStaff(this WebApplicationBuilder builder)
    {
        var openIdConnect = StaffOpenIdConnect.IsEnabled(builder.Configuration);
        var authentication = builder.Services.AddAuthentication(StaffSignIn.Scheme).AddCookie(StaffSignIn.Scheme, cookie =>
        {
            cookie.Cookie.Name = "CitizenBot.Staff";
            cookie.Cookie.HttpOnly = true;
            // Strict keeps other sites from riding on a signed-in staff member's cookie; after the identity provider's
            // redirect back, Strict would withhold the new cookie from the console's first request, so Lax then.
            cookie.Cookie.SameSite = openIdConnect ? SameSiteMode.Lax : SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(9);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = SignInPagePath;
            // A browser opening a staff page is sent to the sign-in form; API callers get problem+json instead of a redirect.
            cookie.Events.OnRedirectToLogin = context =>
            {
                if (!ShowsPage(context.Request))
                {
                    return ChannelProblems.Unauthorized("SignInRequired", $"Sign in first: POST {ApiPrefix}/signin, or the form at {SignInPagePath}.").ExecuteAsync(context.HttpContext);
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            cookie.Events.OnRedirectToAccessDenied = context => RefuseRoleAsync(context.HttpContext);
        });
        var policies = builder.Services.AddAuthorizationBuilder();
        foreach (var policy in StaffPolicies.Names)
        {
            policies.AddPolicy(policy, rule => rule.AddAuthenticationSchemes(StaffSignIn.Scheme).RequireRole(StaffPolicies.RolesOf(policy)));
        }

        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = AntiforgeryHeader;
            antiforgery.Cookie.Name = "CitizenBot.Antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddValidatedOptions<StaffOptions>(StaffOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<StaffOptions>, StaffOptionsValidation>();
        builder.Services.AddValidatedOptions<SignInLimits>(SignInLimits.Section);
        builder.Services.AddValidatedOptions<StaffOpenIdConnectOptions>(StaffOpenIdConnectOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<StaffOpenIdConnectOptions>, StaffOpenIdConnectOptionsValidation>();
        builder.Services.AddSingleton<IPasswordHasher<StaffAccount>, PasswordHasher<StaffAccount>>();
        builder.Services.AddSingleton<SignInLockout>();
        builder.Services.AddSingleton<StaffAudit>();
        builder.Services.AddSingleton<StaffSignIn>();
        builder.Services.AddSingleton<StaffDirectory>();
        if (openIdConnect)
        {
            authentication.AddStaffOpenIdConnect(builder.Configuration);
        }

        return builder;
    }

    /// <summary>Maps the sign-in API and pages; returns the /admin group, where every page needs a staff role and a token to change anything.</summary>
    public static RouteGroupBuilder MapStaff(this WebApplication app)
    {
        var api = app.MapGroup(ApiPrefix);
        api.MapPost("/signin", SignInAsync);
        api.MapGet("/signin/oidc", StaffOpenIdConnect.Challenge);
        api.MapPost("/signout", SignOutAsync).RequireAuthorization(StaffPolicies.AnyStaff).RequireStaffAntiforgery();
        api.MapGet("/me", WhoIsSignedInAsync);
        app.MapGet(SignInPagePath, (string? returnUrl, IOptions<StaffOpenIdConnectOptions> openIdConnect) =>
            new RazorComponentResult<StaffSignInPage>(new { ReturnUrl = StaffSignIn.LocalPathOr(returnUrl, AdminPrefix), IdentityProvider = openIdConnect.Value.Enabled }));

        var admin = app.MapGroup(AdminPrefix).RequireAuthorization(StaffPolicies.AnyStaff).RequireStaffAntiforgery();
        admin.MapGet(AuditPath, async (StaffAudit audit, CancellationToken cancellationToken) =>
            new RazorComponentResult<StaffAuditPage>(new { Entries = await audit.LatestAsync(AuditPageEntries, cancellationToken) }))
            .RequireAuthorization(StaffPolicies.AuditLog);
        return admin;
    }

    /// <summary>
    /// Refuses a state-changing request (anything but GET, HEAD, OPTIONS) without the antiforgery token of this browser and
    /// staff member: another site can make a signed-in browser send a request, but cannot read the token to put in it.
    /// </summary>
    public static TBuilder RequireStaffAntiforgery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
                || await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                return await next(context);
            }

            http.RequestServices.GetRequiredService<ILogger<StaffSignIn>>().LogWarning(
                "Refused a staff {Method} request to {Path} from {ClientAddress} without a valid antiforgery token", http.Request.Method, http.Request.Path.Value, ClientAddress.Of(http));
            return ChannelProblems.Problem(
                StatusCodes.Status400BadRequest, "AntiforgeryTokenInvalid", $"Send the antiforgery token of this session (from {ApiPrefix}/me) in the {AntiforgeryHeader} header.");
        });

    private static async Task<IResult> SignInAsync(StaffCredentials credentials, HttpContext http, StaffSignIn signIn, IAntiforgery antiforgery, IOptions<StaffOpenIdConnectOptions> openIdConnect)
    {
        var outcome = await signIn.CheckAsync(credentials.Name, credentials.Password, ClientAddress.Of(http), http.RequestAborted);
        if (outcome.LockedFor is { } locked)
        {
            var seconds = (int)Math.Ceiling(locked.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return ChannelProblems.Problem(
                StatusCodes.Status429TooManyRequests, "SignInLocked", $"Too many failed sign-ins in a row; try again in {Math.Ceiling(seconds / 60.0)} minute(s).");
        }

        if (outcome.Account is not { } account)
        {
            return ChannelProblems.Unauthorized("SignInFailed", "Name or password is wrong.");
        }

        var principal = StaffSignIn.Principal(account.Name, account.Roles, StaffSignIn.Scheme);
        await http.SignInAsync(StaffSignIn.Scheme, principal);
        // The token is bound to who is signed in, so the one handed out before sign-in is no longer valid.
        http.User = principal;
        return Results.Ok(Session(http, antiforgery, openIdConnect.Value.Enabled));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, StaffAudit audit)
    {
        await http.SignOutAsync(StaffSignIn.Scheme);
        await audit.RecordAsync(http.User.Identity!.Name!, StaffActions.SignedOut, null, null, http.RequestAborted);
        return Results.NoContent();
    }

    /// <summary>
    /// Lets the console open on a still valid session instead of the sign-in form (offering the identity provider when configured),
    /// and hands out the antiforgery token; nobody signed in is an answer, not an error.
    /// </summary>
    private static async Task<IResult> WhoIsSignedInAsync(HttpContext http, IAntiforgery antiforgery, IOptions<StaffOpenIdConnectOptions> openIdConnect)
    {
        var session = await http.AuthenticateAsync(StaffSignIn.Scheme);
        if (session.Succeeded)
        {
            http.User = session.Principal;
        }

        return Results.Ok(Session(http, antiforgery, openIdConnect.Value.Enabled));
    }

    private static StaffSession Session(HttpContext http, IAntiforgery antiforgery, bool identityProvider)
    {
        var user = http.User.Identity?.IsAuthenticated == true ? http.User : null;
        return new StaffSession(
            user?.Identity!.Name,
            user?.FindAll(System.Security.Claims.ClaimTypes.Role).Select(role => role.Value).ToList() ?? [],
            identityProvider,
            antiforgery.GetAndStoreTokens(http).RequestToken);
    }

    /// <summary>A browser navigating to a page (not the API, not a script's fetch for JSON).</summary>
    private static bool ShowsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>A signed-in staff member without the role: a page saying which role is needed, or problem+json for the API.</summary>
    private static Task RefuseRoleAsync(HttpContext http)
    {
        var needed = RolesNeeded(http);
        var detail = $"This needs the role {string.Join(" or ", needed)}.";
        return ShowsPage(http.Request)
            ? new RazorComponentResult<StaffSignInPage>(new { ReturnUrl = http.Request.Path.Value + http.Request.QueryString, SignedInAs = http.User.Identity?.Name, RolesNeeded = needed })
            {
                StatusCode = StatusCodes.Status403Forbidden,
            }.ExecuteAsync(http)
            : ChannelProblems.Forbidden("RoleRequired", detail).ExecuteAsync(http);
    }

    /// <summary>The roles every staff policy on the endpoint admits (all of its policies must pass).</summary>
    private static List<string> RolesNeeded(HttpContext http)
    {
        IEnumerable<string> roles = StaffRoles.All;
        foreach (var policy in http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).OfType<string>() ?? [])
        {
            if (StaffPolicies.Names.Contains(policy))
            {
                roles = roles.Intersect(StaffPolicies.RolesOf(policy));
            }
        }

        return roles.ToList();
    }
}
