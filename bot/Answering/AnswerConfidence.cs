using CitizenBot.Knowledge.Search;

namespace CitizenBot.Answering;

/// <summary>
/// Turns ranking signals into a probability that the top service is right: a logistic model over
/// the share of question terms the service covers, the margin to the runner-up and the (log) score.
/// Fitted by `eval --calibrate` (logistic regression, 5-fold cross-validated on the development questions; label: service question
/// with the right service first = 1, wrong first or out of scope = 0); refit whenever the ranking changes. Three inputs only, so it
/// generalises beyond the questions it was fitted on.
/// </summary>
public static class AnswerConfidence
{
    private const double Intercept = -4.92;
    private const double CoverageWeight = 0.09;
    private const double MarginWeight = 2.21;
    private const double ScoreWeight = 0.96;

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
