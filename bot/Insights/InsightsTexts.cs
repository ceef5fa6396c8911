using CitizenBot.SharedKernel;

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
