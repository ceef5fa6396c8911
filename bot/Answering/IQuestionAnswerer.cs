using CitizenBot.Knowledge.Search;

namespace CitizenBot.Answering;

/// <summary>A citizen's question in the conversation's language; <paramref name="KnowledgeId"/> when they picked a service we offered; <paramref name="Style"/> when they asked for other wording.</summary>
public sealed record Question(string Text, string Language, string? KnowledgeId = null, AnswerStyle Style = AnswerStyle.Standard)
{
    /// <summary>The services the understanding step found for the question; null lets the answerer search itself.</summary>
    public SearchResults? Candidates { get; init; }

    /// <summary>Services to offer instead of answering: the runners-up of the last answer ("nicht das Richtige?").</summary>
    public IReadOnlyList<string> Alternatives { get; init; } = [];
}

/// <summary>How the citizen wants the answer worded; anything but Standard needs the language model.</summary>
public enum AnswerStyle
{
    Standard,

    /// <summary>Einfache Sprache: short sentences, everyday words.</summary>
    Simple,

    /// <summary>In the question's language although the sources are German.</summary>
    Translated,

    /// <summary>Leichte Sprache, by the rules of the Netzwerk Leichte Sprache: stricter than Einfache Sprache.</summary>
    EasyGerman,
}

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

    /// <summary>The language model can word this answer more simply on request.</summary>
    public bool OffersSimplerWording { get; init; }

    /// <summary>The citizen writes another language and gets the German source quoted: a person is offered beside it.</summary>
    public bool QuotedInGerman { get; init; }
}

public enum AnswerKind
{
    Service,
    AskBack,
    NoReliableAnswer,
    HumanOffer,
    Refusal,
    EmptyQuestion,

    /// <summary>Other wording was asked for, but no language model is switched on.</summary>
    StyleUnavailable,
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

    /// <summary>The same, showing the answer as it grows where the channel can (<paramref name="drafts"/>); the returned answer is final.</summary>
    Task<Answer> AnswerAsync(Question question, IAnswerDrafts drafts, CancellationToken cancellationToken) => AnswerAsync(question, cancellationToken);
}

/// <summary>Where a growing answer is shown before it is final; each draft replaces the one before.</summary>
public interface IAnswerDrafts
{
    Task ShowAsync(string draft, CancellationToken cancellationToken);
}
