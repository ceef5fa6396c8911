using CitizenBot.SharedKernel;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using CitizenBot.Telemetry;
using ActivityStatusCode = System.Diagnostics.ActivityStatusCode;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace CitizenBot.Conversation;

/// <summary>Decides what the bot does with one turn. Conversation/ is the only place that makes that decision.</summary>
public interface ITurnHandler
{
    Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>
/// Runs every incoming activity: stores it, runs the turn handler once per activity, and handles a failed turn:
/// log, apologise with the way to a human, forget the broken state, keep the conversation usable.
/// </summary>
public sealed class TurnProcessor(
    IConversationStore store,
    ConversationStateStore states,
    ITurnHandler handler,
    OutgoingPipeline outgoing,
    CitizenTexts texts,
    CitizenBotTelemetry telemetry,
    ILogger<TurnProcessor> logger)
{
    // Turns of one conversation run one at a time, so concurrent posts cannot both read and overwrite the same state
    // (two greetings, lost updates). Striped: unrelated conversations share a gate only by hash collision.
    // A retry comes seconds after the first attempt; this many later activities means the conversation has long moved on.
    private const int MaxActivitiesAfterRetry = 50;

    private readonly SemaphoreSlim[] _conversationGates = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Stores and processes the activity; a retried activity is stored and answered only once.</summary>
    public async Task<StoredActivity> ProcessAsync(ConversationRecord conversation, Activity activity, CancellationToken cancellationToken)
    {
        var gate = _conversationGates[(int)((uint)conversation.Key.GetHashCode() % (uint)_conversationGates.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ProcessInTurnAsync(conversation, activity, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<StoredActivity> ProcessInTurnAsync(ConversationRecord conversation, Activity activity, CancellationToken cancellationToken)
    {
        var appended = await store.AppendAsync(conversation.Key, ActivityDirection.Inbound, activity, cancellationToken);
        if (appended.WasDuplicate)
        {
            if (!await WasStoredButNeverAnsweredAsync(conversation.Key, appended.Stored, cancellationToken))
            {
                logger.LogInformation(
                    "Ignored repeated activity {ActivityId} in conversation {ConversationId}", appended.Stored.Activity.Id, conversation.Key.ConversationId);
                return appended.Stored;
            }

            // The first attempt was stored, then its process died or lost the database before the turn ended: the retry gets the answer.
            logger.LogWarning(
                "Answering repeated activity {ActivityId} in conversation {ConversationId}: its first turn left no reply",
                appended.Stored.Activity.Id,
                conversation.Key.ConversationId);
        }

        var state = await states.LoadAsync(conversation.Key, cancellationToken);
        var loaded = ConversationStateStore.Fingerprint(state);
        var turn = new TurnContext(appended.Stored.Activity, conversation, state, outgoing, state.Language ?? texts.LanguageOf(activity.Locale ?? conversation.Locale));
        var activityType = turn.Activity.Type ?? "unknown";
        using var span = CitizenBotTelemetry.StartTurn(activityType, conversation.Key.Transport);
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await handler.OnTurnAsync(turn, cancellationToken);
            await states.SaveIfChangedAsync(conversation.Key, loaded, state, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failed = true;
            span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            await OnTurnErrorAsync(turn, appended.Stored, exception, cancellationToken);
        }

        telemetry.RecordTurn(Stopwatch.GetElapsedTime(started), activityType, conversation.Key.Transport, failed);

        return appended.Stored;
    }

    /// <summary>A citizen's message that no bot activity replies to yet; other activity types may rightly go unanswered.</summary>
    private async Task<bool> WasStoredButNeverAnsweredAsync(ConversationKey key, StoredActivity inbound, CancellationToken cancellationToken)
    {
        if (!inbound.Activity.IsMessage)
        {
            return false;
        }

        var later = await store.ReadAfterAsync(key, inbound.Sequence, MaxActivitiesAfterRetry, cancellationToken);
        return later.Count < MaxActivitiesAfterRetry
            && !later.Any(stored => stored.Direction == ActivityDirection.Outbound && stored.Activity.ReplyToId == inbound.Activity.Id);
    }

    private async Task OnTurnErrorAsync(TurnContext turn, StoredActivity inbound, Exception exception, CancellationToken cancellationToken)
    {
        logger.LogError(
            exception,
            "Turn failed for {ActivityType} {ActivityId} in conversation {ConversationId}",
            turn.Activity.Type,
            turn.Activity.Id,
            turn.Conversation.Key.ConversationId);
        try
        {
            await states.SaveAsync(turn.Conversation.Key, turn.State.AfterFailure(), cancellationToken);
            // A citizen who already has the answer needs no apology for bookkeeping that failed after it (a second reply). A reply whose
            // commit reached the database while its acknowledgement was lost (the server restarting) counts too: the store is asked.
            if (turn.Activity.IsMessage && !turn.Replied && await WasStoredButNeverAnsweredAsync(turn.Conversation.Key, inbound, cancellationToken))
            {
                await turn.SendTextAsync(texts.Get(TextKeys.TurnFailed, turn.Language), cancellationToken);
            }
        }
        catch (Exception apologyFailure) when (apologyFailure is not OperationCanceledException)
        {
            logger.LogError(apologyFailure, "Could not tell the citizen about the failed turn in conversation {ConversationId}", turn.Conversation.Key.ConversationId);
        }
    }
}
