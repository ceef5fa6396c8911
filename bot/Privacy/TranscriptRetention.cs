using CitizenBot.Storage;
using Microsoft.Extensions.Options;

namespace CitizenBot.Privacy;

/// <summary>Runs in the background: deletes conversations (transcript, state, handoff records) once they are past the retention period.</summary>
public sealed class TranscriptRetention(
    ConversationErasure erasure, TimeProvider time, IOptions<PrivacyOptions> options, ILogger<TranscriptRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionCheckInterval, time);
        do
        {
            try
            {
                await DeleteExpiredAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Deleting conversations past their retention failed; the next check tries again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One check: deletes at most one batch; returns how many conversations were deleted.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow().AddDays(-settings.RetentionDays);
        var deleted = await erasure.DeleteInactiveAsync(cutoff, settings.RetentionBatchSize, cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} conversations older than {Days} days", deleted, settings.RetentionDays);
        }

        return deleted;
    }
}
