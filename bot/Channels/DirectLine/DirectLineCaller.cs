using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>Who is calling: a server holding a secret (any conversation), or a client holding a token (its own conversation only).</summary>
public sealed record DirectLineCaller(DirectLineSecret? Secret, DirectLineGrant? Grant)
{
    public bool MayAccess(string conversationId) => Secret is not null || Grant?.ConversationId == conversationId;
}

/// <summary>Turns the Authorization header (or the stream URL's t parameter) into a caller, or a problem.</summary>
public sealed class DirectLineAuthenticator(IOptions<DirectLineOptions> options, DirectLineTokens tokens)
{
    public async Task<(DirectLineCaller? Caller, IResult? Problem)> AuthenticateAsync(string? credential)
    {
        if (string.IsNullOrWhiteSpace(credential))
        {
            return (null, ChannelProblems.Unauthorized("MissingCredential", "Send 'Authorization: Bearer <secret or token>'."));
        }

        var secret = FindSecret(credential);
        if (secret is not null)
        {
            return secret.Revoked
                ? (null, ChannelProblems.Forbidden("SecretRevoked", "This Direct Line secret has been revoked."))
                : (new DirectLineCaller(secret, null), null);
        }

        var (grant, rejection) = await tokens.ValidateAsync(credential);
        return rejection switch
        {
            TokenRejection.None => (new DirectLineCaller(null, grant), null),
            TokenRejection.Expired => (null, ChannelProblems.Forbidden("TokenExpired", "The token has expired. Refresh it or get a new one.")),
            TokenRejection.Revoked => (null, ChannelProblems.Forbidden("TokenRevoked", "The secret that issued this token has been revoked.")),
            _ => (null, ChannelProblems.Unauthorized("InvalidCredential", "The secret or token is not valid.")),
        };
    }

    /// <summary>Whether the credential is a configured, unrevoked secret: a city's own server rather than a citizen's browser.</summary>
    public bool IsSecret(string? credential) => !string.IsNullOrWhiteSpace(credential) && FindSecret(credential) is { Revoked: false };

    public static string? BearerFrom(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private DirectLineSecret? FindSecret(string credential)
    {
        var presented = Encoding.UTF8.GetBytes(credential);
        return options.Value.Secrets.FirstOrDefault(secret =>
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret.Value), presented));
    }
}
