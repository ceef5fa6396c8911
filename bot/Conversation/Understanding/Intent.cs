using CitizenBot.Answering;
using CitizenBot.Insights;
using CitizenBot.Knowledge.Search;

namespace CitizenBot.Conversation.Understanding;

/// <summary>What one citizen message asks of the bot; exactly one per message.</summary>
public enum IntentKind
{
    /// <summary>A question the city's service descriptions answer.</summary>
    ServiceQuestion,

    /// <summary>A click on one of the services the bot offered.</summary>
    ChosenService,

    /// <summary>"Nicht das Richtige?": the citizen wants the other services that fitted.</summary>
    RunnersUp,

    /// <summary>None of the offered services: the citizen will say it in other words.</summary>
    SomethingElse,

    AskForPerson,

    /// <summary>People only, no AI at all, for the rest of the conversation.</summary>
    PeopleOnly,

    /// <summary>Danger to life or limb: emergency numbers first, then a person.</summary>
    Crisis,

    Feedback,
    DeleteHistory,

    /// <summary>The last answer again in simpler words or another language.</summary>
    OtherWording,

    /// <summary>An attempt to make the bot reveal its instructions, play a role, insult, or say what it is told.</summary>
    Injection,

    /// <summary>Greeting, thanks, goodbye, or a question about what the bot is.</summary>
    SmallTalk,

    /// <summary>Nothing the city's services answer: another place or authority, or too little of the question explained.</summary>
    OutOfScope,

    /// <summary>Yes, no or cancel as the whole message: an answer to the bot's last question.</summary>
    Confirm,
    Decline,
    Cancel,

    /// <summary>No words at all.</summary>
    Empty,
}

public enum SmallTalkKind
{
    Greeting,
    Thanks,
    Goodbye,

    /// <summary>"Wer bist du?", "what can you do?": answered with what the bot is.</summary>
    AboutBot,
}

/// <summary>
/// One message's intent with the evidence it was decided on (rule and words, never the citizen's whole text), and what the
/// feature that acts on it needs: the search's candidates for a service question, the vote for feedback, the style asked for.
/// </summary>
public sealed record Intent(IntentKind Kind, string Evidence)
{
    /// <summary>For a service question or a chosen service: the question as the search saw it (personal data redacted).</summary>
    public string Question { get; init; } = "";

    public SearchResults Candidates { get; init; } = SearchResults.None;

    /// <summary>Share of the question's informative words (weighted by rarity) that the leading service explains.</summary>
    public double Support { get; init; }

    public string? KnowledgeId { get; init; }

    public FeedbackVote? Vote { get; init; }

    public AnswerStyle Style { get; init; } = AnswerStyle.Standard;

    public SmallTalkKind SmallTalk { get; init; }

    /// <summary>For a question out of scope: the other town or authority it is meant for.</summary>
    public string? Elsewhere { get; init; }

    /// <summary>For a request for a person: the citizen asked to be called back.</summary>
    public bool AsksForCallback { get; init; }

    /// <summary>For a request for a person: the citizen asked whether a person or a machine is answering.</summary>
    public bool AsksWhatTheBotIs { get; init; }

    public bool HandsOver => Kind is IntentKind.AskForPerson or IntentKind.PeopleOnly or IntentKind.Crisis;

    public static Intent Of(IntentKind kind, string evidence) => new(kind, evidence);
}
