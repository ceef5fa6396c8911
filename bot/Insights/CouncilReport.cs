using CitizenBot.Fairness;
using CitizenBot.Knowledge;
using CitizenBot.Transparency.Register;

namespace CitizenBot.Insights;

/// <summary>
/// What the council reads for a month, quarter or year: use, quality of the latest evaluation, fairness groups, handoffs, feedback,
/// incidents, knowledge changes and open findings.
/// </summary>
public sealed record CouncilReport(
    string Title,
    ReportPeriod Period,
    DashboardFigures Figures,
    EvaluationState Evaluation,
    KnowledgeState Knowledge,
    KnowledgeChanges KnowledgeChanges,
    IReadOnlyList<IncidentSummary> Incidents,
    IReadOnlyList<FairnessFinding> OpenFindings,
    DateTimeOffset CreatedAt);

/// <summary>The knowledge the bot answers from when the report is made.</summary>
public sealed record KnowledgeState(long Version, DateTimeOffset LoadedAt, int Services);

/// <summary>Builds council reports from the running bot's figures, evaluation, knowledge and findings.</summary>
public sealed class CouncilReports(
    UsageFigures usage, LiveEvaluation evaluation, IKnowledgeBase knowledge, KnowledgeChangeLog changes, IncidentLog incidents, FairnessFindings findings, TimeProvider time)
{
    public async Task<CouncilReport> BuildAsync(string title, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var snapshot = knowledge.Current;
        return new CouncilReport(
            title,
            period,
            await usage.FigureAsync(period.From, period.To, cancellationToken),
            evaluation.State,
            new KnowledgeState(snapshot.Version, snapshot.LoadedAt, snapshot.Documents.Count),
            await changes.ListAsync(period.From, period.To, cancellationToken),
            await incidents.SummariseAsync(period.From, period.To, cancellationToken),
            await findings.ListOpenAtAsync(period.To, cancellationToken),
            time.GetUtcNow());
    }
}
