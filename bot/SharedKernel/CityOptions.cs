using System.ComponentModel.DataAnnotations;

namespace CitizenBot.SharedKernel;

/// <summary>Who runs this bot and how citizens reach a human; used in the disclosure and on /transparency.</summary>
public sealed class CityOptions
{
    public const string Section = "City";

    [Required]
    public string Name { get; set; } = "";

    /// <summary>The responsible office, named in the disclosure and the register.</summary>
    [Required]
    public string ResponsibleOffice { get; set; } = "";

    /// <summary>The bot's public address (https://assistent.example.de); links in messages must be absolute for every channel.</summary>
    [Required, Url]
    public string AssistantUrl { get; set; } = "";

    [Required]
    public string Phone { get; set; } = "";

    [Required]
    public string PhoneHours { get; set; } = "";

    [Required, EmailAddress]
    public string Email { get; set; } = "";

    [Required, Url]
    public string ContactPageUrl { get; set; } = "";

    [MinLength(1)]
    public List<OfficeContact> Offices { get; set; } = [];
}

/// <summary>An office a citizen can visit or call instead of using the bot.</summary>
public sealed class OfficeContact
{
    [Required]
    public string Name { get; set; } = "";

    [Required]
    public string Address { get; set; } = "";

    public string? Phone { get; set; }

    public string? OpeningHours { get; set; }
}
