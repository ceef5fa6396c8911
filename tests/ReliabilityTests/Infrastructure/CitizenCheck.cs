using CitizenBot.LoadRunner;

namespace CitizenBot.ReliabilityTests.Infrastructure;

/// <summary>What a citizen would notice first: can I still open the chat, get the greeting and an answer to my question?</summary>
public static class CitizenCheck
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Starts a fresh conversation, asks one question and returns the number of replies to it (0 when none came).</summary>
    public static async Task<int> AskOneQuestionAsync(Uri bot, string secret, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = bot, Timeout = ReplyTimeout };
        var client = new DirectLineClient(http, secret);
        var conversation = await client.StartConversationAsync(await client.GenerateTokenAsync("dl_citizen_" + Guid.NewGuid().ToString("N")[..8], cancellationToken), cancellationToken);
        var replies = new PollingReplies(client, conversation, TimeSpan.FromMilliseconds(100));
        if (!await replies.WaitAsync(inbox => inbox.BotMessages >= 1, ReplyTimeout, cancellationToken))
        {
            return 0;
        }

        var id = await client.PostMessageAsync(conversation, "dl_citizen", "Wie beantrage ich einen Personalausweis?", Guid.NewGuid().ToString("N"), cancellationToken);
        return await replies.WaitAsync(inbox => inbox.ReplyArrivedAt(id) is not null, ReplyTimeout, cancellationToken) ? 1 + replies.Inbox.Duplicates : 0;
    }
}
