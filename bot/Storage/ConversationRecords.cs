using CitizenBot.SharedKernel.Activities;

namespace CitizenBot.Storage;

/// <summary>Names a conversation across transports: our own Direct Line, the Bot Framework Connector, messengers.</summary>
public readonly record struct ConversationKey(string Transport, string ConversationId)
{
    public override string ToString() => $"{Transport}/{ConversationId}";
}

/// <summary>What the bot keeps about a conversation besides its activities.</summary>
public sealed record ConversationRecord(
    ConversationKey Key,
    string ChannelId,
    string? ServiceUrl,
    string? UserId,
    string? Locale,
    bool Started,
    long LastSequence,
    DateTimeOffset CreatedAt);

/// <summary>Which side of the conversation wrote an activity.</summary>
public enum ActivityDirection
{
    Inbound,
    Outbound,
}

/// <summary>An activity as stored, with its position (the Direct Line watermark) in the conversation.</summary>
public sealed record StoredActivity(long Sequence, ActivityDirection Direction, Activity Activity);

/// <summary>The result of appending: the stored activity, or the earlier one a retried client post duplicates.</summary>
public sealed record AppendResult(StoredActivity Stored, bool WasDuplicate);
