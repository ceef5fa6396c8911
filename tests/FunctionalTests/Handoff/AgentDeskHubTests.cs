using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>The agent console's live line: the case list arrives on connect and again whenever the queue changes; only staff may listen.</summary>
public sealed class AgentDeskHubTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly HandoffBot _bot = new();

    [Fact]
    public async Task A_signed_in_agent_sees_the_queue_live_as_citizens_join_and_are_accepted()
    {
        var cases = Channel.CreateUnbounded<JsonElement>();
        var wrote = Channel.CreateUnbounded<string>();
        await using var hub = await ConnectAsync("agent1");
        hub.On<JsonElement>("cases", list => cases.Writer.TryWrite(list));
        hub.On<string>("citizenWrote", caseId => wrote.Writer.TryWrite(caseId));
        await hub.StartAsync();
        (await NextAsync(cases)).GetArrayLength().ShouldBe(0);

        var (citizen, caseId) = await AgentDeskTests.QueuedCitizenAsync(_bot);
        var waiting = await UntilAsync(cases, list => list.EnumerateArray().Any(c => c.GetProperty("id").GetString() == caseId));
        var entry = waiting.EnumerateArray().Single();
        entry.GetProperty("state").GetString().ShouldBe("Queued");
        entry.GetProperty("position").GetInt32().ShouldBe(1);

        var agent = await AgentDeskTests.SignInAsync(_bot, "agent1");
        (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await UntilAsync(cases, list => list.EnumerateArray().Any(c => c.GetProperty("state").GetString() == "Accepted"));
        await citizen.SayAsync("Hallo?");
        (await NextAsync(wrote)).ShouldBe(caseId);
    }

    [Fact]
    public async Task Without_a_desk_role_the_live_line_does_not_open()
    {
        await using var anonymous = await ConnectAsync(null);
        await using var editor = await ConnectAsync("editor");

        (await Should.ThrowAsync<HttpRequestException>(() => anonymous.StartAsync())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Should.ThrowAsync<HttpRequestException>(() => editor.StartAsync())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<HubConnection> ConnectAsync(string? staff)
    {
        string? cookie = null;
        if (staff is not null)
        {
            var signIn = await _bot.NewBrowser().PostAsJsonAsync("/api/staff/signin", new { name = staff, password = StaffAccounts.Password });
            cookie = signIn.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith("CitizenBot.Staff=", StringComparison.Ordinal)).Split(';')[0];
        }

        return new HubConnectionBuilder()
            .WithUrl(new Uri(_bot.Server.BaseAddress, "/api/agent/hub"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => _bot.Server.CreateHandler();
                if (cookie is not null)
                {
                    options.Headers["Cookie"] = cookie;
                }
            })
            .Build();
    }

    private static async Task<T> NextAsync<T>(Channel<T> channel)
    {
        using var timeout = new CancellationTokenSource(Bound);
        return await channel.Reader.ReadAsync(timeout.Token);
    }

    private static async Task<JsonElement> UntilAsync(Channel<JsonElement> channel, Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            var next = await channel.Reader.ReadAsync(timeout.Token);
            if (match(next))
            {
                return next;
            }
        }
    }

    public void Dispose() => _bot.Dispose();
}
