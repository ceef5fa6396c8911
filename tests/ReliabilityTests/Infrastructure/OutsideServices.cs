using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.ReliabilityTests.Infrastructure;

/// <summary>
/// The outside services the bot calls, on one real Kestrel server on 127.0.0.1, each in its own wire format:
/// the Bot Framework OpenID metadata and signing key, the Entra ID token endpoint and the Bot Connector
/// (Azure Bot Service), the Telegram Bot API and a Matrix homeserver. They accept whatever the bot sends,
/// so the only failures a fuzz run sees are the bot's own.
/// </summary>
public sealed class OutsideServices : IAsyncDisposable
{
    public const string AppId = "5d0e7f3a-2b1c-4e9d-8a6f-0c1b2a3d4e5f";
    public const string TelegramSecret = "fuzz-telegram-secret";
    public const string MatrixHsToken = "fuzz-matrix-hs-token";
    private const string KeyId = "fuzz-key";

    private readonly WebApplication _app;
    private readonly RSA _signingKey = RSA.Create(2048);

    private OutsideServices(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The serviceUrl Azure Bot Service puts on its activities: the fake Connector.</summary>
    public string ServiceUrl => BaseUrl + "/connector/";

    public static async Task<OutsideServices> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var services = new OutsideServices(builder.Build());
        services.Map(services._app);
        await services._app.StartAsync();
        services.BaseUrl = services._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return services;
    }

    /// <summary>Configuration that switches on every channel of the bot, pointed at these fakes.</summary>
    public IReadOnlyDictionary<string, string> BotSettings() => new Dictionary<string, string>
    {
        ["BotFramework:Enabled"] = "true",
        ["BotFramework:AppId"] = AppId,
        ["BotFramework:AppPassword"] = "fuzz-app-password",
        ["BotFramework:OpenIdMetadataUrl"] = BaseUrl + "/v1/.well-known/openidconfiguration",
        // MSAL accepts only an https authority, so replies to Azure fail here (a logged, handled turn error); the inbound edge is what is fuzzed.
        ["BotFramework:ToChannelFromBotLoginUrl"] = BaseUrl + "/botframework.com",
        ["Channels:Telegram:Enabled"] = "true",
        ["Channels:Telegram:BotToken"] = "123456:fuzz-bot-token",
        ["Channels:Telegram:SecretToken"] = TelegramSecret,
        ["Channels:Telegram:ApiBaseUrl"] = BaseUrl,
        ["Channels:Matrix:Enabled"] = "true",
        ["Channels:Matrix:HomeserverUrl"] = BaseUrl + "/matrix",
        ["Channels:Matrix:AsToken"] = "fuzz-matrix-as-token",
        ["Channels:Matrix:HsToken"] = MatrixHsToken,
        ["Channels:Matrix:BotUserId"] = "@stadtassistent:matrix.test",
    };

    /// <summary>A token as the Bot Connector signs it for an activity whose serviceUrl is <see cref="ServiceUrl"/>.</summary>
    public string BotFrameworkToken() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "https://api.botframework.com",
        Audience = AppId,
        Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_signingKey) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signingKey.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new JsonObject
        {
            ["issuer"] = "https://api.botframework.com",
            ["jwks_uri"] = BaseUrl + "/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            var key = _signingKey.ExportParameters(includePrivateParameters: false);
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(key.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(key.Exponent),
                    ["endorsements"] = new JsonArray("msteams", "webchat", "directline", "emulator"),
                }),
            });
        });
        app.MapPost("/{tenant}/oauth2/v2.0/token", () => Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = "fuzz-connector-token",
        }));
        app.MapPost("/connector/{**path}", () => Results.Json(new JsonObject { ["id"] = Guid.NewGuid().ToString("N") }));
        // Telegram Bot API: every method answers {"ok":true,"result":...}; a sent message needs its own fields.
        app.MapPost("/{botToken}/{method}", (string method) => Results.Json(new JsonObject
        {
            ["ok"] = true,
            ["result"] = method == "sendMessage"
                ? new JsonObject { ["message_id"] = 1, ["date"] = 1_700_000_000, ["chat"] = new JsonObject { ["id"] = 1, ["type"] = "private" } }
                : true,
        }));
        app.MapPut("/matrix/_matrix/client/v3/rooms/{**path}", () => Results.Json(new JsonObject { ["event_id"] = "$" + Guid.NewGuid().ToString("N") }));
        app.MapPost("/matrix/_matrix/client/v3/{**path}", () => Results.Json(new JsonObject { ["room_id"] = "!room:matrix.test" }));
    }
}
