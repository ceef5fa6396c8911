using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.BotFramework;

/// <summary>The Azure Bot Service edge: /api/messages in, Bot Connector replies out.</summary>
public sealed class BotFrameworkOptions
{
    public const string Section = "BotFramework";

    /// <summary>Off by default: a self-hosted bot with its own Direct Line needs no Azure registration.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Microsoft App ID of the Azure Bot registration; the audience of inbound tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>The client secret of that app; keep it in a vault or user secrets, never in appsettings.json.</summary>
    public string? AppPassword { get; set; }

    public BotAppType AppType { get; set; } = BotAppType.MultiTenant;

    /// <summary>The Entra ID tenant of a single-tenant app.</summary>
    public string? TenantId { get; set; }

    /// <summary>Where the Bot Connector publishes its signing keys (with channel endorsements).</summary>
    [Required]
    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>Signing keys of tokens that Entra ID issues for a single-tenant app; derived from TenantId when empty.</summary>
    public Uri? AzureAdOpenIdMetadataUrl { get; set; }

    /// <summary>The authority the bot asks for Connector tokens; derived from AppType (and TenantId) when empty.</summary>
    public Uri? ToChannelFromBotLoginUrl { get; set; }

    [Required]
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Accepts unsigned requests for local tests with the Bot Framework Emulator; refused outside Development.</summary>
    public bool DisableAuthentication { get; set; }

    public const string BotFrameworkIssuer = "https://api.botframework.com";

    public Uri LoginAuthority => ToChannelFromBotLoginUrl
        ?? new Uri($"https://login.microsoftonline.com/{(AppType == BotAppType.SingleTenant ? TenantId : "botframework.com")}");

    public Uri TenantOpenIdMetadataUrl => AzureAdOpenIdMetadataUrl
        ?? new Uri($"https://login.microsoftonline.com/{TenantId}/v2.0/.well-known/openid-configuration");

    /// <summary>Issuers of tokens that Entra ID signs for this tenant (v1 and v2 endpoints).</summary>
    public IReadOnlyList<string> TenantIssuers => AppType == BotAppType.SingleTenant
        ? [$"https://sts.windows.net/{TenantId}/", $"https://login.microsoftonline.com/{TenantId}/v2.0"]
        : [];
}

/// <summary>How the bot's app registration is set up in Entra ID.</summary>
public enum BotAppType
{
    MultiTenant,
    SingleTenant,
}

/// <summary>Fails start-up on an incomplete registration, and on switched-off authentication anywhere but Development.</summary>
public sealed class BotFrameworkOptionsValidation(IHostEnvironment environment) : IValidateOptions<BotFrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        var failures = new List<string>();
        if (options.DisableAuthentication && !environment.IsDevelopment())
        {
            failures.Add(
                $"BotFramework:DisableAuthentication is only allowed in the Development environment (this is '{environment.EnvironmentName}'). Remove it so /api/messages verifies Azure Bot Service tokens.");
        }

        if (options.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.AppId))
            {
                failures.Add("BotFramework:AppId is required when BotFramework:Enabled is true (the Microsoft App ID of the Azure Bot).");
            }

            if (string.IsNullOrWhiteSpace(options.AppPassword))
            {
                failures.Add("BotFramework:AppPassword is required when BotFramework:Enabled is true (the client secret of the Azure Bot's app).");
            }

            if (options.AppType == BotAppType.SingleTenant && string.IsNullOrWhiteSpace(options.TenantId))
            {
                failures.Add("BotFramework:TenantId is required when BotFramework:AppType is SingleTenant.");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
