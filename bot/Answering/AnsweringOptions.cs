using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Answering;

/// <summary>How sure the bot must be before it answers, and how long an answer may be.</summary>
public sealed class AnsweringOptions
{
    public const string Section = "Answering";

    /// <summary>Below this calibrated confidence the bot says it has no reliable answer.</summary>
    [Range(0.0, 1.0)]
    public double MinimumConfidence { get; set; } = 0.35;

    /// <summary>When the next services score at least this share of the best, and confidence is below <see cref="AskBackBelowConfidence"/>, the bot asks back.</summary>
    [Range(0.5, 1.0)]
    public double AskBackScoreRatio { get; set; } = 0.93;

    /// <summary>Between this confidence and <see cref="MinimumConfidence"/> the bot offers its best services to pick from instead of admitting it has no answer.</summary>
    [Range(0.0, 1.0)]
    public double AskBackFromConfidence { get; set; } = 0.25;

    /// <summary>For a one-word question, services scoring at least this share of the best are offered to pick from.</summary>
    [Range(0.1, 1.0)]
    public double OneWordAskBackScoreRatio { get; set; } = 0.5;

    [Range(0.0, 1.0)]
    public double AskBackBelowConfidence { get; set; } = 0.6;

    [Range(30, 400)]
    public int MaximumWords { get; set; } = 120;
}
