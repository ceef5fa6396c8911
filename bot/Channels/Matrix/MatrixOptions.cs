using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Channels.Matrix;

/// <summary>The bot as a Matrix application service on the city's own homeserver (registration: as_token, hs_token, sender_localpart).</summary>
public sealed class MatrixOptions
{
    public const string Section = "Channels:Matrix";

    public bool Enabled { get; set; }

    /// <summary>The client-server API base of the homeserver, e.g. https://matrix.stadt.example.</summary>
    [Url]
    public string? HomeserverUrl { get; set; }

    /// <summary>The registration's as_token: the bot's credential towards the homeserver.</summary>
    public string? AsToken { get; set; }

    /// <summary>The registration's hs_token: the homeserver's credential towards the bot, checked on every transaction.</summary>
    public string? HsToken { get; set; }

    /// <summary>The bot's own user (@sender_localpart:server); its own messages come back in transactions and are skipped.</summary>
    [RegularExpression("^@[^:]+:.+$", ErrorMessage = "Channels:Matrix:BotUserId must be a Matrix user id such as @stadtassistent:matrix.stadt.example.")]
    public string? BotUserId { get; set; }

    public IReadOnlyList<string> MissingSettings =>
    [
        .. new[] { (nameof(HomeserverUrl), HomeserverUrl), (nameof(AsToken), AsToken), (nameof(HsToken), HsToken), (nameof(BotUserId), BotUserId) }
            .Where(setting => string.IsNullOrWhiteSpace(setting.Item2))
            .Select(setting => $"{Section}:{setting.Item1}"),
    ];

    /// <summary>Switched on and complete; a channel is either fully on or off.</summary>
    public bool IsOn => Enabled && MissingSettings.Count == 0;
}
