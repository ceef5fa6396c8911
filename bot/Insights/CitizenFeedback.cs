using CitizenBot.Conversation;
using CitizenBot.Handoff;
using CitizenBot.Privacy;
using CitizenBot.SharedKernel;
using CitizenBot.SharedKernel.Activities;

namespace CitizenBot.Insights;

/// <summary>
/// Takes a citizen's vote on an answer: only for an answer of this very conversation, the last vote counting once,
/// and two dislikes in a row offering a person.
/// </summary>
public sealed class CitizenFeedback(
    InsightsStore store,
    CitizenHandoff handoff,
    IPersonalDataRedactor redactor,
    CitizenTexts texts,
    TimeProvider time,
    ILogger<CitizenFeedback> logger)
{
    private const int MaxCommentLength = 1000;

    public async Task ReceiveAsync(TurnContext turn, FeedbackVote vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(vote);
        var conversationId = turn.Conversation.Key.ConversationId;
        var answer = vote.Reference is null || vote.Vote.Length == 0 ? null : await store.FindAsync(turn.Conversation.Key, vote.Reference, cancellationToken);
        if (answer is null)
        {
            logger.LogWarning(
                "Refused feedback {ActivityId} in conversation {ConversationId}: it names no answer of this conversation", turn.Activity.Id, conversationId);
            await turn.SendTextAsync(texts.Get(InsightsTextKeys.FeedbackNotForAnswer, turn.Language), cancellationToken);
            return;
        }

        var comment = vote.Comment is null ? null : redactor.Redact(vote.Comment).Text.Trim();
        await store.SaveVoteAsync(answer.Reference, vote.Vote, comment is { Length: > MaxCommentLength } ? comment[..MaxCommentLength] : comment, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Recorded {Vote} on answer {AnswerActivityId} in conversation {ConversationId}", vote.Vote, answer.ActivityId, conversationId);

        // The same vote again (a double click, a retried post) changes nothing, so it cannot add a dislike in a row.
        var offeredPerson = answer.Vote != vote.Vote
            && await handoff.RecordFeedbackAsync(turn, negative: vote.Vote == AnswerFeedback.Dislike, cancellationToken);
        if (turn.Activity.Type == ActivityTypes.Message && !offeredPerson)
        {
            await turn.SendTextAsync(texts.Get(InsightsTextKeys.FeedbackThanks, turn.Language), cancellationToken);
        }
    }
}
