using System.Globalization;
using System.Text;
using CitizenBot.Answering;
using CitizenBot.Knowledge.Search;

namespace CitizenBot.Evaluation;

/// <summary>
/// Fits <see cref="AnswerConfidence"/>'s logistic model on the tuning half of an evaluation set (label 1: a service question whose
/// right service the search ranks first; 0: wrong first, or a question the city cannot answer) and reports it on the check half,
/// so the weights are judged on questions they were not fitted on.
/// </summary>
public static class ConfidenceCalibration
{
    private const int Iterations = 4000;
    private const double LearningRate = 0.1;
    private const double Ridge = 0.01;

    public static string Run(IReadOnlyList<EvaluationQuestion> questions, IKnowledgeSearch search)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(search);
        var samples = questions
            .Where(question => question.Kind is "service" or "pii" or "out_of_scope")
            .Select(question => (Question: question, Results: search.Search(question.Question, question.Lang, 5)))
            .Where(item => item.Results.Hits.Count > 0)
            .Select(item => new Sample(
                Features(item.Results),
                item.Question.Kind != "out_of_scope" && item.Question.Expected.Contains(item.Results.Hits[0].Document.Id),
                item.Question.Kind == "out_of_scope",
                EvaluationHalves.IsTuning(item.Question.Id)))
            .ToList();
        var tuning = samples.Where(sample => sample.Tuning).ToList();
        var check = samples.Where(sample => !sample.Tuning).ToList();
        var weights = Fit(tuning);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"weights fitted on the tuning half ({tuning.Count} questions; intercept, coverage, margin, log score): {string.Join(", ", weights.Select(weight => weight.ToString("0.00", CultureInfo.InvariantCulture)))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"on the check half ({check.Count} questions): log loss {LogLoss(check, weights):0.000}");
        foreach (var threshold in new[] { 0.25, 0.35, 0.45, 0.55 })
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  at {threshold:0.00}: right first answered {Share(check, sample => sample.Right, sample => Probability(weights, sample.Features) >= threshold):P1}, wrong first answered {Share(check, sample => !sample.Right && !sample.OutOfScope, sample => Probability(weights, sample.Features) >= threshold):P1}, out of scope answered {Share(check, sample => sample.OutOfScope, sample => Probability(weights, sample.Features) >= threshold):P1}");
        }

        return text.ToString();
    }

    private static double[] Features(SearchResults results)
    {
        var (coverage, margin, logScore) = AnswerConfidence.Features(results);
        return [1, coverage, margin, logScore];
    }

    /// <summary>Logistic regression by gradient descent with a small ridge penalty (never on the intercept).</summary>
    private static double[] Fit(IReadOnlyList<Sample> samples)
    {
        var weights = new double[4];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var gradient = new double[weights.Length];
            foreach (var sample in samples)
            {
                var error = Probability(weights, sample.Features) - (sample.Right ? 1 : 0);
                for (var i = 0; i < weights.Length; i++)
                {
                    gradient[i] += error * sample.Features[i] / samples.Count;
                }
            }

            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] -= LearningRate * (gradient[i] + (i == 0 ? 0 : Ridge * weights[i]));
            }
        }

        return weights;
    }

    private static double Probability(double[] weights, double[] features) =>
        1 / (1 + Math.Exp(-weights.Zip(features, (weight, feature) => weight * feature).Sum()));

    private static double LogLoss(IReadOnlyList<Sample> samples, double[] weights) =>
        samples.Count == 0 ? double.NaN : -samples.Select(sample => Math.Log(Math.Clamp(sample.Right ? Probability(weights, sample.Features) : 1 - Probability(weights, sample.Features), 1e-9, 1))).Average();

    private static double Share(IReadOnlyList<Sample> samples, Func<Sample, bool> subset, Func<Sample, bool> hit)
    {
        var chosen = samples.Where(subset).ToList();
        return chosen.Count == 0 ? double.NaN : (double)chosen.Count(hit) / chosen.Count;
    }

    private sealed record Sample(double[] Features, bool Right, bool OutOfScope, bool Tuning);
}
