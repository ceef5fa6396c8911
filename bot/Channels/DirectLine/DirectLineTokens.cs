using System.Security.Claims;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.Channels.DirectLine;

/// <summary>What a valid token allows: one conversation, as one user.</summary>
public sealed record DirectLineGrant(string ConversationId, string UserId, string? SecretName);

/// <summary>Why a token was refused.</summary>
public enum TokenRejection
{
    None,
    Invalid,
    Expired,
    Revoked,
}

/// <summary>Issues and checks Direct Line tokens: signed JWTs bound to one conversation and one user, expiring.</summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "citizenbot-directline";
    private const string Audience = "directline";
    private const string ConversationClaim = "conv";
    private const string SecretClaim = "sid";

    private readonly DirectLineOptions _options;
    private readonly SymmetricSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TimeProvider _time;

    public DirectLineTokens(IOptions<DirectLineOptions> options, BotDatabase database, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        // Without a configured key, the database keeps one: beside the SQLite file, or shared by every PostgreSQL replica.
        _key = new SymmetricSecurityKey(
            string.IsNullOrWhiteSpace(_options.TokenSigningKey) ? database.LoadOrCreateSecret("directline-signing") : Convert.FromBase64String(_options.TokenSigningKey));
    }

    public TimeSpan Lifetime => _options.TokenLifetime;

    public string Issue(DirectLineGrant grant)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [ConversationClaim] = grant.ConversationId,
            [JwtRegisteredClaimNames.Sub] = grant.UserId,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (grant.SecretName is not null)
        {
            claims[SecretClaim] = grant.SecretName;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _options.TokenLifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    public async Task<(DirectLineGrant? Grant, TokenRejection Rejection)> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is not null && _time.GetUtcNow().UtcDateTime < expires.Value.AddSeconds(30),
        });
        if (!result.IsValid)
        {
            return (null, result.Exception is SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException
                ? TokenRejection.Expired
                : TokenRejection.Invalid);
        }

        var identity = result.ClaimsIdentity;
        var secretName = identity.FindFirst(SecretClaim)?.Value;
        if (secretName is not null && _options.Secrets.Any(s => s.Name == secretName && s.Revoked))
        {
            return (null, TokenRejection.Revoked);
        }

        var conversationId = identity.FindFirst(ConversationClaim)?.Value;
        var userId = identity.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? identity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        return conversationId is null || userId is null
            ? (null, TokenRejection.Invalid)
            : (new DirectLineGrant(conversationId, userId, secretName), TokenRejection.None);
    }
}
