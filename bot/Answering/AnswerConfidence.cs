using CitizenBot.Knowledge.Search;

namespace CitizenBot.Answering;

/// <summary>
/// Turns ranking signals into a probability that the top service is right: a logistic model over
/// the share of question terms the service covers, the margin to the runner-up and the (log) score.
/// Weights fitted by logistic regression on the development questions (label: service question with the right service first = 1,
/// wrong first or out of scope = 0); refit whenever the ranking changes. Coverage gets a negative weight because the score already
/// contains it squared; long situational questions cover less yet are answerable.
/// </summary>
public static class AnswerConfidence
{
    private const double Intercept = -3.05;
    private const double CoverageWeight = -1.29;
    private const double MarginWeight = 1.7;
    private const double ScoreWeight = 0.9;

    public static double Of(SearchResults results)
    {
        if (results.Hits.Count == 0)
        {
            return 0;
        }

        var (coverage, margin, logScore) = Features(results);
        var z = Intercept + (CoverageWeight * coverage) + (MarginWeight * margin) + (ScoreWeight * logScore);
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>The model's inputs, exposed for refitting.</summary>
    public static (double Coverage, double Margin, double LogScore) Features(SearchResults results)
    {
        var top = results.Hits[0];
        var second = results.Hits.Count > 1 ? results.Hits[1].Score : 0;
        var margin = top.Score <= 0 ? 0 : (top.Score - second) / top.Score;
        return (top.Coverage, margin, Math.Log(1 + top.Score));
    }
}
