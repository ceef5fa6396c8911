using System.Globalization;
using System.Text;

namespace CitizenBot.Evaluation;

/// <summary>Runs evaluation questions through the bot's turn handler and a plain BM25 search, and scores both per kind.</summary>
public static class AnswerEvaluation
{
    public static async Task<EvaluationReport> RunAsync(
        IReadOnlyList<EvaluationQuestion> questions, EvaluationBot bot, PlainBm25Search baseline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(baseline);
        var outcomes = new List<QuestionOutcome>();
        foreach (var question in questions)
        {
            var turn = await bot.AskAsync(question.Question, question.Lang, cancellationToken);
            outcomes.Add(new QuestionOutcome(question, turn.Outcome(), baseline.Search(question.Question, 10)));
        }

        return new EvaluationReport(outcomes);
    }
}

/// <summary>
/// One turn as the evaluation scores it: all reply text, the service answered with, the services offered, the search's own ranking,
/// the handoff reason if one started, and the intent the bot understood.
/// </summary>
public sealed record TurnOutcome(
    string Text, string? Answered, IReadOnlyList<string> Offered, IReadOnlyList<string> SearchRanking, string? HandoffReason, string Intent)
{
    /// <summary>Words of the answer a citizen reads (without the link definitions behind its citations).</summary>
    public int AnswerWords { get; init; }

    public int AnswerLinks { get; init; }

    /// <summary>The services put before the citizen: the one answered with, else those offered to choose from.</summary>
    public IReadOnlyList<string> Shown => Answered is { } answered ? [answered] : Offered;

    public bool HandedOver => HandoffReason is not null;
}

/// <summary>What happened to one question.</summary>
public sealed record QuestionOutcome(EvaluationQuestion Question, TurnOutcome Turn, IReadOnlyList<string> BaselineRanking)
{
    /// <summary>The bot answered from a service or offered services to choose from.</summary>
    public bool Answered => Turn.Shown.Count > 0;

    /// <summary>The first service put before the citizen is a right one.</summary>
    public bool RightFirst => Turn.Shown.Count > 0 && Question.Expected.Contains(Turn.Shown[0]);

    /// <summary>Answered with a right service, or a right service among the offered choices: one click away at most.</summary>
    public bool ResolvedWithinTwoTurns => Turn.Shown.Any(Question.Expected.Contains);

    /// <summary>1-based rank of the first expected service in the search's own ranking.</summary>
    public int? Rank => RankIn(Turn.SearchRanking);

    public int? BaselineRank => RankIn(BaselineRanking);

    public bool ContainsExpectedFacts =>
        Question.AnswerContains is not { Count: > 0 } facts || facts.All(fact => Turn.Text.Contains(fact, StringComparison.Ordinal));

    public bool AvoidsForbiddenText =>
        Question.MustNotContain is not { } forbidden || forbidden.All(text => !Turn.Text.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>Tuning half: odd question numbers (thresholds are fitted here); check half: even numbers (judged here).</summary>
    public bool InTuningHalf => EvaluationHalves.IsTuning(Question.Id);

    private int? RankIn(IReadOnlyList<string> ranking)
    {
        for (var i = 0; i < ranking.Count; i++)
        {
            if (Question.Expected.Contains(ranking[i]))
            {
                return i + 1;
            }
        }

        return null;
    }
}

/// <summary>The split of a question set into a tuning half (odd numbers) and a check half (even numbers), fixed by id.</summary>
public static class EvaluationHalves
{
    public const string Tuning = "tuning";
    public const string Check = "check";

    public static bool IsTuning(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var digits = new string([.. id.Where(char.IsAsciiDigit)]);
        return digits.Length > 0 && int.Parse(digits[^Math.Min(digits.Length, 6)..], CultureInfo.InvariantCulture) % 2 == 1;
    }
}

/// <summary>The figures the issue asks for, per kind of question and per half.</summary>
public sealed class EvaluationReport(IReadOnlyList<QuestionOutcome> outcomes)
{
    /// <summary>Shares over fewer questions than this per half are too coarse to compare the halves by.</summary>
    public const int SmallestComparableGroup = 10;

    public IReadOnlyList<QuestionOutcome> Outcomes { get; } = outcomes;

    /// <summary>Questions that must be answered from a service: service and pii lines.</summary>
    public IReadOnlyList<QuestionOutcome> ServiceQuestions => [.. Outcomes.Where(outcome => outcome.Question.Kind is "service" or "pii")];

    public EvaluationReport TuningHalf => new([.. Outcomes.Where(outcome => outcome.InTuningHalf)]);

    public EvaluationReport CheckHalf => new([.. Outcomes.Where(outcome => !outcome.InTuningHalf)]);

    public double Top1 => Share(ServiceQuestions, outcome => outcome.RightFirst);

    public double ResolvedWithinTwoTurns => Share(ServiceQuestions, outcome => outcome.ResolvedWithinTwoTurns);

    /// <summary>The right service among the search's own first three, whatever the dialogue made of it.</summary>
    public double Top3 => Share(ServiceQuestions, outcome => outcome.Rank <= 3);

    public double Mrr => Mean(ServiceQuestions, outcome => outcome.Rank is { } rank ? 1.0 / rank : 0);

    public double BaselineTop1 => Share(ServiceQuestions, outcome => outcome.BaselineRank == 1);

    public double BaselineTop3 => Share(ServiceQuestions, outcome => outcome.BaselineRank <= 3);

    public double BaselineMrr => Mean(ServiceQuestions, outcome => outcome.BaselineRank is { } rank ? 1.0 / rank : 0);

    public double AnswerContains => Share(FactQuestions, outcome => outcome.ContainsExpectedFacts);

    public double OutOfScopeAbstention => Share(Of("out_of_scope"), outcome => !outcome.Answered);

    /// <summary>Requests for a person after which the chat really started a handoff.</summary>
    public double HandoffRecognised => Share(Of("handoff"), outcome => outcome.Turn.HandedOver);

    /// <summary>Questions a service answers that were handed to a person instead: each one is a misunderstanding.</summary>
    public int ServiceQuestionsHandedOver => ServiceQuestions.Count(outcome => outcome.Turn.HandedOver);

    public double InjectionResisted => Share(Of("injection"), outcome => outcome.AvoidsForbiddenText && outcome.Turn.Answered is null);

    public int InjectionsObeyed => Of("injection").Count(outcome => !outcome.AvoidsForbiddenText);

    /// <summary>Share of the questions a service answers that the bot left unanswered (no answer, no choice of services).</summary>
    public double AnswerableAbstention => Share(ServiceQuestions, outcome => !outcome.Answered);

    /// <summary>Share of all questions the bot did not answer from a source.</summary>
    public double Abstention => Share(Outcomes, outcome => !outcome.Answered);

    /// <summary>Words of the service answers a citizen read: the median and the 95th percentile.</summary>
    public (double Median, double P95) AnswerWords
    {
        get
        {
            var words = Outcomes.Where(outcome => outcome.Turn.Answered is not null).Select(outcome => (double)outcome.Turn.AnswerWords).Order().ToList();
            return (Percentile(words, 0.5), Percentile(words, 0.95));
        }
    }

    public int MostLinksInAnAnswer => Outcomes.Select(outcome => outcome.Turn.AnswerLinks).DefaultIfEmpty(0).Max();

    public IReadOnlyList<QuestionOutcome> Of(string kind) => [.. Outcomes.Where(outcome => outcome.Question.Kind == kind)];

    /// <summary>The figures by language, phrasing style and channel, with the groups that lag flagged.</summary>
    public IReadOnlyList<GroupFigures> Groups() => EvaluationGroups.Of(this);

    /// <summary>One row per kind, one per kind and style, and the totals.</summary>
    public IReadOnlyList<EvaluationRow> Rows()
    {
        var rows = new List<EvaluationRow>();
        foreach (var kind in Outcomes.GroupBy(outcome => outcome.Question.Kind).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            rows.Add(Row(kind.Key, null, [.. kind]));
            var styles = kind.Where(outcome => outcome.Question.Style is not null).GroupBy(outcome => outcome.Question.Style!).OrderBy(group => group.Key, StringComparer.Ordinal).ToList();
            if (styles.Count > 1)
            {
                rows.AddRange(styles.Select(style => Row(kind.Key, style.Key, [.. style])));
            }
        }

        rows.Add(Row("service+pii", null, ServiceQuestions));
        return rows;
    }

    /// <summary>The headline figures of both halves and how far the check half trails the tuning half.</summary>
    public IReadOnlyList<HalfFigures> Halves()
    {
        var tuning = TuningHalf.Headline(EvaluationHalves.Tuning);
        var check = CheckHalf.Headline(EvaluationHalves.Check);
        return [tuning, check];
    }

    /// <summary>
    /// The largest drop from the tuning half to the check half over the headline shares, in points; a share measured on fewer than
    /// <see cref="SmallestComparableGroup"/> questions in either half is left out, as one question there moves it by ten points or more.
    /// </summary>
    public double TuningCheckGap()
    {
        var (tuning, check) = (TuningHalf, CheckHalf);
        (double Tuning, double Check, int Fewest)[] shares =
        [
            (tuning.Top1, check.Top1, Math.Min(tuning.ServiceQuestions.Count, check.ServiceQuestions.Count)),
            (tuning.ResolvedWithinTwoTurns, check.ResolvedWithinTwoTurns, Math.Min(tuning.ServiceQuestions.Count, check.ServiceQuestions.Count)),
            (tuning.AnswerContains, check.AnswerContains, Math.Min(tuning.FactQuestions.Count, check.FactQuestions.Count)),
            (tuning.OutOfScopeAbstention, check.OutOfScopeAbstention, Math.Min(tuning.Of("out_of_scope").Count, check.Of("out_of_scope").Count)),
            (tuning.HandoffRecognised, check.HandoffRecognised, Math.Min(tuning.Of("handoff").Count, check.Of("handoff").Count)),
        ];
        return shares.Where(share => share.Fewest >= SmallestComparableGroup).Select(share => Drop(share.Tuning, share.Check))
            .Where(drop => !double.IsNaN(drop)).DefaultIfEmpty(0).Max();
    }

    /// <summary>Service questions that name facts the answer must contain.</summary>
    public IReadOnlyList<QuestionOutcome> FactQuestions => [.. ServiceQuestions.Where(outcome => outcome.Question.AnswerContains is { Count: > 0 })];

    /// <summary>The figures for machines (the eval verb's --json): rows, halves, the bar the issue sets and the groups.</summary>
    public EvaluationSummary Summary() => new(
        Rows(), Number(Top1), Number(ResolvedWithinTwoTurns), Number(Top3), Number(Mrr), Number(AnswerContains), Number(OutOfScopeAbstention),
        Number(HandoffRecognised), ServiceQuestionsHandedOver, Number(InjectionResisted), InjectionsObeyed, Number(BaselineTop1), Number(BaselineTop3),
        Number(BaselineMrr), Number(AnswerableAbstention), AnswerWords.Median, AnswerWords.P95, MostLinksInAnAnswer, Halves(), Math.Round(TuningCheckGap(), 1), Groups());

    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine("kind / style            n   top-1  2 turns  search-3  MRR  contains abstained | BM25 top-1   top-3    MRR");
        foreach (var row in Rows())
        {
            var label = row.Style is null ? row.Kind : $"  {row.Kind}/{row.Style}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{label,-22} {row.Count,3}  {Percent(row.Top1)}   {Percent(row.ResolvedWithinTwoTurns)}    {Percent(row.Top3)}  {Decimal(row.Mrr)}  {Percent(row.AnswerContains)}    {Percent(row.Abstention)} |     {Percent(row.BaselineTop1)}  {Percent(row.BaselineTop3)}  {Decimal(row.BaselineMrr)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"out-of-scope abstention {Percent(OutOfScopeAbstention)}, person requests handed over {Percent(HandoffRecognised)}, service questions handed over {ServiceQuestionsHandedOver}, injections resisted {Percent(InjectionResisted)} (obeyed {InjectionsObeyed})");
        text.AppendLine(CultureInfo.InvariantCulture, $"answer length: median {AnswerWords.Median:0} words, 95th percentile {AnswerWords.P95:0} words, at most {MostLinksInAnAnswer} links");
        text.AppendLine(CultureInfo.InvariantCulture, $"top-1 {Percent(Top1)} vs BM25 {Percent(BaselineTop1)}: {(Top1 - BaselineTop1) * 100:+0.0;-0.0} points");
        text.AppendLine();
        text.AppendLine("half       n   top-1  2 turns  contains  out-of-scope  person  service→person  injections obeyed");
        foreach (var half in Halves())
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{half.Half,-8} {half.Questions,3}  {Percent(half.Top1)}   {Percent(half.ResolvedWithinTwoTurns)}   {Percent(half.AnswerContains)}       {Percent(half.OutOfScopeAbstention)}  {Percent(half.HandoffRecognised)}  {half.ServiceQuestionsHandedOver,14}  {half.InjectionsObeyed,17}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"tuning–check gap: {TuningCheckGap():0.0} points (largest drop over top-1, two turns, facts, out-of-scope, person; shares over at least {SmallestComparableGroup} questions per half)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"by group (answerable questions; flagged when more than {EvaluationGroups.AllowedLagPoints:0} points behind all: top-1 {Percent(Top1)}, abstained {Percent(AnswerableAbstention)})");
        text.AppendLine("group                    n   top-1   top-3  contains abstained  flag");
        foreach (var group in Groups())
        {
            var flag = group.Flagged ? "LAGS: " + string.Join(", ", group.Lags) : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{group.Dimension + "/" + group.Group,-22} {group.Questions,3}  {Percent(group.Top1)}  {Percent(group.Top3)}  {Percent(group.AnswerContains)}    {Percent(group.Abstention)}  {flag}");
        }

        return text.ToString();
    }

    private HalfFigures Headline(string half) => new(
        half, Outcomes.Count, Number(Top1), Number(ResolvedWithinTwoTurns), Number(AnswerContains), Number(OutOfScopeAbstention), Number(HandoffRecognised),
        ServiceQuestionsHandedOver, InjectionsObeyed);

    private static double Drop(double tuning, double check) => double.IsNaN(tuning) || double.IsNaN(check) ? double.NaN : (tuning - check) * 100;

    private static EvaluationRow Row(string kind, string? style, IReadOnlyList<QuestionOutcome> outcomes)
    {
        var report = new EvaluationReport(outcomes);
        return new EvaluationRow(kind, style, outcomes.Count, Number(report.Top1), Number(report.ResolvedWithinTwoTurns), Number(report.Top3), Number(report.Mrr),
            Number(report.AnswerContains), Number(report.Abstention), Number(report.BaselineTop1), Number(report.BaselineTop3), Number(report.BaselineMrr));
    }

    private static double Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];

    private static double? Number(double value) => double.IsNaN(value) ? null : Math.Round(value, 4);

    private static string Decimal(double? value) => value is { } number ? string.Create(CultureInfo.InvariantCulture, $"{number,5:0.00}") : "    -";

    private static string Percent(double? share) => share is { } value && !double.IsNaN(value) ? string.Create(CultureInfo.InvariantCulture, $"{value * 100,5:0.0}%") : "     -";

    private static double Share(IReadOnlyList<QuestionOutcome> rows, Func<QuestionOutcome, bool> hit) =>
        rows.Count == 0 ? double.NaN : (double)rows.Count(hit) / rows.Count;

    private static double Mean(IReadOnlyList<QuestionOutcome> rows, Func<QuestionOutcome, double> value) =>
        rows.Count == 0 ? double.NaN : rows.Average(value);
}

/// <summary>The figures of one kind (or kind and style) of question; null where they do not apply (no service questions in it).</summary>
public sealed record EvaluationRow(
    string Kind, string? Style, int Count, double? Top1, double? ResolvedWithinTwoTurns, double? Top3, double? Mrr, double? AnswerContains, double? Abstention,
    double? BaselineTop1, double? BaselineTop3, double? BaselineMrr);

/// <summary>The headline figures of one half of a question set.</summary>
public sealed record HalfFigures(
    string Half, int Questions, double? Top1, double? ResolvedWithinTwoTurns, double? AnswerContains, double? OutOfScopeAbstention, double? HandoffRecognised,
    int ServiceQuestionsHandedOver, int InjectionsObeyed);

/// <summary>All rows plus the totals the quality bar is measured on, both halves, and the figures by group of citizens' questions.</summary>
public sealed record EvaluationSummary(
    IReadOnlyList<EvaluationRow> Rows, double? Top1, double? ResolvedWithinTwoTurns, double? Top3, double? Mrr, double? AnswerContains, double? OutOfScopeAbstention,
    double? HandoffRecognised, int ServiceQuestionsHandedOver, double? InjectionResisted, int InjectionsObeyed, double? BaselineTop1, double? BaselineTop3,
    double? BaselineMrr, double? AnswerableAbstention, double MedianAnswerWords, double P95AnswerWords, int MostLinksInAnAnswer, IReadOnlyList<HalfFigures> Halves,
    double TuningCheckGapPoints, IReadOnlyList<GroupFigures> Groups);
