using CitizenBot.Transparency;
using Microsoft.Extensions.Options;

namespace CitizenBot.Insights;

/// <summary>The citizen texts of the feedback, looked up through <see cref="CitizenTexts"/> like every other text.</summary>
public static class InsightsTextKeys
{
    public const string LikeButton = nameof(LikeButton);
    public const string DislikeButton = nameof(DislikeButton);
    public const string FeedbackThanks = nameof(FeedbackThanks);
    public const string FeedbackNotForAnswer = nameof(FeedbackNotForAnswer);

    public static IReadOnlyList<string> All { get; } = [LikeButton, DislikeButton, FeedbackThanks, FeedbackNotForAnswer];
}

/// <summary>Fails start-up when a language lacks a feedback text.</summary>
public sealed class InsightsTextsValidation : IValidateOptions<TextsOptions>
{
    public ValidateOptionsResult Validate(string? name, TextsOptions options)
    {
        var missing = options.MissingTexts(InsightsTextKeys.All);
        return missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Missing feedback texts: {string.Join(", ", missing)}");
    }
}
