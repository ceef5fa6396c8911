using System.Globalization;
using System.Text;
using CitizenBot.Knowledge.Search;

namespace CitizenBot.Answering.Evaluation;

/// <summary>
/// Fits <see cref="AnswerConfidence"/>'s logistic model on an evaluation set (label 1: a service question whose right service the search
/// ranks first; 0: wrong first, or a question the city cannot answer) and reports k-fold cross-validated figures, so the weights are
/// judged on questions they were not fitted on.
/// </summary>
public static class ConfidenceCalibration
{
    private const int Folds = 5;
    private const int Iterations = 4000;
    private const double LearningRate = 0.1;
    private const double Ridge = 0.01;

    public static string Run(IReadOnlyList<EvaluationQuestion> questions, IKnowledgeSearch search, double threshold)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(search);
        var samples = questions
            .Where(question => question.Kind is "service" or "pii" or "out_of_scope")
            .Select(question => (Question: question, Results: search.Search(question.Question, question.Lang, 5)))
            .Where(item => item.Results.Hits.Count > 0)
            .Select(item => new Sample(Features(item.Results), item.Question.Kind != "out_of_scope" && item.Question.Expected.Contains(item.Results.Hits[0].Document.Id), item.Question.Kind == "out_of_scope"))
            .ToList();

        var predicted = new double[samples.Count];
        for (var fold = 0; fold < Folds; fold++)
        {
            var weights = Fit([.. samples.Where((_, index) => index % Folds != fold)]);
            for (var index = fold; index < samples.Count; index += Folds)
            {
                predicted[index] = Probability(weights, samples[index].Features);
            }
        }

        var all = Fit(samples);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"weights (intercept, coverage, margin, log score): {string.Join(", ", all.Select(weight => weight.ToString("0.00", CultureInfo.InvariantCulture)))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Folds}-fold cross-validated at threshold {threshold:0.00} over {samples.Count} questions:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  log loss {LogLoss(samples, predicted):0.000}, accuracy {Share(samples, predicted, (sample, p) => (p >= threshold) == sample.Right):P1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  out-of-scope abstained {Share([.. samples.Where(sample => sample.OutOfScope)], predicted, samples, (_, p) => p < threshold):P1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  right first answered {Share([.. samples.Where(sample => sample.Right)], predicted, samples, (_, p) => p >= threshold):P1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  wrong first answered {Share([.. samples.Where(sample => !sample.Right && !sample.OutOfScope)], predicted, samples, (_, p) => p >= threshold):P1}");
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

    private static double LogLoss(IReadOnlyList<Sample> samples, double[] predicted) =>
        -samples.Select((sample, index) => Math.Log(Math.Clamp(sample.Right ? predicted[index] : 1 - predicted[index], 1e-9, 1))).Average();

    private static double Share(IReadOnlyList<Sample> samples, double[] predicted, Func<Sample, double, bool> hit) =>
        samples.Count == 0 ? double.NaN : (double)samples.Select((sample, index) => hit(sample, predicted[index])).Count(ok => ok) / samples.Count;

    private static double Share(IReadOnlyList<Sample> subset, double[] predicted, IReadOnlyList<Sample> samples, Func<Sample, double, bool> hit) =>
        subset.Count == 0 ? double.NaN : (double)subset.Count(sample => hit(sample, predicted[IndexOf(samples, sample)])) / subset.Count;

    private static int IndexOf(IReadOnlyList<Sample> samples, Sample sample)
    {
        for (var i = 0; i < samples.Count; i++)
        {
            if (ReferenceEquals(samples[i], sample))
            {
                return i;
            }
        }

        return -1;
    }

    private sealed record Sample(double[] Features, bool Right, bool OutOfScope);
}
