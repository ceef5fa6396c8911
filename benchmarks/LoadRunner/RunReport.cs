using System.Globalization;
using System.Text;

namespace CitizenBot.LoadRunner;

/// <summary>Prints runs as a Markdown table, each compared with the one-conversation run of the same mode.</summary>
public static class RunReport
{
    private const double MiB = 1024 * 1024;

    public static string Table(IReadOnlyList<RunResult> runs)
    {
        var text = new StringBuilder();
        text.AppendLine("| mode | conv | turns | turns/s | p50 ms | p95 ms | p99 ms | max ms | POST p95 ms | lost | dup | failed | p95 × | turns/s × | start p95 ms | bot CPU ms/turn | bot RSS MB | bot peak MB | bot threads | runner RSS MB | load |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var baseline = runs.Where(r => r.Mode == run.Mode).MinBy(r => r.Conversations)!;
            var p95 = Percentile(run.ReplyMs, 0.95);
            var baselineP95 = Percentile(baseline.ReplyMs, 0.95);
            text.AppendLine(Invariant(
                $"| {Mode(run.Mode)} | {run.Conversations} | {run.TurnsRun}/{run.TurnsPlanned} | {run.TurnsPerSecond:F0} ") + Invariant(
                $"| {Percentile(run.ReplyMs, 0.50):F1} | {p95:F1} | {Percentile(run.ReplyMs, 0.99):F1} | {Max(run.ReplyMs):F1} | {Percentile(run.PostMs, 0.95):F1} ") + Invariant(
                $"| {run.Lost} | {run.Duplicates} | {run.PostFailures + run.StartFailures} ") + Invariant(
                $"| {p95 / baselineP95:F1} | {run.TurnsPerSecond / baseline.TurnsPerSecond:F1} ") + Invariant(
                $"| {Percentile(run.StartMs, 0.95):F0} | {run.BotProcessorTime.TotalMilliseconds / Math.Max(1, run.TurnsRun):F2} ") + Invariant(
                $"| {run.Bot.WorkingSetBytes / MiB:F0} | {run.Bot.PeakWorkingSetBytes / MiB:F0} | {run.Bot.Threads} | {run.RunnerWorkingSetBytes / MiB:F0} | {run.MachineLoad:F1} |"));
        }

        return text.ToString();
    }

    public static string Line(RunResult run) => Invariant(
        $"{Mode(run.Mode)} × {run.Conversations}: {run.TurnsRun}/{run.TurnsPlanned} turns in {run.Elapsed.TotalSeconds:F1} s, ") + Invariant(
        $"p95 {Percentile(run.ReplyMs, 0.95):F1} ms, lost {run.Lost}, dup {run.Duplicates}, failed {run.PostFailures + run.StartFailures}, ") + Invariant(
        $"CPU bot {run.BotProcessorTime.TotalSeconds:F1} s / runner {run.RunnerProcessorTime.TotalSeconds:F1} s, ") + Invariant(
        $"bot RSS {run.Bot.WorkingSetBytes / MiB:F0} MB (peak {run.Bot.PeakWorkingSetBytes / MiB:F0} MB), {run.Bot.Threads} bot threads, runner RSS {run.RunnerWorkingSetBytes / MiB:F0} MB, load {run.MachineLoad:F1}") +
        (run.TimedOut ? " — RUN TIME LIMIT REACHED" : "");

    /// <summary>Nearest-rank percentile; NaN for no samples.</summary>
    public static double Percentile(IReadOnlyList<double> samples, double quantile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double Max(IReadOnlyList<double> samples) => samples.Count == 0 ? double.NaN : samples.Max();

    private static string Mode(ReplyMode mode) => mode == ReplyMode.WebSocket ? "websocket" : "polling";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
