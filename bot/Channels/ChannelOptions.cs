using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Channels;

/// <summary>Limits that hold at every channel edge.</summary>
public sealed class ChannelOptions
{
    public const string Section = "Channels";

    /// <summary>Longest message text a citizen may send; longer posts are refused before they reach the bot.</summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>Largest request body any channel endpoint reads.</summary>
    [Range(1024, 10_000_000)]
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>The bot's own account as shown to clients.</summary>
    [Required]
    public string BotId { get; set; } = "citizenbot";

    [Required]
    public string BotName { get; set; } = "CitizenBot";
}
