namespace CitizenBot.Answering;

/// <summary>A citizen's question in the conversation's language; <paramref name="KnowledgeId"/> when they picked a service we offered.</summary>
public sealed record Question(string Text, string Language, string? KnowledgeId = null);

/// <summary>What the bot says back, where it comes from and how sure it is.</summary>
public sealed record Answer(string Text)
{
    public AnswerKind Kind { get; init; } = AnswerKind.Service;

    /// <summary>The service descriptions the answer quotes; empty when the bot does not answer from a source.</summary>
    public IReadOnlyList<Citation> Citations { get; init; } = [];

    /// <summary>Calibrated probability (0–1) that the chosen service is the right one.</summary>
    public double Confidence { get; init; }

    /// <summary>Services to pick from when several fit about equally well.</summary>
    public IReadOnlyList<AnswerChoice> Choices { get; init; } = [];

    /// <summary>The services the search ranked, best first (for evaluation and analytics, never shown).</summary>
    public IReadOnlyList<string> RankedServiceIds { get; init; } = [];
}

public enum AnswerKind
{
    Service,
    AskBack,
    NoReliableAnswer,
    HumanOffer,
    Refusal,
    EmptyQuestion,

    /// <summary>The citizen asked whether the bot is a person: it says honestly that it is an AI system.</summary>
    AiDisclosure,
}

/// <summary>A quoted service description: shown by Web Chat as a citation of the message.</summary>
public sealed record Citation(int Position, string KnowledgeId, string Title, Uri Url, string Abstract);

/// <summary>One service offered in an ask-back.</summary>
public sealed record AnswerChoice(string KnowledgeId, string Title);

/// <summary>Turns a question into an answer; Conversation/ decides when to ask.</summary>
public interface IQuestionAnswerer
{
    Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken);
}
