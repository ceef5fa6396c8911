using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>The self-hosted Direct Line 3.0 service.</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>Secrets that server-side callers present to mint tokens or open conversations; revoke one by setting Revoked.</summary>
    public List<DirectLineSecret> Secrets { get; set; } = [];

    /// <summary>Lifetime of a conversation token; refresh before it ends.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Base64 key (at least 32 bytes) that signs tokens; when empty, one is generated once and kept in the data folder.</summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>Most activities one GET or one WebSocket frame returns.</summary>
    [Range(1, 1000)]
    public int MaxActivitiesPerRead { get; set; } = 100;
}

/// <summary>A named Direct Line secret, as an operator would keep it in a vault.</summary>
public sealed class DirectLineSecret
{
    [Required]
    public string Name { get; set; } = "";

    [Required, MinLength(32)]
    public string Value { get; set; } = "";

    public bool Revoked { get; set; }
}

/// <summary>Checks each secret and the signing key, which data annotations on a list cannot reach.</summary>
public sealed class DirectLineOptionsValidation : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        var failures = new List<string>();
        foreach (var (secret, index) in options.Secrets.Select((secret, index) => (secret, index)))
        {
            if (string.IsNullOrWhiteSpace(secret.Name))
            {
                failures.Add($"DirectLine:Secrets:{index}:Name is required.");
            }

            if (secret.Value.Length < 32)
            {
                failures.Add($"DirectLine:Secrets:{index}:Value must be at least 32 characters.");
            }
        }

        if (options.Secrets.GroupBy(secret => secret.Name).Any(group => group.Count() > 1))
        {
            failures.Add("DirectLine:Secrets names must be unique.");
        }

        if (!string.IsNullOrWhiteSpace(options.TokenSigningKey) && !IsKeyOfAtLeast32Bytes(options.TokenSigningKey))
        {
            failures.Add("DirectLine:TokenSigningKey must be base64 of at least 32 bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsKeyOfAtLeast32Bytes(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }
}
