using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.FunctionalTests.BotFramework;

/// <summary>
/// The Azure services the bot talks to, on a real Kestrel server on 127.0.0.1: the Bot Framework OpenID metadata
/// and keys (with endorsements), the Entra ID token endpoint, and the Bot Connector that receives replies.
/// </summary>
public sealed class FakeAzureBotService : IAsyncDisposable
{
    public const string AppId = "2f6c1f0e-0d44-4a39-9a54-3b2a4c0e1d11";
    public const string AppPassword = "test-app-password";
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string KeyId = "test-signing-key";
    public const string TenantId = "6e1b3d2a-8c4f-4e0a-9b7d-1f2e3d4c5b6a";
    public const string TenantKeyId = "test-tenant-key";
    public const string TenantIssuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";
    /// <summary>The channels the signing key vouches for; omnichannel is where an agent hub talks to the bot.</summary>
    public static readonly string[] Endorsements = ["directline", "msteams", "webchat", "emulator", "omnichannel"];

    private LoopbackServer _server = null!;
    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly RSA _tenantKey = RSA.Create(2048);
    private readonly ConcurrentQueue<int> _connectorFailures = new();
    private readonly string _issuedToken = "connector-token-" + Guid.NewGuid().ToString("N");

    private FakeAzureBotService()
    {
    }

    public string BaseUrl => _server.BaseUrl;

    /// <summary>The serviceUrl of activities from this fake: the Connector below.</summary>
    public string ServiceUrl => BaseUrl + "/connector/";

    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    /// <summary>Entra ID's metadata for the single-tenant app's tenant.</summary>
    public string TenantMetadataUrl => $"{BaseUrl}/{TenantId}/v2.0/.well-known/openid-configuration";

    /// <summary>The access token the fake Entra ID hands out; the Connector must see exactly this one.</summary>
    public string IssuedToken => _issuedToken;

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    public ConcurrentQueue<ConnectorRequest> ConnectorRequests { get; } = new();

    public IReadOnlyList<ConnectorRequest> Delivered => [.. ConnectorRequests.Where(r => r.Status == StatusCodes.Status200OK)];

    public static async Task<FakeAzureBotService> StartAsync()
    {
        var fake = new FakeAzureBotService();
        fake._server = await LoopbackServer.StartAsync(fake.Map);
        return fake;
    }

    /// <summary>The Connector answers the next deliveries with these statuses (and Retry-After: 1) before accepting.</summary>
    public void FailNextDeliveries(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _connectorFailures.Enqueue(status);
        }
    }

    /// <summary>Signs a token as the Bot Connector would; change one thing at a time to forge a bad one.</summary>
    public string CreateToken(
        string? serviceUrl = null,
        string audience = AppId,
        string issuer = BotFrameworkIssuer,
        DateTime? expires = null,
        RSA? signWith = null,
        string keyId = KeyId)
    {
        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? _signingKey) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Signs a token as Entra ID does for a single-tenant bot: tenant issuer, tenant key, no endorsements.</summary>
    public string CreateTenantToken() => CreateToken(issuer: TenantIssuer, signWith: _tenantKey, keyId: TenantKeyId);

    private void Map(WebApplication app)
    {
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new JsonObject
        {
            ["issuer"] = BotFrameworkIssuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = BaseUrl + "/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            var key = PublicKey(_signingKey, KeyId);
            key["endorsements"] = new JsonArray([.. Endorsements.Select(e => JsonValue.Create(e))]);
            return Results.Json(new JsonObject { ["keys"] = new JsonArray(key) });
        });
        app.MapGet($"/{TenantId}/v2.0/.well-known/openid-configuration", () => Results.Json(new JsonObject
        {
            ["issuer"] = TenantIssuer,
            ["token_endpoint"] = $"{BaseUrl}/{TenantId}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{BaseUrl}/{TenantId}/discovery/v2.0/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet($"/{TenantId}/discovery/v2.0/keys", () => Results.Json(new JsonObject { ["keys"] = new JsonArray(PublicKey(_tenantKey, TenantKeyId)) }));
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            fields["tenant"] = tenant;
            TokenRequests.Enqueue(fields);
            return Results.Json(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = _issuedToken,
            });
        });
        app.MapPost("/connector/v3/conversations/{conversationId}/activities/{**replyToId}", ReceiveActivityAsync);
        app.MapPost("/connector/v3/conversations/{conversationId}/activities", ReceiveActivityAsync);
    }

    private static JsonObject PublicKey(RSA key, string keyId)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = keyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    private async Task<IResult> ReceiveActivityAsync(string conversationId, string? replyToId, HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        var status = _connectorFailures.TryDequeue(out var failure) ? failure : StatusCodes.Status200OK;
        ConnectorRequests.Enqueue(new ConnectorRequest(conversationId, replyToId, request.Headers.Authorization.ToString(), body, status));
        if (status != StatusCodes.Status200OK)
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(status);
        }

        return Results.Json(new JsonObject { ["id"] = Guid.NewGuid().ToString("N") });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _signingKey.Dispose();
        _tenantKey.Dispose();
    }
}

/// <summary>One POST the fake Connector received, and what it answered.</summary>
public sealed record ConnectorRequest(string ConversationId, string? ReplyToId, string Authorization, JsonObject Activity, int Status);
