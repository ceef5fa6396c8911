using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using CitizenBot.FunctionalTests.Handoff;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Handoff;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CitizenBot.FunctionalTests.Storage;

/// <summary>Two bot replicas (A and B, each its own process-like host and data folder) sharing one PostgreSQL database.</summary>
[Collection(UsesPostgres.Name)]
public sealed class ReplicaTests(PostgresServer postgres)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_message_posted_to_replica_A_is_answered_on_a_WebSocket_opened_on_replica_B()
    {
        var settings = await postgres.FreshDatabaseSettingsAsync();
        using var a = new CitizenBotFactory(settings: settings);
        using var b = new CitizenBotFactory(settings: settings);
        var client = await DirectLineTestClient.FromWebChatTokenAsync(a.CreateClient());
        var conversation = await client.StartConversationAsync();

        using var stream = await DirectLineSocketClient.ConnectAsync(b.Server, conversation["streamUrl"]!.GetValue<string>());
        var postedId = (await (await client.PostMessageAsync(conversation.ConversationId(), "Was kostet ein Reisepass?")).ReadObjectAsync())["id"]!.GetValue<string>();

        var pushed = await stream.ReceiveUntilAsync(activity => activity.IsBotReplyTo(postedId));
        pushed.ShouldContain(activity => activity.Id() == postedId && activity.Text() == "Was kostet ein Reisepass?");
        pushed.Last().HasAiLabel().ShouldBeTrue();
    }

    [Fact]
    public async Task After_a_database_restart_replica_B_still_pushes_what_replica_A_answers()
    {
        var settings = await postgres.FreshDatabaseSettingsAsync();
        using var a = new CitizenBotFactory(settings: settings);
        using var b = new CitizenBotFactory(settings: settings);
        var client = await DirectLineTestClient.FromWebChatTokenAsync(a.CreateClient());
        var conversation = await client.StartConversationAsync();
        using var stream = await DirectLineSocketClient.ConnectAsync(b.Server, conversation["streamUrl"]!.GetValue<string>());
        await stream.ReceiveSetAsync();

        await postgres.Server.RestartAsync();
        var postedId = await PostUntilAcceptedAsync(client, conversation.ConversationId(), "Was kostet ein Personalausweis?");

        var pushed = await stream.ReceiveUntilAsync(activity => activity.IsBotReplyTo(postedId));
        pushed.Count(activity => activity.Id() == postedId).ShouldBe(1);
        pushed.Count(activity => activity.IsBotReplyTo(postedId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_handoff_accepted_on_replica_A_is_seen_as_accepted_on_replica_B_by_store_and_desk()
    {
        var settings = await postgres.FreshDatabaseSettingsAsync();
        using var a = new HandoffBot(settings: settings);
        using var b = new HandoffBot(settings: settings);
        var cases = Channel.CreateUnbounded<JsonElement>();
        // Signed in on A, watching on B: the sign-in cookie's keys are shared through the database too.
        await using var deskOnB = await ConnectDeskAsync(b, await SignInCookieAsync(a, "agent2"));
        deskOnB.On<JsonElement>("cases", list => cases.Writer.TryWrite(list));
        await deskOnB.StartAsync();

        var (_, caseId) = await AgentDeskTests.QueuedCitizenAsync(a);
        await UntilAsync(cases, list => list.EnumerateArray().Any(c => c.GetProperty("id").GetString() == caseId && c.GetProperty("state").GetString() == "Queued"));
        var agentOnA = await AgentDeskTests.SignInAsync(a, "agent1");
        (await agentOnA.PostAsync($"/api/agent/cases/{caseId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await UntilAsync(cases, list => list.EnumerateArray().Any(c => c.GetProperty("id").GetString() == caseId && c.GetProperty("agent").GetString() == "agent1"));
        var seenOnB = (await b.Services.GetRequiredService<HandoffStore>().FindAsync(caseId, CancellationToken.None))!;
        seenOnB.State.ShouldBe(HandoffState.Accepted);
        seenOnB.Agent.ShouldBe("agent1");
        var lateAgentOnB = await AgentDeskTests.SignInAsync(b, "agent2");
        (await lateAgentOnB.PostAsync($"/api/agent/cases/{caseId}/accept", null)).IsSuccessStatusCode.ShouldBeFalse();
    }

    [Fact]
    public async Task Two_replicas_starting_together_migrate_the_database_once()
    {
        var settings = await postgres.FreshDatabaseSettingsAsync();
        using var a = new CitizenBotFactory(settings: settings);
        using var b = new CitizenBotFactory(settings: settings);

        var clients = await Task.WhenAll(Task.Run(a.CreateClient), Task.Run(b.CreateClient));

        foreach (var client in clients)
        {
            (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await using var connection = new NpgsqlConnection(settings["Storage:ConnectionString"]);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version", connection);
        var versions = new List<int>();
        await using (var reader = await query.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                versions.Add(reader.GetInt32(0));
            }
        }

        versions.ShouldBe(Enumerable.Range(1, 9));
    }

    [Fact]
    public void Choosing_PostgreSQL_without_a_connection_string_stops_the_start_and_names_the_setting()
    {
        using var factory = new CitizenBotFactory(settings: new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSql" });

        var refused = Should.Throw<OptionsValidationException>(() => factory.CreateClient());

        refused.Message.ShouldContain("Storage:ConnectionString is required when Storage:Provider is PostgreSql");
    }

    /// <summary>Web Chat retries a post that failed (here: while the database restarted) with the same client activity id.</summary>
    private static async Task<string> PostUntilAcceptedAsync(DirectLineTestClient client, string conversationId, string text)
    {
        var clientActivityId = Guid.NewGuid().ToString("N");
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var response = await client.PostMessageAsync(conversationId, text, clientActivityId);
            if (response.IsSuccessStatusCode)
            {
                return (await response.ReadObjectAsync())["id"]!.GetValue<string>();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException("Replica A did not take the post within 20 attempts after the restart.");
    }

    private static async Task<string> SignInCookieAsync(HandoffBot bot, string staff)
    {
        var signIn = await bot.NewBrowser().PostAsJsonAsync("/api/staff/signin", new { name = staff, password = StaffAccounts.Password });
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        return signIn.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith("CitizenBot.Staff=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static Task<HubConnection> ConnectDeskAsync(HandoffBot bot, string cookie) => Task.FromResult(new HubConnectionBuilder()
        .WithUrl(new Uri(bot.Server.BaseAddress, "/api/agent/hub"), options =>
        {
            options.Transports = HttpTransportType.LongPolling;
            options.HttpMessageHandlerFactory = _ => bot.Server.CreateHandler();
            options.Headers["Cookie"] = cookie;
        })
        .Build());

    private static async Task<JsonElement> UntilAsync(Channel<JsonElement> channel, Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            var list = await channel.Reader.ReadAsync(timeout.Token);
            if (match(list))
            {
                return list;
            }
        }
    }
}
