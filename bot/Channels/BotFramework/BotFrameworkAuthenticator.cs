using System.Collections;
using System.Text.Json;
using CitizenBot.SharedKernel.Activities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.Channels.BotFramework;

/// <summary>A request that Azure Bot Service signed: the channels its key vouches for and the service URL it names.</summary>
public sealed record BotFrameworkCaller(IReadOnlyList<string>? Endorsements, string? ServiceUrl)
{
    /// <summary>Stands for every request while authentication is switched off in Development.</summary>
    public static BotFrameworkCaller Unverified { get; } = new(null, null);
}

/// <summary>
/// Verifies the Bearer JWT that Azure Bot Service sends to /api/messages, as the Bot Connector authentication
/// spec requires: trusted issuer, our app id as audience, lifetime, a signature by a published key,
/// an endorsement of the activity's channel and a serviceUrl claim equal to the activity's.
/// </summary>
public sealed class BotFrameworkAuthenticator
{
    public const string MetadataClient = "BotFramework.OpenIdMetadata";

    private const string EndorsementsProperty = "endorsements";
    private static readonly string[] ServiceUrlClaims = ["serviceurl", "serviceUrl"];

    private readonly BotFrameworkOptions _options;
    private readonly ILogger<BotFrameworkAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly List<KeySource> _sources = [];

    public BotFrameworkAuthenticator(IOptions<BotFrameworkOptions> options, IHttpClientFactory clients, ILogger<BotFrameworkAuthenticator> logger)
    {
        _options = options.Value;
        _logger = logger;
        _sources.Add(new KeySource([BotFrameworkOptions.BotFrameworkIssuer], Manager(_options.OpenIdMetadataUrl, clients), CarriesEndorsements: true));
        if (_options.TenantIssuers.Count > 0)
        {
            // Entra ID keys carry no channel endorsements; the audience and issuer already bind them to this tenant's app.
            _sources.Add(new KeySource(_options.TenantIssuers, Manager(_options.TenantOpenIdMetadataUrl, clients), CarriesEndorsements: false));
        }
    }

    public async Task<(BotFrameworkCaller? Caller, IResult? Problem)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (_options.DisableAuthentication)
        {
            _logger.LogWarning("Accepted an unverified /api/messages request because BotFramework:DisableAuthentication is set");
            return (BotFrameworkCaller.Unverified, null);
        }

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            return Refuse("MissingToken", "Send the Azure Bot Service token as 'Authorization: Bearer <token>'.");
        }

        var token = header["Bearer ".Length..].Trim();
        if (!_handler.CanReadToken(token))
        {
            return Refuse("MalformedToken", "The bearer token is not a JSON Web Token.");
        }

        string issuer;
        try
        {
            issuer = _handler.ReadJsonWebToken(token).Issuer;
        }
        catch (Exception exception) when (exception is SecurityTokenMalformedException or ArgumentException)
        {
            return Refuse("MalformedToken", "The bearer token is not a JSON Web Token.");
        }

        var source = _sources.FirstOrDefault(s => s.Issuers.Contains(issuer, StringComparer.Ordinal));
        if (source is null)
        {
            return Refuse("UntrustedIssuer", "The token was not issued by Azure Bot Service.");
        }

        try
        {
            var (result, configuration) = await ValidateAsync(token, source, cancellationToken);
            if (!result.IsValid)
            {
                return Refuse("InvalidToken", "The token is not valid for this bot.", result.Exception?.GetType().Name);
            }

            var signed = (JsonWebToken)result.SecurityToken;
            var endorsements = source.CarriesEndorsements ? EndorsementsOf(configuration, signed.SigningKey?.KeyId ?? signed.Kid) : null;
            return (new BotFrameworkCaller(endorsements, ServiceUrlOf(signed)), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(exception, "Could not load the Azure Bot Service signing keys");
            return (null, ChannelProblems.Problem(
                StatusCodes.Status503ServiceUnavailable, "SigningKeysUnavailable", "The bot cannot verify tokens right now. Please retry."));
        }
    }

    /// <summary>The checks that need the activity: the key must vouch for its channel, the token must name its service URL.</summary>
    public IResult? Authorize(BotFrameworkCaller caller, Activity activity)
    {
        if (ReferenceEquals(caller, BotFrameworkCaller.Unverified))
        {
            return null;
        }

        if (caller.Endorsements is { } endorsements && activity.ChannelId is { Length: > 0 } channelId
            && !endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase))
        {
            return Forbid("ChannelNotEndorsed", "The signing key does not vouch for this activity's channel.", activity);
        }

        if (caller.ServiceUrl is null || !string.Equals(caller.ServiceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return Forbid("ServiceUrlMismatch", "The token's serviceUrl claim does not match the activity.", activity);
        }

        return null;
    }

    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration Configuration)> ValidateAsync(
        string token, KeySource source, CancellationToken cancellationToken)
    {
        var configuration = await source.Manager.GetConfigurationAsync(cancellationToken);
        var result = await _handler.ValidateTokenAsync(token, Parameters(source, configuration));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys roll over: fetch the document again (the manager limits how often) before refusing an unknown key id.
            source.Manager.RequestRefresh();
            configuration = await source.Manager.GetConfigurationAsync(cancellationToken);
            result = await _handler.ValidateTokenAsync(token, Parameters(source, configuration));
        }

        return (result, configuration);
    }

    private TokenValidationParameters Parameters(KeySource source, OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuers = source.Issuers,
        ValidAudience = _options.AppId,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = configuration.IdTokenSigningAlgValuesSupported.Count > 0
            ? configuration.IdTokenSigningAlgValuesSupported
            : [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromMinutes(5),
    };

    private static List<string> EndorsementsOf(OpenIdConnectConfiguration configuration, string? keyId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == keyId);
        if (key is null || !key.AdditionalData.TryGetValue(EndorsementsProperty, out var value))
        {
            return [];
        }

        return value switch
        {
            string single => [single],
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(e => e.ToString())],
            IEnumerable list => [.. list.Cast<object?>().Select(e => e?.ToString() ?? "")],
            _ => [],
        };
    }

    private static string? ServiceUrlOf(JsonWebToken token)
    {
        foreach (var claim in ServiceUrlClaims)
        {
            if (token.TryGetPayloadValue<string>(claim, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private (BotFrameworkCaller?, IResult?) Refuse(string code, string detail, string? reason = null)
    {
        _logger.LogWarning("Refused an /api/messages request: {Code} {Reason}", code, reason);
        return (null, ChannelProblems.Unauthorized(code, detail));
    }

    private IResult Forbid(string code, string detail, Activity activity)
    {
        _logger.LogWarning("Refused a {ActivityType} activity from channel {ChannelId}: {Code}", activity.Type, activity.ChannelId, code);
        return ChannelProblems.Forbidden(code, detail);
    }

    private static ConfigurationManager<OpenIdConnectConfiguration> Manager(Uri metadataUrl, IHttpClientFactory clients) =>
        new(
            metadataUrl.AbsoluteUri,
            new OpenIdConnectConfigurationRetriever(),
            // Plain HTTP only for a metadata server on this machine (tests, a local proxy); anything else must be HTTPS.
            new HttpDocumentRetriever(clients.CreateClient(MetadataClient)) { RequireHttps = !metadataUrl.IsLoopback });

    private sealed record KeySource(IReadOnlyList<string> Issuers, ConfigurationManager<OpenIdConnectConfiguration> Manager, bool CarriesEndorsements);
}
