using System.Text.Json.Nodes;
using CitizenBot.Channels.BotFramework;
using CitizenBot.Conversation;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>
/// The handoff.status event an agent hub sends on its Bot Framework channel in answer to handoff.initiate. It counts only
/// when Azure Bot Service vouched for the channel (signed token on /api/messages) and an operator named that channel a hub
/// in Handoff:TrustedHubChannels; anyone else, above all a Direct Line or Web Chat client, is ignored without effect.
/// </summary>
public sealed class AgentHubEvents(HandoffStore store, HandoffStatusReceiver statuses, IOptions<HandoffOptions> options, ILogger<AgentHubEvents> logger)
{
    public static bool IsStatus(TurnContext turn) => string.Equals(turn.Activity.Name, HandoffProtocol.StatusEvent, StringComparison.Ordinal);

    public async Task ReceiveStatusAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var key = turn.Conversation.Key;
        if (!IsTrustedHub(turn))
        {
            // Nothing of the event's value is logged: whoever forged it chose its content.
            logger.LogWarning(
                "Ignored a {EventName} event from untrusted {Transport} channel {ChannelId} in conversation {ConversationId}",
                HandoffProtocol.StatusEvent,
                key.Transport,
                turn.Activity.ChannelId,
                key.ConversationId);
            return;
        }

        var state = turn.Activity.Value is JsonObject value && value["state"] is JsonValue stateValue && stateValue.TryGetValue<string>(out var text) ? text : null;
        var open = await store.FindOpenAsync(key, cancellationToken);
        if (open is null)
        {
            logger.LogWarning("Ignored a {EventName} event in conversation {ConversationId} without an open handoff", HandoffProtocol.StatusEvent, key.ConversationId);
            return;
        }

        var hub = new StaffMember($"{turn.Activity.ChannelId} hub", Supervises: true);
        if (await statuses.ApplyAsync(open.Id, state, hub, cancellationToken) is { } problem)
        {
            logger.LogWarning(
                "Ignored a {EventName} event from agent hub {ChannelId} for handoff {CaseId}: {Code}",
                HandoffProtocol.StatusEvent,
                turn.Activity.ChannelId,
                open.Id,
                problem.Code);
            return;
        }

        logger.LogInformation("Agent hub {ChannelId} moved handoff {CaseId} with {EventName} {State}", turn.Activity.ChannelId, open.Id, HandoffProtocol.StatusEvent, state);
    }

    private bool IsTrustedHub(TurnContext turn) =>
        turn.Conversation.Key.Transport == BotFrameworkEndpoints.Transport
        && turn.Activity.ChannelId is { Length: > 0 } channelId
        && string.Equals(channelId, turn.Conversation.ChannelId, StringComparison.OrdinalIgnoreCase)
        && options.Value.TrustedHubChannels.Contains(channelId, StringComparer.OrdinalIgnoreCase);
}
