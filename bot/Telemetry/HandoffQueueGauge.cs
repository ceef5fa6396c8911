using System.Diagnostics.Metrics;
using CitizenBot.Handoff;

namespace CitizenBot.Telemetry;

/// <summary>
/// The number of citizens waiting for a person, read from the handoff store (shared by all replicas) every few seconds;
/// the gauge reports the last reading so a scrape never waits for the database.
/// </summary>
public sealed class HandoffQueueGauge : BackgroundService
{
    private const int NotReadYet = -1;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly HandoffStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<HandoffQueueGauge> _logger;
    private int _waiting = NotReadYet;

    public HandoffQueueGauge(IMeterFactory meters, HandoffStore store, TimeProvider time, ILogger<HandoffQueueGauge> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _store = store;
        _time = time;
        _logger = logger;
        meters.Create(CitizenBotTelemetry.Name).CreateObservableGauge(
            "citizenbot.handoff.queue.length",
            () => Volatile.Read(ref _waiting) is var waiting and not NotReadYet ? [new Measurement<int>(waiting)] : Array.Empty<Measurement<int>>(),
            "{citizen}",
            "Citizens in the queue for a person, as last read from the handoff store.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            try
            {
                Volatile.Write(ref _waiting, (await _store.ListAsync([HandoffState.Queued], stoppingToken)).Count);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A database that is briefly away must not stop the gauge; the next tick tries again.
                _logger.LogWarning(exception, "Could not read the handoff queue length");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
