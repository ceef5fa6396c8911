using System.Data.Common;

namespace CitizenBot.Insights;

/// <summary>Writes the answered turns the turns queued, a batch per transaction, and what is left when the bot stops.</summary>
public sealed class AnswerLogWriter(InsightsStore store, ILogger<AnswerLogWriter> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await store.WriteQueuedAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // Seen when a test host disposed its services before stopping this writer: the store is gone, nothing is left to write to.
            logger.LogWarning("The answer log was disposed before the bot stopped; rows still queued are not written");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await store.WaitForQueuedAsync(stoppingToken))
            {
                try
                {
                    await store.WriteQueuedAsync(stoppingToken);
                }
                catch (DbException exception)
                {
                    // The rows stay queued; a database that is restarting answers again shortly.
                    logger.LogWarning(exception, "Could not write the answer log; trying again in {RetrySeconds} s", RetryAfter.TotalSeconds);
                    await Task.Delay(RetryAfter, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }
}
