using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>An existing contact centre that serves citizens instead of (or beside) our agent desk, reached by signed webhooks.</summary>
public sealed class ContactCentreOptions
{
    public const string Section = "Handoff:ContactCentre";

    /// <summary>Where handoff events are posted; empty means no contact centre.</summary>
    [Url]
    public string? Url { get; set; }

    /// <summary>Shared secret for the HMAC-SHA256 signatures in both directions; required when <see cref="Url"/> is set.</summary>
    public string? Secret { get; set; }

    /// <summary>How far a signed timestamp may be from our clock before the request counts as a replay.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait before retrying a failed delivery; later retries wait exponentially longer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}

/// <summary>Fails start-up when a contact centre URL is set without a secret strong enough to sign with.</summary>
public sealed class ContactCentreOptionsValidation : IValidateOptions<ContactCentreOptions>
{
    public const int MinimumSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, ContactCentreOptions options) =>
        options.Enabled && (options.Secret?.Length ?? 0) < MinimumSecretLength
            ? ValidateOptionsResult.Fail($"Handoff:ContactCentre:Url is set, so Handoff:ContactCentre:Secret needs at least {MinimumSecretLength} characters.")
            : ValidateOptionsResult.Success;
}
