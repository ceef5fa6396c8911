using System.Text.Json.Serialization;
using CitizenBot.SharedKernel.Activities;

namespace CitizenBot.Channels.DirectLine;

/// <summary>The Conversation object of the Direct Line 3.0 API.</summary>
public sealed record DirectLineConversation(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl,
    string? ReferenceGrammarId = null);

/// <summary>A batch of activities and the watermark to ask from next time.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string? Watermark);

/// <summary>The id of a posted activity.</summary>
public sealed record ResourceResponse(string Id);

/// <summary>Optional body of tokens/generate: the user the token is for.</summary>
public sealed record TokenParameters(ChannelAccount? User);
