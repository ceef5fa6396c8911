using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Privacy;

/// <summary>How long the bot keeps conversations, and the word list the name rule relies on.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Conversations without a new message for this many days are deleted with everything that belongs to them.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the background job looks for conversations past their retention.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many conversations are deleted per check, so one check never holds the database for long.</summary>
    [Range(1, 100_000)]
    public int RetentionBatchSize { get; set; } = 500;

    /// <summary>Pronouns, greetings and the like that are never part of a name; relative to the app folder or absolute.</summary>
    public string? CommonWordsPath { get; set; } = "Privacy/common-words.txt";
}
