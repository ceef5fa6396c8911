using CitizenBot.Answering;
using CitizenBot.Conversation;
using CitizenBot.Privacy;

namespace CitizenBot.Insights;

/// <summary>Keeps what the figures need of each answered question: redacted wording, services, outcome and answer time, no personal data.</summary>
public sealed class AnswerLog(InsightsStore store, IPersonalDataRedactor redactor, TimeProvider time)
{
    /// <summary>Questions longer than this are cut; the editors need the gist, not an essay.</summary>
    private const int MaxQuestionLength = 500;

    /// <summary>Whether this kind of answer is a reply to a question (and so gets thumbs); an empty message is no question.</summary>
    public static bool Counts(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Kind != AnswerKind.EmptyQuestion;
    }

    public ValueTask RecordAsync(TurnContext turn, string reference, string activityId, Question question, Answer answer, TimeSpan took, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        var text = redactor.Redact(question.Text).Text.Trim();
        var sources = answer.Citations.Select(citation => citation.KnowledgeId).Distinct().ToList();
        var outcome = OutcomeOf(answer.Kind);
        return store.QueueAsync(
            new AnsweredTurn(
                reference,
                turn.Conversation.Key,
                activityId,
                time.GetUtcNow(),
                turn.Language,
                turn.Activity.ChannelId ?? turn.Conversation.ChannelId,
                outcome,
                text.Length > MaxQuestionLength ? text[..MaxQuestionLength] : text,
                outcome == Outcomes.Answered ? sources.FirstOrDefault() : null,
                sources,
                Math.Round(took.TotalMilliseconds, 1)),
            cancellationToken);
    }

    private static string OutcomeOf(AnswerKind kind) => kind switch
    {
        AnswerKind.Service => Outcomes.Answered,
        AnswerKind.AskBack => Outcomes.AskedBack,
        AnswerKind.NoReliableAnswer => Outcomes.Abstained,
        _ => Outcomes.Other,
    };
}
