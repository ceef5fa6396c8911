using System.Globalization;
using CitizenBot.Conversation;
using CitizenBot.Conversation.Understanding;
using CitizenBot.SharedKernel;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using CitizenBot.Telemetry;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>
/// The citizen's side of the handoff, called by the turn handler: spots requests for a person, asks for consent,
/// queues, offers a callback, and keeps the bot silent while staff serve the conversation.
/// </summary>
public sealed class CitizenHandoff(
    HandoffStore store,
    WaitingCitizens queue,
    HandoffProtocol protocol,
    DeskNotifications desks,
    OfficeHours officeHours,
    IConversationStore conversations,
    CitizenTexts texts,
    IOptions<HandoffOptions> options,
    CitizenBotTelemetry telemetry,
    ILogger<CitizenHandoff> logger)
{
    /// <summary>Crisis cases go ahead of everyone else in the queue.</summary>
    public const int CrisisPriority = 10;

    private const int InARow = 2;

    /// <summary>
    /// The greeting's two ways to a person: "talk to a person now", and "only people, no AI" for the whole conversation.
    /// Each button sends its title, which the understanding step reads as a request for a person or for people only, in every channel.
    /// </summary>
    public SuggestedActions OfferButtons(string language) =>
        CitizenMessenger.Buttons([texts.Get(HandoffTextKeys.TalkToPerson, language), texts.Get(HandoffTextKeys.PeopleOnly, language)])!;

    /// <summary>
    /// Handles the message when it belongs to the handoff (a request, an answer to a handoff question, a message while
    /// staff serve the conversation, any message after the citizen chose people only); false lets the bot answer.
    /// An activity the handoff already handled is recognised and not handled twice; one it left to the bot is decided
    /// again, so a retry after a turn that died before the bot answered still gets the answer.
    /// </summary>
    public async Task<bool> TryHandleAsync(TurnContext turn, Intent intent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var key = turn.Conversation.Key;
        var profile = await store.ProfileAsync(key, cancellationToken);
        if (turn.Activity.Id is { } activityId && activityId == profile.LastActivityId)
        {
            return true;
        }

        var open = await store.FindOpenAsync(key, cancellationToken);
        var handled = open is not null
            ? await ContinueAsync(turn, open, intent, profile.HumanOnly, cancellationToken)
            : await StartIfAskedAsync(turn, profile, intent, cancellationToken);
        if (handled)
        {
            var latest = await store.ProfileAsync(key, cancellationToken);
            await store.SaveProfileAsync(key, latest with { LastActivityId = turn.Activity.Id }, cancellationToken);
        }

        return handled;
    }

    /// <summary>True while the handoff owns the conversation: a case is open, or the citizen chose people only.</summary>
    public async Task<bool> OwnsConversationAsync(ConversationKey key, CancellationToken cancellationToken) =>
        await store.FindOpenAsync(key, cancellationToken) is not null || (await store.ProfileAsync(key, cancellationToken)).HumanOnly;

    /// <summary>Counts answers in a row where the bot had no reliable answer; the second in a row passes the citizen on.</summary>
    public Task<bool> RecordAnswerOutcomeAsync(TurnContext turn, bool abstained, CancellationToken cancellationToken) =>
        CountInARowAsync(
            turn,
            abstained,
            profile => profile.AbstentionsInRow,
            (profile, count) => profile with { AbstentionsInRow = count },
            HandoffReason.Abstentions,
            cancellationToken);

    /// <summary>Counts negative feedback in a row; the second in a row passes the citizen on.</summary>
    public Task<bool> RecordFeedbackAsync(TurnContext turn, bool negative, CancellationToken cancellationToken) =>
        CountInARowAsync(
            turn,
            negative,
            profile => profile.NegativeFeedbackInRow,
            (profile, count) => profile with { NegativeFeedbackInRow = count },
            HandoffReason.NegativeFeedback,
            cancellationToken);

    private async Task<bool> CountInARowAsync(
        TurnContext turn,
        bool counts,
        Func<HandoffProfile, int> read,
        Func<HandoffProfile, int, HandoffProfile> write,
        HandoffReason reason,
        CancellationToken cancellationToken)
    {
        var key = turn.Conversation.Key;
        var profile = await store.ProfileAsync(key, cancellationToken);
        var count = counts ? read(profile) + 1 : 0;
        if (count == read(profile))
        {
            // Nothing to count and nothing counted before (the plain answer): no write on the single writer.
            return false;
        }

        var start = count >= InARow && await store.FindOpenAsync(key, cancellationToken) is null;
        await store.SaveProfileAsync(key, write(profile, start ? 0 : count), cancellationToken);
        if (start)
        {
            await AskConsentAsync(turn, reason, priority: 0, cancellationToken);
        }

        return start;
    }

    private async Task<bool> StartIfAskedAsync(TurnContext turn, HandoffProfile profile, Intent intent, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        switch (intent.Kind)
        {
            case IntentKind.Crisis:
                await ReplyAsync(turn, texts.Get(HandoffTextKeys.EmergencyNumbers, language), null, cancellationToken);
                await AskConsentAsync(turn, HandoffReason.Crisis, CrisisPriority, cancellationToken);
                return true;
            case IntentKind.PeopleOnly:
                await store.SaveProfileAsync(turn.Conversation.Key, profile with { HumanOnly = true }, cancellationToken);
                await ReplyAsync(turn, texts.Get(HandoffTextKeys.HumanOnlyChosen, language), null, cancellationToken);
                await AskConsentAsync(turn, HandoffReason.HumanOnly, 0, cancellationToken);
                return true;
            case IntentKind.AskForPerson:
                if (intent.AsksWhatTheBotIs)
                {
                    // Asked whether a machine answers: say so plainly before offering the person.
                    await ReplyAsync(turn, texts.Get(HandoffTextKeys.NotAPerson, language), null, cancellationToken);
                }

                await AskConsentAsync(turn, HandoffReason.Request, 0, cancellationToken);
                return true;
            case IntentKind.Feedback or IntentKind.DeleteHistory:
                return false;
            case IntentKind.Cancel when profile.HumanOnly:
                // The citizen says otherwise: the assistant answers again.
                await EndPeopleOnlyAsync(turn.Conversation.Key, cancellationToken);
                await ReplyAsync(turn, texts.Get(HandoffTextKeys.Cancelled, language), null, cancellationToken);
                return true;
            default:
                if (!profile.HumanOnly)
                {
                    return false;
                }

                await AskConsentAsync(turn, HandoffReason.HumanOnly, 0, cancellationToken);
                return true;
        }
    }

    private async Task AskConsentAsync(TurnContext turn, HandoffReason reason, int priority, CancellationToken cancellationToken)
    {
        var handoffCase = await store.CreateAsync(turn.Conversation.Key, reason, priority, turn.Language, cancellationToken);
        telemetry.CountHandoff(reason.ToString());
        logger.LogInformation(
            "Handoff {CaseId} requested ({Reason}, priority {Priority}) in conversation {ConversationId}",
            handoffCase.Id,
            reason,
            priority,
            turn.Conversation.Key.ConversationId);
        await ReplyAsync(turn, texts.Get(HandoffTextKeys.ConsentQuestion, turn.Language), YesNoCancel(turn.Language), cancellationToken);
    }

    private async Task<bool> ContinueAsync(TurnContext turn, HandoffCase handoffCase, Intent intent, bool peopleOnly, CancellationToken cancellationToken)
    {
        var text = turn.Activity.Text ?? "";
        var language = turn.Language;
        var cancel = intent.Kind == IntentKind.Cancel;
        var yes = intent.Kind == IntentKind.Confirm;
        var no = intent.Kind == IntentKind.Decline;
        switch (handoffCase.State)
        {
            case HandoffState.ConsentAsked or HandoffState.CallbackOffered or HandoffState.CallbackConsentAsked when AsksSomethingElse(intent) && !peopleOnly:
                // The citizen asked a question instead of answering ours: the offer lapses and the bot answers.
                return !await WithdrawAsync(handoffCase, cancellationToken);
            case HandoffState.ConsentAsked when cancel:
                await CancelAsync(turn, handoffCase, HandoffTextKeys.Cancelled, cancellationToken);
                break;
            case HandoffState.ConsentAsked when yes || no:
                await AnswerConsentAsync(turn, handoffCase, yes, cancellationToken);
                break;
            case HandoffState.ConsentAsked:
                await ReplyAsync(turn, texts.Get(HandoffTextKeys.ConsentReminder, language), YesNoCancel(language), cancellationToken);
                break;
            case HandoffState.Queued when cancel:
                await CancelAsync(turn, handoffCase, HandoffTextKeys.Cancelled, cancellationToken);
                await queue.RefreshAsync(cancellationToken);
                break;
            case HandoffState.Queued:
                await ReplyAsync(turn, texts.Get(HandoffTextKeys.StillWaiting, language), [texts.Get(HandoffTextKeys.Cancel, language)], cancellationToken);
                break;
            case HandoffState.Accepted when cancel:
                if (await store.MoveAsync(handoffCase.Id, [HandoffState.Accepted], HandoffState.Completed, null, cancellationToken))
                {
                    await store.RecordActionAsync(handoffCase.Id, "citizen", "ended", cancellationToken);
                    await EndPeopleOnlyAsync(turn.Conversation.Key, cancellationToken);
                    await protocol.StatusAsync(handoffCase, HandoffStatus.Completed, cancellationToken);
                    await ReplyAsync(turn, texts.Get(HandoffTextKeys.BackToBot, language), null, cancellationToken);
                    await queue.RefreshAsync(cancellationToken);
                }

                break;
            case HandoffState.Accepted:
                // Staff serve this conversation now; they read the message in the transcript, the bot stays silent.
                await protocol.CitizenMessageAsync(handoffCase, turn.Activity.Text, cancellationToken);
                await desks.CitizenWroteAsync(handoffCase.Id, cancellationToken);
                break;
            case HandoffState.CallbackOffered when cancel || no:
            case HandoffState.CallbackConsentAsked when cancel || no:
                await CancelAsync(turn, handoffCase, HandoffTextKeys.OtherWays, cancellationToken);
                break;
            case HandoffState.CallbackOffered when yes || intent.AsksForCallback:
                await MoveAndAskAsync(turn, handoffCase, HandoffState.CallbackConsentAsked, CallbackConsentQuestion(language), YesNoCancel(language), cancellationToken);
                break;
            case HandoffState.CallbackConsentAsked when yes:
                await MoveAndAskAsync(
                    turn, handoffCase, HandoffState.CallbackContactAsked, texts.Get(HandoffTextKeys.CallbackContactQuestion, language),
                    [texts.Get(HandoffTextKeys.Cancel, language)], cancellationToken);
                break;
            case HandoffState.CallbackOffered:
            case HandoffState.CallbackConsentAsked:
                await ReplyAsync(turn, texts.Get(HandoffTextKeys.ConsentReminder, language), YesNoCancel(language), cancellationToken);
                break;
            case HandoffState.CallbackContactAsked when cancel:
                await CancelAsync(turn, handoffCase, HandoffTextKeys.OtherWays, cancellationToken);
                break;
            case HandoffState.CallbackContactAsked:
                await store.SaveCallbackRequestAsync(handoffCase.Id, text, options.Value.CallbackRetentionDays, cancellationToken);
                await store.MoveAsync(handoffCase.Id, [HandoffState.CallbackContactAsked], HandoffState.CallbackRequested, null, cancellationToken);
                logger.LogInformation("Handoff {CaseId} ended with a callback request", handoffCase.Id);
                await ReplyAsync(turn, CallbackConfirmed(language), null, cancellationToken);
                break;
        }

        return true;
    }

    private async Task AnswerConsentAsync(TurnContext turn, HandoffCase handoffCase, bool consent, CancellationToken cancellationToken)
    {
        // Without consent staff see only what comes after this answer.
        var visibleFrom = consent ? -1 : (await conversations.FindAsync(turn.Conversation.Key, cancellationToken))!.LastSequence;
        var changes = new CaseChanges(Consent: consent, VisibleFromSequence: visibleFrom);
        if (!officeHours.IsOpen())
        {
            if (await store.MoveAsync(handoffCase.Id, [HandoffState.ConsentAsked], HandoffState.CallbackOffered, changes, cancellationToken))
            {
                await ReplyAsync(turn, texts.Get(HandoffTextKeys.OutsideOfficeHours, turn.Language), CallbackOrCancel(turn.Language), cancellationToken);
            }

            return;
        }

        if (!await store.MoveAsync(handoffCase.Id, [HandoffState.ConsentAsked], HandoffState.Queued, changes, cancellationToken))
        {
            return;
        }

        await ReplyAsync(turn, texts.Get(HandoffTextKeys.Queued, turn.Language), null, cancellationToken);
        await protocol.InitiateAsync((await store.FindAsync(handoffCase.Id, cancellationToken))!, cancellationToken);
        await queue.RefreshAsync(cancellationToken);
    }

    /// <summary>The buttons under a callback offer: in the turn outside office hours, and from the background check when nobody accepted in time.</summary>
    public string[] CallbackOrCancel(string language) =>
        [texts.Get(HandoffTextKeys.RequestCallback, language), texts.Get(HandoffTextKeys.Cancel, language)];

    /// <summary>Cancelling takes the citizen back to the assistant, which ends a choice of people only (the texts say so).</summary>
    private async Task CancelAsync(TurnContext turn, HandoffCase handoffCase, string textKey, CancellationToken cancellationToken)
    {
        if (await store.MoveAsync(handoffCase.Id, [handoffCase.State], HandoffState.Cancelled, null, cancellationToken))
        {
            await store.RecordActionAsync(handoffCase.Id, "citizen", "cancelled", cancellationToken);
            await EndPeopleOnlyAsync(turn.Conversation.Key, cancellationToken);
            await protocol.CancelledAsync(handoffCase, cancellationToken);
            await ReplyAsync(turn, texts.Get(textKey, turn.Language), null, cancellationToken);
        }
    }

    private async Task EndPeopleOnlyAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        var profile = await store.ProfileAsync(key, cancellationToken);
        if (profile.HumanOnly)
        {
            await store.SaveProfileAsync(key, profile with { HumanOnly = false }, cancellationToken);
        }
    }

    private async Task MoveAndAskAsync(
        TurnContext turn, HandoffCase handoffCase, HandoffState to, string question, IReadOnlyList<string> buttons, CancellationToken cancellationToken)
    {
        if (await store.MoveAsync(handoffCase.Id, [handoffCase.State], to, null, cancellationToken))
        {
            await ReplyAsync(turn, question, buttons, cancellationToken);
        }
    }

    private string CallbackConsentQuestion(string language) =>
        texts.Get(HandoffTextKeys.CallbackConsentQuestion, language)
            .Replace("{Days}", options.Value.CallbackRetentionDays.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private string CallbackConfirmed(string language) =>
        texts.Get(HandoffTextKeys.CallbackConfirmed, language)
            .Replace("{Days}", options.Value.CallbackRetentionDays.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A question of its own while the bot waits for yes or no: a service question, a picked service, other wording.</summary>
    private static bool AsksSomethingElse(Intent intent) =>
        intent.Kind is IntentKind.ServiceQuestion or IntentKind.ChosenService or IntentKind.OtherWording;

    /// <summary>Closes an offer the citizen left unanswered; false when it had moved on meanwhile (staff accepted, say).</summary>
    private async Task<bool> WithdrawAsync(HandoffCase handoffCase, CancellationToken cancellationToken)
    {
        if (!await store.MoveAsync(handoffCase.Id, [handoffCase.State], HandoffState.Cancelled, null, cancellationToken))
        {
            return false;
        }

        await store.RecordActionAsync(handoffCase.Id, "citizen", "withdrawn", cancellationToken);
        await protocol.CancelledAsync(handoffCase, cancellationToken);
        return true;
    }

    private string[] YesNoCancel(string language) =>
        [texts.Get(HandoffTextKeys.Yes, language), texts.Get(HandoffTextKeys.No, language), texts.Get(HandoffTextKeys.Cancel, language)];

    private static Task<StoredActivity> ReplyAsync(TurnContext turn, string text, IReadOnlyList<string>? buttons, CancellationToken cancellationToken)
    {
        var reply = turn.Activity.CreateReply(text);
        reply.TextFormat = "markdown";
        reply.Locale = turn.Language;
        reply.SuggestedActions = CitizenMessenger.Buttons(buttons);
        return turn.SendAsync(reply, cancellationToken);
    }
}
