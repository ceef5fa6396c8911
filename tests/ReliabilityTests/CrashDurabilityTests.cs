using System.Text.Json;
using CitizenBot.LoadRunner;

namespace CitizenBot.ReliabilityTests;

/// <summary>
/// What the citizen has seen is kept: the bot process is killed (SIGKILL, no shutdown, nothing flushed) the moment the reply
/// reached the citizen's poll, and the restarted bot on the same SQLite data folder still holds that reply.
/// </summary>
public sealed class CrashDurabilityTests
{
    private static readonly TimeSpan TestBound = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task A_reply_the_citizen_has_seen_is_in_the_store_after_kill_9()
    {
        using var bound = new CancellationTokenSource(TestBound);
        var dataFolder = Directory.CreateTempSubdirectory("citizenbot-crash-").FullName;
        var secret = BotProcess.NewSecret();
        try
        {
            StartedConversation conversation;
            JsonElement seen;
            await using (var bot = await StartAsync(dataFolder, secret, bound.Token))
            {
                using var http = new HttpClient { BaseAddress = bot.BaseAddress };
                var client = new DirectLineClient(http, secret);
                conversation = await client.StartConversationAsync(await client.GenerateTokenAsync("dl_crash_citizen", bound.Token), bound.Token);
                var posted = await client.PostMessageAsync(conversation, "dl_crash_citizen", "Was kostet ein Reisepass?", Guid.NewGuid().ToString("N"), bound.Token);
                seen = await PollForReplyAsync(client, conversation, posted, bound.Token);
                bot.Kill();
            }

            await using var restarted = await StartAsync(dataFolder, secret, bound.Token);
            using var afterHttp = new HttpClient { BaseAddress = restarted.BaseAddress };
            using var transcript = await new DirectLineClient(afterHttp, secret).GetActivitiesAsync(conversation, null, bound.Token);
            var kept = transcript.RootElement.GetProperty("activities").EnumerateArray()
                .Where(activity => activity.GetProperty("id").GetString() == seen.GetProperty("id").GetString())
                .ToList();
            kept.ShouldHaveSingleItem().GetProperty("text").GetString().ShouldBe(seen.GetProperty("text").GetString());
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    private static Task<BotProcess> StartAsync(string dataFolder, string secret, CancellationToken cancellationToken) =>
        BotProcess.StartAsync(
            BotProcess.DefaultAssemblyPath,
            BotProcess.DefaultContentRoot,
            BotProcess.FreePort(5820, 5839),
            "Warning",
            new Dictionary<string, string>(),
            cancellationToken,
            secret: secret,
            dataFolder: dataFolder);

    /// <summary>Polls as Web Chat without a socket does, and returns the bot's reply to <paramref name="posted"/> as the citizen got it.</summary>
    private static async Task<JsonElement> PollForReplyAsync(DirectLineClient client, StartedConversation conversation, string posted, CancellationToken cancellationToken)
    {
        string? watermark = null;
        while (true)
        {
            using var set = await client.GetActivitiesAsync(conversation, watermark, cancellationToken);
            var reply = set.RootElement.GetProperty("activities").EnumerateArray()
                .Where(activity => activity.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() == posted)
                .Select(activity => activity.Clone())
                .FirstOrDefault();
            if (reply.ValueKind == JsonValueKind.Object)
            {
                return reply;
            }

            watermark = set.RootElement.TryGetProperty("watermark", out var next) ? next.GetString() : watermark;
            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
