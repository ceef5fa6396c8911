using System.Security.Cryptography;
using CitizenBot.Conversation;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.DirectLine;

/// <summary>Creates and starts Direct Line conversations, and passes posted activities to the bot.</summary>
public sealed class DirectLineConversations(
    IConversationStore store,
    TurnProcessor turns,
    DirectLineTokens tokens,
    IOptions<ChannelOptions> channelOptions,
    TimeProvider time)
{
    public const string Transport = "directline";
    public const string ChannelId = "directline";

    public static ConversationKey KeyOf(string conversationId) => new(Transport, conversationId);

    private ChannelAccount Bot => new() { Id = channelOptions.Value.BotId, Name = channelOptions.Value.BotName, Role = "bot" };

    /// <summary>Creates a conversation for one user and the token bound to both.</summary>
    public async Task<(ConversationRecord Conversation, string Token)> CreateAsync(
        string? userId, string? locale, string? secretName, string serviceUrl, CancellationToken cancellationToken)
    {
        var conversationId = RandomId(22);
        userId ??= "dl_" + RandomId(16);
        var conversation = await store.EnsureAsync(KeyOf(conversationId), ChannelId, serviceUrl, userId, locale, cancellationToken);
        return (conversation, tokens.Issue(new DirectLineGrant(conversationId, userId, secretName)));
    }

    /// <summary>Starts the conversation once: the bot hears that the user joined and greets before anything is typed.</summary>
    public async Task StartAsync(ConversationRecord conversation, CancellationToken cancellationToken)
    {
        if (!await store.MarkStartedAsync(conversation.Key, cancellationToken))
        {
            return;
        }

        var user = new ChannelAccount { Id = conversation.UserId, Role = "user" };
        await turns.ProcessAsync(conversation, new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            ChannelId = ChannelId,
            ServiceUrl = conversation.ServiceUrl,
            Conversation = new ConversationAccount { Id = conversation.Key.ConversationId },
            From = user,
            Recipient = Bot,
            MembersAdded = [Bot, user],
            Locale = conversation.Locale,
        }, cancellationToken);
    }

    /// <summary>Stamps a client's activity with what Direct Line vouches for (sender, conversation, time) and runs the turn.</summary>
    public async Task<string> PostAsync(ConversationRecord conversation, Activity activity, string userId, CancellationToken cancellationToken)
    {
        activity.Id = null;
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = conversation.ServiceUrl;
        activity.Timestamp = time.GetUtcNow();
        activity.Conversation = new ConversationAccount { Id = conversation.Key.ConversationId };
        activity.From = new ChannelAccount { Id = userId, Name = activity.From?.Name, Role = "user" };
        activity.Recipient = Bot;
        if (activity.Locale is { Length: > 0 } locale && locale != conversation.Locale)
        {
            await store.SetLocaleAsync(conversation.Key, locale, cancellationToken);
        }

        var stored = await turns.ProcessAsync(conversation, activity, cancellationToken);
        return stored.Activity.Id!;
    }

    private static string RandomId(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}

/// <summary>Direct Line delivers by storing: open WebSockets and polling clients read the conversation from the store.</summary>
public sealed class DirectLineTransport : IReplyTransport
{
    public string Transport => DirectLineConversations.Transport;

    public bool ShowsLivestreams => true;

    public Task DeliverAsync(ConversationRecord conversation, StoredActivity activity, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
