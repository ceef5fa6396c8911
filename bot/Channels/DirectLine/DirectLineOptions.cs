using System.ComponentModel.DataAnnotations;

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
