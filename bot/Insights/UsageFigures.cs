using CitizenBot.Fairness;
using CitizenBot.Knowledge;

namespace CitizenBot.Insights;

/// <summary>Counts of one slice (a day, a language, a channel) with the shares the dashboard and the council read.</summary>
public sealed record OutcomeFigures(
    int Conversations, int Questions, int Answered, int AskedBack, int Abstained, int HandedOff, int Likes, int Dislikes)
{
    public double? AnsweredShare => Share(Answered, Questions);

    public double? AskedBackShare => Share(AskedBack, Questions);

    public double? AbstainedShare => Share(Abstained, Questions);

    /// <summary>Conversations with a handoff request per conversation.</summary>
    public double? HandoffRate => Share(HandedOff, Conversations);

    /// <summary>Likes among all votes: the feedback ratio.</summary>
    public double? LikeShare => Share(Likes, Likes + Dislikes);

    public static OutcomeFigures Of(IReadOnlyCollection<AnsweredTurn> answers, IReadOnlyCollection<HandoffRequest> handoffs)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(handoffs);
        var conversations = answers.Select(answer => answer.Conversation).Concat(handoffs.Select(handoff => handoff.Conversation)).Distinct().Count();
        return new OutcomeFigures(
            conversations,
            answers.Count,
            answers.Count(answer => answer.Outcome == Outcomes.Answered),
            answers.Count(answer => answer.Outcome == Outcomes.AskedBack),
            answers.Count(answer => answer.Outcome == Outcomes.Abstained),
            handoffs.Select(handoff => handoff.Conversation).Distinct().Count(),
            answers.Count(answer => answer.Vote == AnswerFeedback.Like),
            answers.Count(answer => answer.Vote == AnswerFeedback.Dislike));
    }

    /// <summary>The shares in which this group is served worse than <paramref name="overall"/> by more than the allowed points.</summary>
    public IReadOnlyList<string> LagsBehind(OutcomeFigures overall)
    {
        ArgumentNullException.ThrowIfNull(overall);
        var lags = new List<string>();
        if (FairnessRule.Lags(overall.AnsweredShare, AnsweredShare))
        {
            lags.Add(GroupLags.Answered);
        }

        // Abstaining and handing off are worse when higher, so the group's share is the "better" side of the rule.
        if (FairnessRule.Lags(AbstainedShare, overall.AbstainedShare))
        {
            lags.Add(GroupLags.Abstained);
        }

        if (FairnessRule.Lags(HandoffRate, overall.HandoffRate))
        {
            lags.Add(GroupLags.HandedOff);
        }

        if (FairnessRule.Lags(overall.LikeShare, LikeShare))
        {
            lags.Add(GroupLags.Feedback);
        }

        return lags;
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}

public sealed record DayFigures(DateOnly Day, OutcomeFigures Figures);

/// <summary>
/// The figures of one citizen group (a conversation language or a channel), for fairness checks across groups;
/// <see cref="Lags"/> names the shares that trail all conversations by more than the allowed points.
/// </summary>
public sealed record UsageGroupFigures(string Group, OutcomeFigures Figures, IReadOnlyList<string> Lags)
{
    public bool Flagged => Lags.Count > 0;
}

/// <summary>The names of the production shares a group can lag in.</summary>
public static class GroupLags
{
    public const string Answered = "answered";
    public const string Abstained = "abstained";
    public const string HandedOff = "handed_off";
    public const string Feedback = "feedback";

    /// <summary>How editors and the council read a lag, German first.</summary>
    public static string Describe(string lag) => lag switch
    {
        Answered => "weniger beantwortet",
        Abstained => "öfter keine sichere Antwort",
        HandedOff => "öfter an Menschen übergeben",
        Feedback => "schlechter bewertet",
        _ => lag,
    };
}

public sealed record CountedReason(string Reason, int Count);

/// <summary>A service and how often it answered; the file is where editors change it.</summary>
public sealed record ServiceUse(string ServiceId, string? Title, string? File, int Answers, int Likes, int Dislikes);

/// <summary>An answer a citizen disliked, with what editors need to fix it.</summary>
public sealed record DislikedAnswer(DateOnly Day, string Question, string Outcome, string? ServiceId, string? Title, string? File, string? Comment);

/// <summary>Everything the /admin dashboard shows for a period, without personal data.</summary>
public sealed record DashboardFigures(
    UsageSummary Totals,
    OutcomeFigures Figures,
    IReadOnlyList<DayFigures> Days,
    IReadOnlyList<CountedReason> HandoffReasons,
    IReadOnlyList<ServiceUse> TopServices,
    IReadOnlyList<UsageGroupFigures> ByLanguage,
    IReadOnlyList<UsageGroupFigures> ByChannel,
    IReadOnlyList<QuestionGroup> Unanswered,
    IReadOnlyList<DislikedAnswer> Disliked);

/// <summary>Production figures from the analytics rows and the handoff cases: the one source for dashboard, CSV, report and register.</summary>
public sealed class UsageFigures(InsightsStore store, KnowledgeFolder knowledge) : IUsageFigures
{
    private const int TopServiceCount = 10;

    public async Task<UsageSummary> SummariseAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken) =>
        (await FigureAsync(firstDay, lastDay, cancellationToken)).Totals;

    public async Task<DashboardFigures> FigureAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var answers = await store.ListAsync(firstDay, lastDay, cancellationToken);
        var handoffs = await store.ListHandoffsAsync(firstDay, lastDay, cancellationToken);
        var figures = OutcomeFigures.Of(answers, handoffs);
        var times = answers.Select(answer => answer.AnswerMilliseconds).Order().ToList();
        var totals = new UsageSummary(
            firstDay, lastDay, figures.Conversations, figures.Questions, figures.Answered, figures.AskedBack, figures.Abstained, figures.HandedOff,
            figures.Likes, figures.Dislikes, Median(times), Percentile(times, 0.95));
        var answersByDay = answers.ToLookup(Day);
        var handoffsByDay = handoffs.ToLookup(handoff => handoff.Day);
        var days = Enumerable.Range(0, lastDay.DayNumber - firstDay.DayNumber + 1)
            .Select(offset => firstDay.AddDays(offset))
            .Select(day => new DayFigures(day, OutcomeFigures.Of([.. answersByDay[day]], [.. handoffsByDay[day]])))
            .ToList();
        var files = knowledge.Files.Where(file => file.Id is not null).GroupBy(file => file.Id!).ToDictionary(group => group.Key, group => group.First());
        return new DashboardFigures(
            totals,
            figures,
            days,
            [.. handoffs.GroupBy(handoff => handoff.Reason).Select(group => new CountedReason(group.Key, group.Count())).OrderByDescending(reason => reason.Count)],
            [.. answers.Where(answer => answer.ServiceId is not null)
                .GroupBy(answer => answer.ServiceId!)
                .Select(group => new ServiceUse(
                    group.Key,
                    files.GetValueOrDefault(group.Key)?.Title,
                    files.GetValueOrDefault(group.Key)?.Path,
                    group.Count(),
                    group.Count(answer => answer.Vote == AnswerFeedback.Like),
                    group.Count(answer => answer.Vote == AnswerFeedback.Dislike)))
                .OrderByDescending(service => service.Answers)
                .ThenBy(service => service.ServiceId, StringComparer.Ordinal)
                .Take(TopServiceCount)],
            ByGroup(figures, answers, handoffs, answer => answer.Language, handoff => handoff.Language),
            ByGroup(figures, answers, handoffs, answer => answer.Channel, handoff => handoff.Channel),
            SimilarQuestions.Group(answers.Where(answer => answer.Outcome == Outcomes.Abstained).Select(answer => (answer.Question, Day(answer)))),
            [.. answers.Where(answer => answer.Vote == AnswerFeedback.Dislike)
                .OrderByDescending(answer => answer.AskedAt)
                .Select(answer =>
                {
                    var serviceId = answer.ServiceId ?? (answer.Sources.Count > 0 ? answer.Sources[0] : null);
                    var file = serviceId is null ? null : files.GetValueOrDefault(serviceId);
                    return new DislikedAnswer(Day(answer), answer.Question, answer.Outcome, serviceId, file?.Title, file?.Path, answer.Comment);
                })]);
    }

    private static List<UsageGroupFigures> ByGroup(
        OutcomeFigures overall,
        IReadOnlyList<AnsweredTurn> answers,
        IReadOnlyList<HandoffRequest> handoffs,
        Func<AnsweredTurn, string> ofAnswer,
        Func<HandoffRequest, string> ofHandoff) =>
        [.. answers.Select(ofAnswer).Concat(handoffs.Select(ofHandoff)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(group =>
            {
                var figures = OutcomeFigures.Of([.. answers.Where(answer => ofAnswer(answer) == group)], [.. handoffs.Where(handoff => ofHandoff(handoff) == group)]);
                return new UsageGroupFigures(group, figures, figures.LagsBehind(overall));
            })];

    private static DateOnly Day(AnsweredTurn answer) => DateOnly.FromDateTime(answer.AskedAt.UtcDateTime);

    private static double? Median(List<double> sorted) => sorted.Count == 0
        ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>Nearest-rank percentile: a time some answer really took.</summary>
    private static double? Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(share * sorted.Count) - 1];
}
