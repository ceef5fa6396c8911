using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>
/// A city's identity provider laid out like Microsoft Entra ID ({instance}/{tenant}/v2.0) on a real Kestrel server on 127.0.0.1:
/// serves the OpenID Connect metadata document and its signing keys (JWKS), signs in one preset staff member at the authorize
/// endpoint (answering with a form_post page), redeems the code at the token endpoint, and records which paths were asked for.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    public const string Tenant = "city-tenant";

    private LoopbackServer _server = null!;
    private readonly RSA _key = RSA.Create(2048);

    private FakeIdentityProvider()
    {
    }

    /// <summary>The Instance setting: scheme, host and port with a trailing slash.</summary>
    public string Instance => _server.BaseUrl + "/";

    public string Issuer => $"{Instance}{Tenant}/v2.0";

    public string AuthorizeEndpoint => $"{Instance}{Tenant}/oauth2/v2.0/authorize";

    public ConcurrentQueue<string> Requested { get; } = new();

    /// <summary>Who signs in at the authorize endpoint: user name and app roles.</summary>
    public (string UserName, string[] Roles) StaffMember { get; set; } = ("erika.muster@muenchen.example", ["CitizenBot.Agent"]);

    private readonly ConcurrentDictionary<string, (string ClientId, string Nonce)> _codes = new();

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var provider = new FakeIdentityProvider();
        provider._server = await LoopbackServer.StartAsync(provider.Map);
        return provider;
    }

    private void Map(WebApplication app)
    {
        app.Use((http, next) =>
        {
            Requested.Enqueue(http.Request.Path);
            return next(http);
        });
        app.MapGet($"/{Tenant}/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = AuthorizeEndpoint,
            ["token_endpoint"] = $"{Instance}{Tenant}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{Instance}{Tenant}/discovery/v2.0/keys",
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
            ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        app.MapGet($"/{Tenant}/discovery/v2.0/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.ExportParameters(false)) { KeyId = "fake-key" });
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS256" } } });
        });
        app.MapGet($"/{Tenant}/oauth2/v2.0/authorize", (HttpContext http) =>
        {
            var query = http.Request.Query;
            var code = Guid.NewGuid().ToString("N");
            _codes[code] = (query["client_id"].ToString(), query["nonce"].ToString());
            // response_mode=form_post: a page the browser submits to the app's redirect URI.
            var html = $"""
                <html><body onload="document.forms[0].submit()">
                <form method="post" action="{WebUtility.HtmlEncode(query["redirect_uri"])}">
                <input type="hidden" name="code" value="{code}"/>
                <input type="hidden" name="state" value="{WebUtility.HtmlEncode(query["state"])}"/>
                </form></body></html>
                """;
            return Results.Content(html, "text/html");
        });
        app.MapPost($"/{Tenant}/oauth2/v2.0/token", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            if (form["grant_type"] != "authorization_code" || form["client_secret"] != ClientSecret
                || !_codes.TryRemove(form["code"].ToString(), out var issued) || issued.ClientId != form["client_id"])
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            return Results.Json(new { token_type = "Bearer", expires_in = 3600, id_token = IdToken(issued.ClientId, issued.Nonce), access_token = "opaque" });
        });
    }

    private const string ClientSecret = "fake-client-secret";

    private string IdToken(string clientId, string nonce)
    {
        var claims = new List<Claim>
        {
            new("sub", "staff-subject-1"),
            new("tid", Tenant),
            new("preferred_username", StaffMember.UserName),
            new("name", "Erika Muster"),
            new("nonce", nonce),
        };
        claims.AddRange(StaffMember.Roles.Select(role => new Claim("roles", role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = clientId,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = "fake-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The bot's settings for signing staff in through this provider.</summary>
    public Dictionary<string, string?> Settings(string clientId) => new()
    {
        ["Staff:OpenIdConnect:Enabled"] = "true",
        ["Staff:OpenIdConnect:Instance"] = Instance,
        ["Staff:OpenIdConnect:TenantId"] = Tenant,
        ["Staff:OpenIdConnect:ClientId"] = clientId,
        ["Staff:OpenIdConnect:ClientSecret"] = ClientSecret,
        ["Staff:OpenIdConnect:RequireHttpsMetadata"] = "false",
        ["Staff:OpenIdConnect:AppRoles:CitizenBot.Agent"] = "agent",
        ["Staff:OpenIdConnect:AppRoles:CitizenBot.Supervisor"] = "supervisor",
    };

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _key.Dispose();
    }
}
