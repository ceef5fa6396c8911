using System.Globalization;
using System.Net;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.Channels;

/// <summary>
/// One client flooding the bot gets 429 with Retry-After, per conversation and per client address, on every channel,
/// while other citizens go on being answered. Clients are told apart by X-Forwarded-For, as behind the city's proxy.
/// </summary>
public sealed class CitizenRateLimitTests : IAsyncLifetime, IDisposable
{
    private const string Flooder = "203.0.113.66";
    private const string OtherCitizen = "198.51.100.7";
    private FakeTelegramBotApi _telegram = null!;
    private FakeMatrixHomeserver _homeserver = null!;
    private CitizenBotFactory _shipped = null!;
    private WebApplicationFactory<Program> _bot = null!;

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramBotApi.StartAsync();
        _homeserver = await FakeMatrixHomeserver.StartAsync();
        // The limits as shipped in appsettings.json: nothing here raises or lowers them.
        _shipped = new CitizenBotFactory(
            settings: FakeTelegramBotApi.Settings(_telegram).Concat(FakeMatrixHomeserver.Settings(_homeserver)).ToDictionary(),
            rateLimitsAsShipped: true);
        _bot = BehindTheCityProxy(_shipped);
    }

    [Fact]
    public async Task A_conversation_flooding_messages_gets_429_with_retry_after_while_another_citizen_is_answered()
    {
        var flooder = await StartAsync(Flooder);
        var citizen = await StartAsync(OtherCitizen);

        var posted = new List<HttpResponseMessage>();
        for (var message = 1; message <= 21; message++)
        {
            posted.Add(await flooder.Client.PostMessageAsync(flooder.Id, $"Frage {message}"));
        }

        var answered = await citizen.Client.PostMessageAsync(citizen.Id, "Was kostet ein Reisepass?");

        posted.Take(20).ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
        await posted[20].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "TooManyRequests");
        posted[20].Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await citizen.Client.WaitForBotMessagesAsync(citizen.Id, 2))[1].Text()!.ShouldContain("Reisepass");
    }

    [Fact]
    public async Task The_token_endpoint_gives_one_address_sixty_new_conversations_a_minute_and_other_addresses_theirs()
    {
        var tokens = new List<HttpResponseMessage>();
        for (var token = 1; token <= 61; token++)
        {
            tokens.Add(await From(Flooder).PostAsync("/api/webchat/token", null));
        }

        var elsewhere = await From(OtherCitizen).PostAsync("/api/webchat/token", null);

        tokens.Take(60).ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
        await tokens[60].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "TooManyRequests");
        tokens[60].Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Starting_conversations_counts_against_the_same_limit_but_a_city_token_server_holding_the_secret_does_not()
    {
        var tokens = new List<string>();
        for (var token = 1; token <= 30; token++)
        {
            tokens.Add((await (await From(Flooder).PostAsync("/api/webchat/token", null)).ReadObjectAsync())["token"]!.GetValue<string>());
        }

        var starts = new List<HttpResponseMessage>();
        foreach (var token in tokens.Append(tokens[0]))
        {
            starts.Add(await new DirectLineTestClient(From(Flooder), token).SendAsync(HttpMethod.Post, "/v3/directline/conversations"));
        }

        var tokenServer = new List<HttpResponseMessage>();
        for (var generated = 1; generated <= 70; generated++)
        {
            tokenServer.Add(await new DirectLineTestClient(From(Flooder), CitizenBotFactory.Secret).SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate"));
        }

        starts.Take(30).ShouldAllBe(response => response.IsSuccessStatusCode);
        await starts[30].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "TooManyRequests");
        tokenServer.ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task One_address_posting_in_many_conversations_is_limited_per_address()
    {
        using var strict = BehindTheCityProxy(new CitizenBotFactory(settings: new Dictionary<string, string?> { ["RateLimits:MessagesPerMinutePerClient"] = "5" }));
        var conversations = new List<(DirectLineTestClient Client, string Id)>();
        for (var conversation = 0; conversation < 3; conversation++)
        {
            conversations.Add(await StartAsync(strict, Flooder));
        }

        var posted = new List<HttpResponseMessage>();
        foreach (var (client, id) in conversations)
        {
            posted.Add(await client.PostMessageAsync(id, "Was kostet ein Reisepass?"));
            posted.Add(await client.PostMessageAsync(id, "Und ein Personalausweis?"));
        }

        var citizen = await StartAsync(strict, OtherCitizen);
        var answered = await citizen.Client.PostMessageAsync(citizen.Id, "Was kostet ein Reisepass?");

        posted.Take(5).ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
        await posted[5].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "TooManyRequests");
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_telegram_chat_over_its_limit_gets_429_so_telegram_delivers_later_while_another_chat_is_answered()
    {
        var http = _bot.CreateClient();
        var updates = new List<HttpResponseMessage>();
        for (var message = 1; message <= 21; message++)
        {
            updates.Add(await FakeTelegramBotApi.PostUpdateAsync(http, _telegram.TextUpdate($"Frage {message}")));
        }

        var other = await FakeTelegramBotApi.PostUpdateAsync(http, _telegram.TextUpdate("Was kostet ein Reisepass?", chatId: 4712));

        updates.Take(20).ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
        await updates[20].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "TooManyRequests");
        updates[20].Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
        FakeTelegramBotApi.Visible(_telegram.SentMessages.Last(message => message["chat_id"]!.GetValue<long>() == 4712)).ShouldContain("Reisepass");
        (await CitizenMessagesAsync("telegram", FakeTelegramBotApi.ChatId.ToString(CultureInfo.InvariantCulture)))
            .ShouldBe(Enumerable.Range(1, 20).Select(message => $"Frage {message}"), "the refused update is not taken in; Telegram delivers it again");
    }

    [Fact]
    public async Task A_matrix_room_over_its_limit_is_told_once_and_not_answered_while_another_room_is_answered_in_the_same_transaction()
    {
        var http = _bot.CreateClient();
        const string otherRoom = "!nachbarin:matrix.stadt.test";
        var flood = Enumerable.Range(1, 25).Select(message => FakeMatrixHomeserver.TextMessage($"Frage {message}")).ToList();

        var first = await FakeMatrixHomeserver.PushAsync(http, _homeserver.NextTransactionId(), flood.Take(20));
        var mixed = await FakeMatrixHomeserver.PushAsync(
            http, _homeserver.NextTransactionId(), [.. flood.Skip(20), FakeMatrixHomeserver.TextMessage("Was kostet ein Reisepass?", "@ben:matrix.stadt.test", otherRoom)]);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        mixed.StatusCode.ShouldBe(HttpStatusCode.OK, "a 429 would hold back the other room's message at the homeserver");
        (await CitizenMessagesAsync("matrix", FakeMatrixHomeserver.RoomId)).ShouldBe(Enumerable.Range(1, 20).Select(message => $"Frage {message}"));
        var flooded = _homeserver.SentMessages.Where(call => call.RoomId == FakeMatrixHomeserver.RoomId).ToList();
        flooded.Count(call => call.PlainBody.StartsWith("Sie schreiben gerade sehr schnell.", StringComparison.Ordinal)).ShouldBe(1, "told once, not once per message");
        flooded[^1].PlainBody.ShouldStartWith("Sie schreiben gerade sehr schnell.");
        _homeserver.SentMessages.Last(call => call.RoomId == otherRoom).PlainBody.ShouldContain("Reisepass");
    }

    public void Dispose()
    {
        _bot.Dispose();
        _shipped.Dispose();
    }

    public async Task DisposeAsync()
    {
        await _telegram.DisposeAsync();
        await _homeserver.DisposeAsync();
    }

    /// <summary>What the citizen wrote that the bot took in, as the transcript keeps it.</summary>
    private async Task<List<string>> CitizenMessagesAsync(string transport, string conversationId)
    {
        var stored = await _bot.Services.GetRequiredService<IConversationStore>().ReadAfterAsync(new ConversationKey(transport, conversationId), -1, 1000, CancellationToken.None);
        return [.. stored.Where(entry => entry.Direction == ActivityDirection.Inbound && entry.Activity.Type == "message").Select(entry => entry.Activity.Text ?? "")];
    }

    private static WebApplicationFactory<Program> BehindTheCityProxy(CitizenBotFactory bot) =>
        bot.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, BehindTheProxy>()));

    private HttpClient From(string clientAddress) => From(_bot, clientAddress);

    private static HttpClient From(WebApplicationFactory<Program> bot, string clientAddress)
    {
        var client = bot.CreateClient();
        client.DefaultRequestHeaders.Add(BehindTheProxy.ForwardedFor, clientAddress);
        return client;
    }

    private Task<(DirectLineTestClient Client, string Id)> StartAsync(string clientAddress) => StartAsync(_bot, clientAddress);

    private static async Task<(DirectLineTestClient Client, string Id)> StartAsync(WebApplicationFactory<Program> bot, string clientAddress)
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(From(bot, clientAddress));
        var id = (await client.StartConversationAsync()).ConversationId();
        await client.WaitForBotMessagesAsync(id, 1);
        return (client, id);
    }
}
