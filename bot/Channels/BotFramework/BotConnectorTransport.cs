using CitizenBot.Conversation;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;

namespace CitizenBot.Channels.BotFramework;

/// <summary>Delivers bot activities to Azure Bot Service conversations through the Bot Connector REST API (v3).</summary>
public sealed class BotConnectorTransport(IHttpClientFactory clients, ConnectorTokens tokens, ILogger<BotConnectorTransport> logger) : IReplyTransport
{
    public const string ConnectorClient = "BotFramework.Connector";

    public string Transport => BotFrameworkEndpoints.Transport;

    public async Task DeliverAsync(ConversationRecord conversation, StoredActivity activity, CancellationToken cancellationToken)
    {
        var serviceUrl = activity.Activity.ServiceUrl ?? conversation.ServiceUrl
            ?? throw new InvalidOperationException($"Conversation {conversation.Key} has no serviceUrl to reply to.");
        var path = $"v3/conversations/{Uri.EscapeDataString(conversation.Key.ConversationId)}/activities";
        if (activity.Activity.ReplyToId is { Length: > 0 } replyToId)
        {
            path += "/" + Uri.EscapeDataString(replyToId);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path))
        {
            Content = JsonContent.Create(activity.Activity, options: ActivityJson.Options),
        };
        request.Headers.Authorization = new("Bearer", await tokens.GetAsync(cancellationToken));

        using var response = await clients.CreateClient(ConnectorClient).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogError(
                "The Bot Connector refused activity {ActivityId} for conversation {ConversationId} with {StatusCode}",
                activity.Activity.Id,
                conversation.Key.ConversationId,
                (int)response.StatusCode);
            throw new HttpRequestException($"The Bot Connector answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }
}
