using CitizenBot.Storage;

namespace CitizenBot.Handoff;

/// <summary>
/// Where one request for a person stands. None → ConsentAsked → Queued → Accepted → Completed, or Cancelled by the
/// citizen, or (outside office hours, nobody accepting) CallbackOffered → CallbackConsentAsked → CallbackContactAsked →
/// CallbackRequested; Failed when it cannot go on.
/// </summary>
public enum HandoffState
{
    ConsentAsked,
    Queued,
    Accepted,
    Completed,
    Cancelled,
    CallbackOffered,
    CallbackConsentAsked,
    CallbackContactAsked,
    CallbackRequested,
    Failed,
}

/// <summary>Why the bot passed the citizen on.</summary>
public enum HandoffReason
{
    Request,
    HumanOnly,
    Crisis,
    Abstentions,
    NegativeFeedback,
}

/// <summary>One request for a person in one conversation, as stored.</summary>
public sealed record HandoffCase(
    string Id,
    ConversationKey Conversation,
    HandoffState State,
    HandoffReason Reason,
    int Priority,
    string Language,
    bool? Consent,
    long VisibleFromSequence,
    DateTimeOffset CreatedAt,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? AcceptedAt,
    string? Agent,
    DateTimeOffset? ClosedAt)
{
    public static IReadOnlyList<HandoffState> Open { get; } =
    [
        HandoffState.ConsentAsked, HandoffState.Queued, HandoffState.Accepted,
        HandoffState.CallbackOffered, HandoffState.CallbackConsentAsked, HandoffState.CallbackContactAsked,
    ];
}

/// <summary>What the handoff remembers about a conversation across its cases.</summary>
public sealed record HandoffProfile(bool HumanOnly, int AbstentionsInRow, int NegativeFeedbackInRow, string? LastActivityId);
