using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>When and how a citizen is passed to city staff: examples for the register, office hours, waiting limits, canned replies.</summary>
public sealed class HandoffOptions
{
    public const string Section = "Handoff";

    /// <summary>
    /// Language code (de, en) → examples of how citizens ask for a person, shown in the AI register and records. The understanding
    /// step recognises requests by grammar (Conversation/Understanding), not by these lists.
    /// </summary>
    public Dictionary<string, HandoffExamples> Examples { get; set; } = [];

    /// <summary>IANA time zone the office hours and holidays are meant in.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Berlin";

    /// <summary>Day of week (Monday…Sunday) → opening time spans such as "08:00-12:00"; a missing day is closed.</summary>
    public Dictionary<DayOfWeek, List<string>> OfficeHours { get; set; } = [];

    /// <summary>Days on which nobody answers, whatever the weekday.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Assumed wait per position while too few recent accepts exist to estimate it.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan DefaultWaitPerPosition { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When nobody accepts a waiting citizen within this time, the bot offers a callback instead.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AcceptTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often waiting times and stored callback requests are checked.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Days a callback request with contact data is kept before it is deleted.</summary>
    [Range(1, 365)]
    public int CallbackRetentionDays { get; set; } = 14;

    /// <summary>Longest reply a staff member may send in one message.</summary>
    [Range(1, 10_000)]
    public int MaxReplyLength { get; set; } = 2000;

    /// <summary>
    /// Azure Bot Service channel ids (such as omnichannel) of agent hubs whose handoff.status events move a handoff on.
    /// Never webchat or directline: there citizens' own clients can post events.
    /// </summary>
    public List<string> TrustedHubChannels { get; set; } = [];

    /// <summary>Language code (de, en) → ready-made replies the console offers staff to insert and adapt.</summary>
    public Dictionary<string, List<string>> CannedReplies { get; set; } = [];
}

/// <summary>How citizens of one language ask for a person, and for people only: examples for the register, not a trigger list.</summary>
public sealed class HandoffExamples
{
    public List<string> Request { get; set; } = [];

    public List<string> PeopleOnly { get; set; } = [];
}

/// <summary>Fails start-up on settings a handoff could not work with: unknown time zone, unreadable hours, a language without words.</summary>
public sealed class HandoffOptionsValidation : IValidateOptions<HandoffOptions>
{
    private static readonly string[] CitizenClientChannels = ["webchat", "directline"];

    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        var failures = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"Handoff:TimeZone '{options.TimeZone}' is not a known time zone.");
        }

        foreach (var (day, spans) in options.OfficeHours)
        {
            failures.AddRange(spans.Where(span => !OfficeHours.TryParseSpan(span, out _, out _))
                .Select(span => $"Handoff:OfficeHours:{day} '{span}' is not a span like 08:00-12:00."));
        }

        foreach (var language in SharedKernel.CitizenTexts.RequiredLanguages)
        {
            var examples = options.Examples.GetValueOrDefault(language);
            if (examples is null || examples.Request.Count == 0 || examples.PeopleOnly.Count == 0)
            {
                failures.Add($"Handoff:Examples:{language} needs Request and PeopleOnly examples for the register.");
            }
        }

        failures.AddRange(options.TrustedHubChannels.Where(channel => CitizenClientChannels.Contains(channel, StringComparer.OrdinalIgnoreCase))
            .Select(channel => $"Handoff:TrustedHubChannels must not name '{channel}': citizens' clients post to it and could forge handoff.status events."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
