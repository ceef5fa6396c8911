using System.Diagnostics;
using System.Globalization;

namespace CitizenBot.LoadRunner;

/// <summary>The measurements of one run: one reply mode, one number of simultaneous conversations.</summary>
public sealed record RunResult(
    ReplyMode Mode,
    int Conversations,
    int TurnsPlanned,
    IReadOnlyList<double> ReplyMs,
    IReadOnlyList<double> PostMs,
    IReadOnlyList<double> StartMs,
    int StartFailures,
    int Lost,
    int PostFailures,
    int Duplicates,
    TimeSpan Elapsed,
    TimeSpan BotProcessorTime,
    TimeSpan RunnerProcessorTime,
    BotResources Bot,
    long RunnerWorkingSetBytes,
    double MachineLoad,
    bool TimedOut)
{
    public int TurnsRun => ReplyMs.Count + Lost + PostFailures;

    public double TurnsPerSecond => ReplyMs.Count / Elapsed.TotalSeconds;
}

/// <summary>Runs many simulated citizens at once against one bot: all start, then all ask together.</summary>
public static class LoadRun
{
    /// <summary>The 1-minute load average (Linux), because other work on the machine shifts every figure.</summary>
    public static double MachineLoad()
    {
        const string LoadFile = "/proc/loadavg";
        return File.Exists(LoadFile) && double.TryParse(File.ReadAllText(LoadFile).Split(' ')[0], CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;
    }

    public static async Task<RunResult> RunAsync(
        BotProcess bot, HttpClient http, ReplyMode mode, int conversations, RunSettings settings, TimeSpan runTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(runTimeout);
        var client = new DirectLineClient(http, bot.Secret);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var citizens = Enumerable.Range(0, conversations)
            .Select(i => new SimulatedCitizen(client, mode, settings, string.Create(CultureInfo.InvariantCulture, $"dl_load_{runId}_{i}")))
            .ToList();
        try
        {
            var started = await Task.WhenAll(citizens.Select(async citizen =>
            {
                try
                {
                    return await citizen.StartAsync(timeout.Token);
                }
                catch (Exception exception) when (exception is HttpRequestException or System.Net.WebSockets.WebSocketException)
                {
                    return false;
                }
            }));
            var ready = citizens.Where((_, i) => started[i]).ToList();

            var botBefore = bot.Resources().ProcessorTime;
            var runnerBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var outcomes = (await Task.WhenAll(ready.Select(citizen => Task.Run(() => citizen.AskAsync(timeout.Token), timeout.Token))))
                .SelectMany(turns => turns)
                .ToList();
            clock.Stop();
            var botAfter = bot.Resources();
            var runnerAfter = Process.GetCurrentProcess().TotalProcessorTime;

            if (!timeout.IsCancellationRequested)
            {
                await Task.WhenAll(ready.Select(citizen => citizen.SettleAsync(timeout.Token)));
            }

            return new RunResult(
                mode,
                conversations,
                conversations * settings.Turns,
                outcomes.Where(o => o.ReplyMs is not null).Select(o => o.ReplyMs!.Value).ToList(),
                outcomes.Where(o => !o.PostFailed).Select(o => o.PostMs).ToList(),
                ready.Select(c => c.StartMs!.Value).ToList(),
                conversations - ready.Count,
                outcomes.Count(o => o.Lost),
                outcomes.Count(o => o.PostFailed),
                citizens.Sum(c => c.Duplicates),
                clock.Elapsed,
                botAfter.ProcessorTime - botBefore,
                runnerAfter - runnerBefore,
                bot.Resources(),
                Environment.WorkingSet,
                MachineLoad(),
                timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested);
        }
        finally
        {
            foreach (var citizen in citizens)
            {
                await citizen.DisposeAsync();
            }
        }
    }
}
