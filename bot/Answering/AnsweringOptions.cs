using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Answering;

/// <summary>How sure the bot must be to answer rather than offer choices, and how long an answer may be.</summary>
public sealed class AnsweringOptions
{
    public const string Section = "Answering";

    /// <summary>
    /// At or above this calibrated confidence, with no runner-up close behind, the bot answers; below it, it offers its best services to
    /// pick from (fitted on the tuning half: eval --calibrate).
    /// </summary>
    [Range(0.0, 1.0)]
    public double AnswerFromConfidence { get; set; } = 0.8;

    /// <summary>A runner-up scoring at least this share of the best is offered beside it instead of answering with the best alone.</summary>
    [Range(0.5, 1.0)]
    public double AskBackScoreRatio { get; set; } = 0.93;

    /// <summary>For a one-word question, services scoring at least this share of the best are offered to pick from.</summary>
    [Range(0.1, 1.0)]
    public double OneWordAskBackScoreRatio { get; set; } = 0.5;

    [Range(30, 400)]
    public int MaximumWords { get; set; } = 120;
}
