namespace CitizenBot.Answering;

/// <summary>A citizen's question in the conversation's language.</summary>
public sealed record Question(string Text, string Language);

/// <summary>What the bot says back.</summary>
public sealed record Answer(string Text);

/// <summary>Turns a question into an answer; Conversation/ decides when to ask.</summary>
public interface IQuestionAnswerer
{
    Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken);
}
