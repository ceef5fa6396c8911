using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CitizenBot.Channels.BotFramework;
using CitizenBot.FunctionalTests.BotFramework;
using CitizenBot.FunctionalTests.DirectLine;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>
/// An agent hub on an Azure Bot Service channel answers handoff.initiate with handoff.status events: trusted only on the
/// signed /api/messages edge and only from a channel the operator named a hub; from a citizen's Web Chat it changes nothing.
/// </summary>
[Collection(nameof(LogCapture))]
public sealed class AgentHubTests : IAsyncLifetime, IDisposable
{
    private const string HubChannel = "omnichannel";
    private const string ConversationId = "hub-conversation-1";

    private readonly CapturedLogs _logs = new();
    private FakeAzureBotService _azure = null!;
    private HandoffBot _bot = null!;
    private int _activities;

    public async Task InitializeAsync()
    {
        _azure = await FakeAzureBotService.StartAsync();
        var settings = AzureBotServiceTests.Settings(_azure);
        settings["Handoff:TrustedHubChannels:0"] = HubChannel;
        _bot = new HandoffBot(settings: settings, services: services =>
        {
            services.AddHttpClient(ConnectorTokens.LoginClient)
                .AddHttpMessageHandler(() => new LoginRoute(AzureBotServiceTests.AuthorityHost, new Uri(_azure.BaseUrl)));
            services.AddSingleton<ILogEventSink>(_logs);
        });
    }

    [Fact]
    public async Task A_trusted_hub_accepting_then_completing_tells_the_citizen_a_person_took_over_and_then_the_bot_is_back()
    {
        await QueueCitizenAsync(HubChannel);

        await PostStatusAsync(HubChannel, "accepted");

        SentTexts().ShouldContain(text => text.Contains("hat Ihr Anliegen übernommen"));
        var served = (await DeskCasesAsync()).ShouldHaveSingleItem();
        served["state"]!.GetValue<string>().ShouldBe("Accepted");
        served["agent"]!.GetValue<string>().ShouldBe("omnichannel hub");
        var sentWhileServed = _azure.Delivered.Count;
        await PostCitizenAsync(HubChannel, "Was kostet ein Reisepass?");
        _azure.Delivered.Count.ShouldBe(sentWhileServed, "while the hub's staff serve the citizen the bot stays silent");

        await PostStatusAsync(HubChannel, "completed");

        SentTexts().Last().ShouldContain("antwortet wieder der digitale Assistent");
        (await DeskCasesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_trusted_hub_reporting_failed_offers_the_citizen_a_callback_or_the_citys_phone()
    {
        await QueueCitizenAsync(HubChannel);

        await PostStatusAsync(HubChannel, "failed", message: "No agents available");

        var offer = _azure.Delivered.Select(r => r.Activity).Last(a => a["type"]!.GetValue<string>() == "message");
        offer["text"]!.GetValue<string>().ShouldContain("Leider konnte gerade niemand Ihr Anliegen übernehmen");
        offer["suggestedActions"]!["actions"]!.AsArray().Select(action => action!["title"]!.GetValue<string>()).ShouldContain("Rückruf anfordern");
        (await DeskCasesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_handoff_status_from_a_channel_not_named_a_hub_is_ignored_and_logged_without_content()
    {
        await QueueCitizenAsync("msteams");
        var sentBefore = _azure.Delivered.Count;

        await PostStatusAsync("msteams", "accepted", message: "Zebra-Quokka");

        _azure.Delivered.Count.ShouldBe(sentBefore);
        (await DeskCasesAsync()).ShouldHaveSingleItem()["state"]!.GetValue<string>().ShouldBe("Queued");
        _logs.Lines.ShouldContain(line => line.StartsWith("Ignored a \"handoff.status\" event from untrusted \"botframework\" channel \"msteams\"", StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains("Zebra-Quokka", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_handoff_status_with_an_unknown_state_from_the_hub_is_ignored()
    {
        await QueueCitizenAsync(HubChannel);
        var sentBefore = _azure.Delivered.Count;

        await PostStatusAsync(HubChannel, "transferred");

        _azure.Delivered.Count.ShouldBe(sentBefore);
        (await DeskCasesAsync()).ShouldHaveSingleItem()["state"]!.GetValue<string>().ShouldBe("Queued");
        _logs.Lines.ShouldContain(line => line.StartsWith("Ignored a \"handoff.status\" event from agent hub \"omnichannel\"", StringComparison.Ordinal)
            && line.Contains("UnknownHandoffState", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_citizen_posting_handoff_status_over_Direct_Line_is_ignored_and_logged_without_content()
    {
        var (citizen, _) = await AgentDeskTests.QueuedCitizenAsync(_bot);

        var posted = await citizen.Client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{citizen.ConversationId}/activities", new JsonObject
        {
            ["type"] = "event",
            ["name"] = "handoff.status",
            ["value"] = new JsonObject { ["state"] = "accepted", ["message"] = "Zebra-Quokka" },
            ["from"] = new JsonObject { ["id"] = "ignored-by-token" },
            ["channelId"] = HubChannel,
        });

        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await citizen.BotMessagesAsync()).ShouldNotContain(m => m.Text()!.Contains("übernommen"));
        (await DeskCasesAsync()).ShouldHaveSingleItem()["state"]!.GetValue<string>().ShouldBe("Queued");
        _logs.Lines.ShouldContain(line => line.StartsWith("Ignored a \"handoff.status\" event from untrusted \"directline\" channel \"directline\"", StringComparison.Ordinal)
            && line.Contains(citizen.ConversationId, StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains("Zebra-Quokka", StringComparison.Ordinal));
    }

    [Fact]
    public void The_bot_does_not_start_when_Web_Chat_is_named_a_hub()
    {
        var failure = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(
            () => new HandoffBot(settings: new Dictionary<string, string?> { ["Handoff:TrustedHubChannels:0"] = "webchat" }).Dispose());

        failure.Message.ShouldContain("Handoff:TrustedHubChannels must not name 'webchat'");
    }

    /// <summary>The citizen asks for a person on the channel and agrees to share the conversation; the hub gets handoff.initiate.</summary>
    private async Task QueueCitizenAsync(string channelId)
    {
        await PostCitizenAsync(channelId, "Ich möchte mit einem Menschen sprechen");
        await PostCitizenAsync(channelId, "Ja");
        _azure.Delivered.ShouldContain(r => r.Activity["name"] != null && r.Activity["name"]!.GetValue<string>() == "handoff.initiate");
        (await DeskCasesAsync()).ShouldHaveSingleItem()["state"]!.GetValue<string>().ShouldBe("Queued");
    }

    private Task PostCitizenAsync(string channelId, string text)
    {
        var message = Activity(channelId, "message", new JsonObject { ["id"] = "29:citizen", ["name"] = "Erika Mustermann" });
        message["text"] = text;
        return PostAsync(message);
    }

    private Task PostStatusAsync(string channelId, string state, string? message = null)
    {
        var status = Activity(channelId, "event", new JsonObject { ["id"] = "hub-agent", ["name"] = "Agent hub" });
        status["name"] = "handoff.status";
        status["value"] = new JsonObject { ["state"] = state, ["message"] = message };
        return PostAsync(status);
    }

    private async Task PostAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _azure.CreateToken());
        (await _bot.Http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private JsonObject Activity(string channelId, string type, JsonObject from) => new()
    {
        ["type"] = type,
        ["id"] = $"activity-{Interlocked.Increment(ref _activities)}",
        ["timestamp"] = _bot.Time.GetUtcNow().ToString("O"),
        ["serviceUrl"] = _azure.ServiceUrl,
        ["channelId"] = channelId,
        ["from"] = from,
        ["conversation"] = new JsonObject { ["id"] = ConversationId },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "CitizenBot" },
        ["locale"] = "de-DE",
    };

    private List<string> SentTexts() =>
        [.. _azure.Delivered.Select(r => r.Activity).Where(a => a["type"]!.GetValue<string>() == "message").Select(a => a["text"]!.GetValue<string>())];

    /// <summary>The cases as a supervisor sees them at the desk.</summary>
    private async Task<List<JsonObject>> DeskCasesAsync()
    {
        var supervisor = await AgentDeskTests.SignInAsync(_bot, "supervisor");
        return await (await supervisor.GetAsync("/api/agent/cases")).ReadObjectArrayAsync();
    }

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    public void Dispose() => _bot.Dispose();
}
