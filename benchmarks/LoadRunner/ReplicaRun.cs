using System.Diagnostics;
using System.Globalization;

namespace CitizenBot.LoadRunner;

/// <summary>Faults injected while the citizens ask: a replica killed, the database restarted (times from the start of the asking).</summary>
public sealed record FaultPlan(TimeSpan? KillReplicaAfter, TimeSpan? RestartDatabaseAfter, Func<CancellationToken, Task>? RestartDatabase)
{
    public static FaultPlan None { get; } = new(null, null, null);
}

/// <summary>What a replica run delivered: every posted message is replied exactly once, lost, or duplicated.</summary>
public sealed record ReplicaRunResult(
    ReplyMode Mode,
    int Conversations,
    int Replicas,
    StorageProvider Storage,
    int StartFailures,
    int Asked,
    int Posted,
    int RepliedOnce,
    int Lost,
    int Duplicated,
    int Reposted,
    int Reconnects,
    int FailedCalls,
    IReadOnlyList<double> ReplyMs,
    TimeSpan Elapsed,
    IReadOnlyList<BotResources> Bots,
    IReadOnlyList<string> Faults,
    double MachineLoad)
{
    public double TurnsPerSecond => RepliedOnce / Elapsed.TotalSeconds;
}

/// <summary>Many resilient citizens at once against a set of replicas, with faults injected on schedule.</summary>
public static class ReplicaRun
{
    /// <summary>Questions the knowledge folder answers, so each gets exactly one reply (no abstention, no handoff offer).</summary>
    public static readonly IReadOnlyList<string> Questions =
    [
        "Was kostet ein Reisepass?",
        "Wie beantrage ich einen Personalausweis?",
        "Wo melde ich meinen Wohnsitz um?",
        "Wie bekomme ich eine Meldebescheinigung?",
    ];

    public static async Task<ReplicaRunResult> RunAsync(
        ReplicaSet replicas, ReplyMode mode, int conversations, RunSettings settings, FaultPlan faults, TimeSpan runTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(runTimeout);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var citizens = Enumerable.Range(0, conversations)
            .Select(i => new ResilientCitizen(replicas, mode, settings, string.Create(CultureInfo.InvariantCulture, $"dl_replica_{runId}_{i}"), Questions))
            .ToList();
        try
        {
            var started = await Task.WhenAll(citizens.Select(async citizen =>
            {
                try
                {
                    return await citizen.StartAsync(timeout.Token);
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }));
            var ready = citizens.Where((_, i) => started[i]).ToList();

            var clock = Stopwatch.StartNew();
            var faultLog = new List<string>();
            using var stopFaults = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            var injecting = InjectAsync(replicas, faults, clock, faultLog, stopFaults.Token);
            await Task.WhenAll(ready.Select(citizen => Task.Run(() => citizen.AskAsync(timeout.Token), timeout.Token)));
            clock.Stop();
            await stopFaults.CancelAsync();
            await injecting;
            await Task.WhenAll(ready.Select(citizen => citizen.SettleAsync(cancellationToken)));

            var messages = ready.SelectMany(citizen => citizen.Messages.Select(message => (Citizen: citizen, Message: message))).ToList();
            var replies = messages.Select(m => m.Message.ActivityId is { } id ? m.Citizen.RepliesTo(id) : 0).ToList();
            return new ReplicaRunResult(
                mode,
                conversations,
                replicas.Replicas.Count,
                replicas.Storage,
                conversations - ready.Count,
                messages.Count,
                messages.Count(m => m.Message.Posted),
                replies.Count(r => r == 1),
                replies.Count(r => r == 0),
                replies.Count(r => r > 1),
                messages.Count(m => m.Message.Attempts > 1),
                ready.Sum(c => c.Reconnects),
                ready.Sum(c => c.FailedCalls),
                [.. messages.Where(m => m.Message.ReplyMs is not null).Select(m => m.Message.ReplyMs!.Value)],
                clock.Elapsed,
                replicas.Resources(),
                faultLog,
                LoadRun.MachineLoad());
        }
        finally
        {
            foreach (var citizen in citizens)
            {
                await citizen.DisposeAsync();
            }
        }
    }

    public static string Table(IReadOnlyList<ReplicaRunResult> runs)
    {
        const double MiB = 1024 * 1024;
        var text = new System.Text.StringBuilder();
        text.AppendLine("| mode | storage | replicas | conv | asked | posted | replied once | lost | dup | re-posted | reconnects | failed calls | turns/s | p50 ms | p95 ms | p99 ms | start failures | bot RSS MB (each) | faults | load |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|");
        foreach (var run in runs)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {run.Mode.ToString().ToLowerInvariant()} | {run.Storage} | {run.Replicas} | {run.Conversations} | {run.Asked} | {run.Posted} | {run.RepliedOnce} | {run.Lost} | {run.Duplicated} ") + string.Create(CultureInfo.InvariantCulture,
                $"| {run.Reposted} | {run.Reconnects} | {run.FailedCalls} | {run.TurnsPerSecond:F0} | {RunReport.Percentile(run.ReplyMs, 0.50):F1} | {RunReport.Percentile(run.ReplyMs, 0.95):F1} | {RunReport.Percentile(run.ReplyMs, 0.99):F1} ") + string.Create(CultureInfo.InvariantCulture,
                $"| {run.StartFailures} | {string.Join(" + ", run.Bots.Select(b => (b.WorkingSetBytes / MiB).ToString("F0", CultureInfo.InvariantCulture)))} | {(run.Faults.Count == 0 ? "none" : string.Join("; ", run.Faults))} | {run.MachineLoad:F1} |"));
        }

        return text.ToString();
    }

    public static string Line(ReplicaRunResult run) => string.Create(CultureInfo.InvariantCulture,
        $"{run.Mode.ToString().ToLowerInvariant()} × {run.Conversations} on {run.Replicas} {run.Storage} replica(s): asked {run.Asked}, posted {run.Posted}, replied exactly once {run.RepliedOnce}, lost {run.Lost}, duplicated {run.Duplicated}; ") + string.Create(CultureInfo.InvariantCulture,
        $"re-posted {run.Reposted}, reconnects {run.Reconnects}, failed calls {run.FailedCalls}, start failures {run.StartFailures}; {run.Elapsed.TotalSeconds:F1} s, p95 {RunReport.Percentile(run.ReplyMs, 0.95):F0} ms; faults: {(run.Faults.Count == 0 ? "none" : string.Join("; ", run.Faults))}");

    private static async Task InjectAsync(ReplicaSet replicas, FaultPlan faults, Stopwatch clock, List<string> log, CancellationToken cancellationToken)
    {
        var pending = new List<(TimeSpan At, string Name, Func<Task> Act)>();
        if (faults.KillReplicaAfter is { } killAt)
        {
            pending.Add((killAt, "replica killed", KillLastAsync));
        }

        if (faults.RestartDatabaseAfter is { } restartAt && faults.RestartDatabase is { } restart)
        {
            pending.Add((restartAt, "database restarted", () => restart(cancellationToken)));
        }

        Task KillLastAsync()
        {
            replicas.Kill(replicas.Replicas.Count - 1);
            return Task.CompletedTask;
        }

        try
        {
            foreach (var (at, name, act) in pending.OrderBy(p => p.At))
            {
                var wait = at - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                var began = clock.Elapsed;
                await act();
                lock (log)
                {
                    log.Add(string.Create(CultureInfo.InvariantCulture, $"{name} at {began.TotalSeconds:F1} s (took {(clock.Elapsed - began).TotalSeconds:F1} s)"));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The citizens finished before the fault was due.
        }
    }
}
