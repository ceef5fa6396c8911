using CitizenBot.Fairness;

namespace CitizenBot.Evaluation;

/// <summary>
/// Fairness in evaluation: the figures of each group of citizens' questions (language, phrasing style, channel),
/// measured on the questions a service answers, and a flag where a group lags all questions by more than the allowed points.
/// </summary>
public static class EvaluationGroups
{
    /// <summary>A group lags when its top-1 is lower, or its abstention higher, than the overall figure by more than this many points.</summary>
    public const double AllowedLagPoints = FairnessRule.AllowedLagPoints;

    public const string Language = "language";
    public const string Style = "style";
    public const string Channel = "channel";

    public const string Top1Lag = "top1";
    public const string AbstentionLag = "abstention";

    public static IReadOnlyList<GroupFigures> Of(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var answerable = report.ServiceQuestions;
        var overall = new EvaluationReport(answerable);
        var groups = new List<GroupFigures>();
        foreach (var (dimension, key) in new (string, Func<EvaluationQuestion, string?>)[]
                 {
                     (Language, question => question.Lang), (Style, question => question.Style), (Channel, question => question.Channel),
                 })
        {
            foreach (var group in answerable.Where(outcome => key(outcome.Question) is not null)
                         .GroupBy(outcome => key(outcome.Question)!, StringComparer.Ordinal)
                         .OrderBy(group => group.Key, StringComparer.Ordinal))
            {
                var figures = new EvaluationReport([.. group]);
                var lags = new List<string>();
                if (FairnessRule.Lags(overall.Top1, figures.Top1))
                {
                    lags.Add(Top1Lag);
                }

                // Abstention on answerable questions is a miss, so higher is worse.
                if (FairnessRule.Lags(figures.AnswerableAbstention, overall.AnswerableAbstention))
                {
                    lags.Add(AbstentionLag);
                }

                groups.Add(new GroupFigures(
                    dimension, group.Key, figures.Outcomes.Count, Number(figures.Top1), Number(figures.Top3), Number(figures.AnswerContains),
                    Number(figures.AnswerableAbstention), lags));
            }
        }

        return groups;
    }

    private static double? Number(double value) => double.IsNaN(value) ? null : Math.Round(value, 4);
}

/// <summary>One group's figures on its answerable questions; <see cref="Lags"/> names the figures that trail the overall ones (top1, abstention).</summary>
public sealed record GroupFigures(
    string Dimension, string Group, int Questions, double? Top1, double? Top3, double? AnswerContains, double? Abstention, IReadOnlyList<string> Lags)
{
    public bool Flagged => Lags.Count > 0;
}
