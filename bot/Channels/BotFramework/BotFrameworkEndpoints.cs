using CitizenBot.Conversation;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.BotFramework;

/// <summary>
/// POST /api/messages, where Azure Bot Service (Teams and its other channels) delivers activities.
/// Mapped only when BotFramework:Enabled is true; otherwise the route does not exist and the edge answers 404 problem+json.
/// </summary>
public static class BotFrameworkEndpoints
{
    public const string Transport = "botframework";
    public const string MessagesPath = "/api/messages";

    public static IEndpointRouteBuilder MapBotFramework(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.Enabled)
        {
            app.MapPost(MessagesPath, ReceiveAsync).WithTags("Azure Bot Service");
        }

        return app;
    }

    public static ConversationKey KeyOf(string conversationId) => new(Transport, conversationId);

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        BotFrameworkAuthenticator authenticator,
        ActivityReader reader,
        IConversationStore store,
        TurnProcessor turns,
        CancellationToken cancellationToken)
    {
        var (caller, refused) = await authenticator.AuthenticateAsync(request, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var (activity, invalid) = await reader.ReadAsync(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (activity!.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return ChannelProblems.BadRequest("MissingConversation", "The activity needs 'conversation.id'.");
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return ChannelProblems.BadRequest("MissingServiceUrl", "The activity needs the 'serviceUrl' to reply to.");
        }

        if (authenticator.Authorize(caller!, activity) is { } forbidden)
        {
            return forbidden;
        }

        var conversation = await store.EnsureAsync(
            KeyOf(conversationId), activity.ChannelId ?? Transport, activity.ServiceUrl, activity.From?.Id, activity.Locale, cancellationToken);
        await turns.ProcessAsync(conversation, activity, cancellationToken);
        // Azure Bot Service expects an empty success; replies travel separately through the Connector.
        return Results.Ok();
    }
}
