using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CitizenBot.Handoff;

/// <summary>
/// Signs and checks webhook bodies: HMAC-SHA256 over "{unix seconds}.{body}" with the shared secret, sent as
/// "sha256={hex}" beside the timestamp, so a captured request cannot be replayed later or altered.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-CitizenBot-Signature";
    public const string TimestampHeader = "X-CitizenBot-Timestamp";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Constant-time comparison, so timing does not reveal how much of a forged signature was right.</summary>
    public static bool IsValid(string secret, long timestamp, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
