using System.Globalization;
using System.Text;

namespace CitizenBot.Insights;

/// <summary>The council report as CSV (RFC 4180, UTF-8, comma, invariant numbers): one row per figure, grouped by section.</summary>
public static class CouncilReportCsv
{
    private const string Header = "section,group,figure,value";

    public static string Write(CouncilReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        Row(csv, "period", "", "from", report.Period.FromText);
        Row(csv, "period", "", "to", report.Period.ToText);
        Outcomes(csv, "use", "all", report.Figures.Figures);
        Row(csv, "use", "all", "median_answer_ms", report.Figures.Totals.MedianAnswerMilliseconds);
        Row(csv, "use", "all", "p95_answer_ms", report.Figures.Totals.P95AnswerMilliseconds);
        if (report.Evaluation.Latest is { } run)
        {
            Row(csv, "quality", "latest_evaluation", "run_at", run.RunAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            Row(csv, "quality", "latest_evaluation", "questions", run.Report.Outcomes.Count);
            Row(csv, "quality", "latest_evaluation", "top1", Math.Round(run.Report.Top1, 4));
            Row(csv, "quality", "latest_evaluation", "answerable_abstention", Math.Round(run.Report.AnswerableAbstention, 4));
        }
        else
        {
            Row(csv, "quality", "latest_evaluation", "status", "not available");
        }

        foreach (var (dimension, groups) in new[] { ("language", report.Figures.ByLanguage), ("channel", report.Figures.ByChannel) })
        {
            foreach (var group in groups)
            {
                Outcomes(csv, "fairness_" + dimension, group.Group, group.Figures);
                Row(csv, "fairness_" + dimension, group.Group, "lags", string.Join(' ', group.Lags));
            }
        }

        foreach (var reason in report.Figures.HandoffReasons)
        {
            Row(csv, "handoffs", reason.Reason, "count", reason.Count);
        }

        Row(csv, "knowledge", "", "version", report.Knowledge.Version);
        Row(csv, "knowledge", "", "loaded_at", report.Knowledge.LoadedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Row(csv, "knowledge", "", "services", report.Knowledge.Services);
        Row(csv, "knowledge", "", "added_in_period", report.KnowledgeChanges.Added);
        Row(csv, "knowledge", "", "changed_in_period", report.KnowledgeChanges.Changed);
        Row(csv, "knowledge", "", "removed_in_period", report.KnowledgeChanges.Removed);
        foreach (var change in report.KnowledgeChanges.Changes)
        {
            Row(csv, "knowledge_changes", change.DocumentId, change.Change, change.ChangedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        }

        Row(csv, "incidents", "all", "count", report.Incidents.Sum(incident => incident.Count));
        foreach (var incident in report.Incidents)
        {
            Row(csv, "incidents", $"{incident.Kind}:{incident.Cause}", "count", incident.Count);
        }

        foreach (var finding in report.OpenFindings)
        {
            Row(csv, "open_findings", $"{finding.Dimension}:{finding.Group}", $"week_{finding.WeekFrom:yyyy-MM-dd}", string.Join(' ', finding.Lags));
        }

        return csv.ToString();
    }

    private static void Outcomes(StringBuilder csv, string section, string group, OutcomeFigures figures)
    {
        Row(csv, section, group, "conversations", figures.Conversations);
        Row(csv, section, group, "questions", figures.Questions);
        Row(csv, section, group, "answered", figures.Answered);
        Row(csv, section, group, "asked_back", figures.AskedBack);
        Row(csv, section, group, "abstained", figures.Abstained);
        Row(csv, section, group, "handed_off", figures.HandedOff);
        Row(csv, section, group, "likes", figures.Likes);
        Row(csv, section, group, "dislikes", figures.Dislikes);
        Row(csv, section, group, "answered_share", figures.AnsweredShare);
        Row(csv, section, group, "abstained_share", figures.AbstainedShare);
        Row(csv, section, group, "handoff_rate", figures.HandoffRate);
        Row(csv, section, group, "like_share", figures.LikeShare);
    }

    private static void Row(StringBuilder csv, string section, string group, string figure, object? value) =>
        csv.AppendJoin(',', new[] { section, group, figure, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" }.Select(Quote)).Append("\r\n");

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
