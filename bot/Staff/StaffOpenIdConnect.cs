using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace CitizenBot.Staff;

/// <summary>
/// Staff sign-in through the city's identity provider (Microsoft Entra ID or any OpenID Connect provider laid out like it)
/// instead of local accounts; app roles in the token's roles claim become our staff roles.
/// </summary>
public sealed class StaffOpenIdConnectOptions
{
    public const string Section = "Staff:OpenIdConnect";

    /// <summary>Off by default: the embedded default signs staff in with local accounts from Staff:Accounts.</summary>
    public bool Enabled { get; set; }

    /// <summary>The identity provider's base address; the authority is Instance + TenantId + "/v2.0".</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    public string TenantId { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>Needed to redeem the authorization code; keep it in a secret store or environment variable.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Where the identity provider sends staff back; register it as the app's redirect URI.</summary>
    public string CallbackPath { get; set; } = "/api/staff/signin-oidc";

    /// <summary>Only for a provider on loopback in development and tests; real providers serve their metadata over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>App role value in the token's roles claim → staff role (agent, supervisor, editor, admin, privacy).</summary>
    public Dictionary<string, string> AppRoles { get; set; } = [];
}

/// <summary>An enabled identity provider needs every setting, an absolute address, and roles we know; start-up fails otherwise.</summary>
public sealed class StaffOpenIdConnectOptionsValidation : IValidateOptions<StaffOpenIdConnectOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffOpenIdConnectOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.Instance, UriKind.Absolute, out var instance) || instance.Scheme is not ("https" or "http"))
        {
            failures.Add($"{StaffOpenIdConnectOptions.Section}:Instance must be an absolute http(s) address.");
        }

        var required = new Dictionary<string, string>
        {
            [nameof(options.TenantId)] = options.TenantId,
            [nameof(options.ClientId)] = options.ClientId,
            [nameof(options.ClientSecret)] = options.ClientSecret,
        };
        failures.AddRange(required.Where(setting => string.IsNullOrWhiteSpace(setting.Value))
            .Select(setting => $"{StaffOpenIdConnectOptions.Section}:{setting.Key} is required when sign-in through the identity provider is enabled."));
        if (!options.CallbackPath.StartsWith('/'))
        {
            failures.Add($"{StaffOpenIdConnectOptions.Section}:CallbackPath must start with '/'.");
        }

        if (options.AppRoles.Count == 0)
        {
            failures.Add($"{StaffOpenIdConnectOptions.Section}:AppRoles must map at least one app role to a staff role ({string.Join(", ", StaffRoles.All)}).");
        }

        failures.AddRange(options.AppRoles.Where(mapping => !StaffRoles.All.Contains(mapping.Value))
            .Select(mapping => $"{StaffOpenIdConnectOptions.Section}:AppRoles:{mapping.Key} names the unknown role '{mapping.Value}'."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class StaffOpenIdConnect
{
    public const string Scheme = "CitizenBot.Staff.OpenIdConnect";

    private const string RolesClaim = "roles";

    /// <summary>Reads the section at start-up: the handler exists only when an operator enabled it.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetSection(StaffOpenIdConnectOptions.Section).GetValue<bool>(nameof(StaffOpenIdConnectOptions.Enabled));

    /// <summary>
    /// Microsoft.Identity.Web builds the Entra authority, issuer validation and code flow; it adds no cookie of its own here,
    /// so a signed-in staff member holds the same staff cookie as after a local sign-in.
    /// </summary>
    public static void AddStaffOpenIdConnect(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var section = configuration.GetSection(StaffOpenIdConnectOptions.Section);
        authentication.AddMicrosoftIdentityWebApp(
            identity =>
            {
                var settings = section.Get<StaffOpenIdConnectOptions>() ?? new StaffOpenIdConnectOptions();
                identity.Instance = settings.Instance;
                identity.TenantId = settings.TenantId;
                identity.ClientId = settings.ClientId;
                identity.ClientSecret = settings.ClientSecret;
                identity.CallbackPath = settings.CallbackPath;
                identity.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                identity.ResponseType = "code";
            },
            openIdConnectScheme: Scheme,
            cookieScheme: null);
        authentication.Services.AddOptions<OpenIdConnectOptions>(Scheme)
            .Configure<IOptions<StaffOpenIdConnectOptions>>((oidc, settings) =>
            {
                oidc.SignInScheme = StaffSignIn.Scheme;
                // Microsoft.Identity.Web does not carry this over; set after its own configuration so it holds.
                oidc.RequireHttpsMetadata = settings.Value.RequireHttpsMetadata;
                if (!settings.Value.RequireHttpsMetadata)
                {
                    // Identity.Web's Entra issuer validator fetches metadata over HTTPS only; a loopback provider's issuer is
                    // then checked against its own metadata document, as plain OpenID Connect does.
                    oidc.TokenValidationParameters.IssuerValidator = null;
                }
                var earlier = oidc.Events.OnTokenValidated;
                oidc.Events.OnTokenValidated = async context =>
                {
                    await earlier(context);
                    context.Principal = StaffPrincipal(context.Principal!, settings.Value.AppRoles);
                    var services = context.HttpContext.RequestServices;
                    var name = context.Principal.Identity!.Name!;
                    // Remembered so colleagues can transfer citizens to them; the provider offers no list of its users.
                    await services.GetRequiredService<StaffDirectory>().RecordSignInAsync(
                        name, [.. context.Principal.FindAll(ClaimTypes.Role).Select(role => role.Value)], context.HttpContext.RequestAborted);
                    await services.GetRequiredService<StaffAudit>().RecordAsync(name, StaffActions.SignedInAtIdentityProvider, null, null, context.HttpContext.RequestAborted);
                    services.GetRequiredService<ILogger<StaffSignIn>>().LogInformation("Staff member {Staff} signed in through the identity provider", name);
                };
            });
    }

    /// <summary>Keeps only the staff name and the mapped roles, the same claims a local sign-in gives.</summary>
    private static ClaimsPrincipal StaffPrincipal(ClaimsPrincipal token, IReadOnlyDictionary<string, string> appRoles)
    {
        var name = token.Identity?.Name ?? token.FindFirst("preferred_username")?.Value ?? token.FindFirst("sub")?.Value ?? "";
        var roles = token.FindAll(RolesClaim).Concat(token.FindAll(ClaimTypes.Role))
            .Select(claim => appRoles.GetValueOrDefault(claim.Value))
            .OfType<string>()
            .Distinct();
        return StaffSignIn.Principal(name, roles, Scheme);
    }

    /// <summary>Sends the browser to the identity provider; back at the page it came from (a local path), or the console, once signed in.</summary>
    public static IResult Challenge(string? returnUrl, IOptions<StaffOpenIdConnectOptions> options) => options.Value.Enabled
        ? Results.Challenge(new AuthenticationProperties { RedirectUri = StaffSignIn.LocalPathOr(returnUrl, "/agent/") }, [Scheme])
        : Channels.ChannelProblems.NotFound("OpenIdConnectOff", "Sign-in through an identity provider is not configured; use POST /api/staff/signin.");
}
