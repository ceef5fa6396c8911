using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Channels.Telegram;

/// <summary>The Telegram bot: webhook in (POST /api/telegram), Bot API sendMessage out.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Channels:Telegram";

    public bool Enabled { get; set; }

    /// <summary>The token BotFather issued ("123456:ABC…"); keep it in a vault or user secrets, never in appsettings.json.</summary>
    [RegularExpression(@"^\d+:[A-Za-z0-9_-]+$", ErrorMessage = "Channels:Telegram:BotToken must look like '123456:ABC-def…' as BotFather issues it.")]
    public string? BotToken { get; set; }

    /// <summary>The secret_token given to setWebhook; Telegram sends it back in X-Telegram-Bot-Api-Secret-Token.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{16,256}$", ErrorMessage = "Channels:Telegram:SecretToken must be 16 to 256 characters of A-Z, a-z, 0-9, _ and -.")]
    public string? SecretToken { get; set; }

    /// <summary>The Bot API server; a city may run its own (telegram-bot-api) on its network.</summary>
    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>Bot commands (without the slash) and the message text they stand for, in the citizen's words ("mensch" → "Mensch").</summary>
    public Dictionary<string, string> Commands { get; set; } = [];

    /// <summary>What is missing for the channel to run; empty when it can.</summary>
    public IReadOnlyList<string> MissingSettings =>
    [
        .. string.IsNullOrWhiteSpace(BotToken) ? [$"{Section}:BotToken"] : Array.Empty<string>(),
        .. string.IsNullOrWhiteSpace(SecretToken) ? [$"{Section}:SecretToken"] : Array.Empty<string>(),
    ];

    /// <summary>Switched on and complete; a channel is either fully on or off.</summary>
    public bool IsOn => Enabled && MissingSettings.Count == 0;
}
