using CitizenBot.Fairness;
using CitizenBot.Knowledge;
using CitizenBot.Transparency.Register;

namespace CitizenBot.Insights;

/// <summary>
/// What the council reads for a month, quarter or year: use, quality of the latest evaluation, fairness groups, handoffs, feedback,
/// knowledge changes and open findings. Incidents are not recorded anywhere yet, so the report says so instead of showing zero.
/// </summary>
public sealed record CouncilReport(
    string Title,
    ReportPeriod Period,
    DashboardFigures Figures,
    EvaluationState Evaluation,
    KnowledgeState Knowledge,
    IReadOnlyList<FairnessFinding> OpenFindings,
    DateTimeOffset CreatedAt)
{
    /// <summary>Model fallbacks and outages are logged but not stored, so no figure can be given for a period.</summary>
    public const string IncidentsNotRecorded = "nicht erfasst (not recorded): Modell-Ausweichlösungen und Ausfälle werden bisher nicht gespeichert";
}

/// <summary>The knowledge the bot answers from: only the current version is kept, so changes within a period are not counted.</summary>
public sealed record KnowledgeState(long Version, DateTimeOffset LoadedAt, int Services, bool LoadedInPeriod);

/// <summary>Builds council reports from the running bot's figures, evaluation, knowledge and findings.</summary>
public sealed class CouncilReports(UsageFigures usage, LiveEvaluation evaluation, IKnowledgeBase knowledge, FairnessFindings findings, TimeProvider time)
{
    public async Task<CouncilReport> BuildAsync(string title, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var snapshot = knowledge.Current;
        var loadedDay = DateOnly.FromDateTime(snapshot.LoadedAt.UtcDateTime);
        return new CouncilReport(
            title,
            period,
            await usage.FigureAsync(period.From, period.To, cancellationToken),
            evaluation.State,
            new KnowledgeState(snapshot.Version, snapshot.LoadedAt, snapshot.Documents.Count, loadedDay >= period.From && loadedDay <= period.To),
            await findings.ListOpenAtAsync(period.To, cancellationToken),
            time.GetUtcNow());
    }
}
