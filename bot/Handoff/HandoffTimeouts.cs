using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>
/// Runs in the background: citizens nobody accepted within the configured time are offered a callback instead,
/// and callback requests past their retention are deleted with their contact data.
/// </summary>
public sealed class HandoffTimeouts(
    HandoffStore store,
    WaitingCitizens queue,
    HandoffProtocol protocol,
    CitizenMessenger messenger,
    CitizenHandoff handoff,
    CitizenTexts texts,
    TimeProvider time,
    IOptions<HandoffOptions> options,
    ILogger<HandoffTimeouts> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Checking waiting handoffs failed; the next check tries again");
            }
        }
    }

    /// <summary>Nobody will take the waiting citizen (timeout, or the contact centre said so): offer a callback instead; false if no longer waiting.</summary>
    public async Task<bool> OfferCallbackAsync(HandoffCase waiting, CancellationToken cancellationToken)
    {
        if (!await store.MoveAsync(waiting.Id, [HandoffState.Queued], HandoffState.CallbackOffered, null, cancellationToken))
        {
            return false;
        }

        logger.LogInformation("Handoff {CaseId} was not accepted; a callback is offered", waiting.Id);
        await protocol.StatusAsync(waiting, HandoffStatus.Failed, cancellationToken);
        await messenger.SendTextAsync(
            waiting.Conversation, waiting.Language, texts.Get(HandoffTextKeys.NobodyAvailable, waiting.Language),
            handoff.CallbackOrCancel(waiting.Language), cancellationToken);
        await queue.RefreshAsync(cancellationToken);
        return true;
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() - options.Value.AcceptTimeout;
        var overdue = (await queue.WaitingAsync(cancellationToken)).Where(waiting => waiting.QueuedAt < deadline).ToList();
        foreach (var waiting in overdue)
        {
            await OfferCallbackAsync(waiting, cancellationToken);
        }

        var deleted = await store.DeleteExpiredCallbackRequestsAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} callback requests past their retention", deleted);
        }
    }
}
