using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Handoff;

namespace CitizenBot.FunctionalTests.Channels;

/// <summary>A citizen on Telegram asks for a person: consent by button, an agent accepts and replies, the reply arrives in Telegram.</summary>
public sealed class TelegramHandoffTests : IAsyncLifetime, IDisposable
{
    private FakeTelegramBotApi _telegram = null!;
    private HandoffBot _bot = null!;

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramBotApi.StartAsync();
        _bot = new HandoffBot(settings: FakeTelegramBotApi.Settings(_telegram));
    }

    [Fact]
    public async Task An_agents_reply_reaches_the_Telegram_chat_as_written_by_a_person_without_the_AI_footer()
    {
        await FakeTelegramBotApi.PostUpdateAsync(_bot.Http, _telegram.TextUpdate("/mensch"));
        var consent = _telegram.SentMessages[^1];
        var yes = FakeTelegramBotApi.Buttons(consent).Single(button => button["text"]!.GetValue<string>() == "Ja");
        await FakeTelegramBotApi.PostUpdateAsync(_bot.Http, _telegram.ButtonPress(consent, yes["callback_data"]!.GetValue<string>()));
        FakeTelegramBotApi.Visible(_telegram.SentMessages[^1]).ShouldContain("Warteschlange");

        var agent = await AgentDeskTests.SignInAsync(_bot, "agent1");
        var caseId = (await agent.GetFromJsonAsync<JsonArray>("/api/agent/cases"))!.Single()!["id"]!.GetValue<string>();
        (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/replies", new { text = "Gerne, ich schaue nach." })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reply = FakeTelegramBotApi.Visible(_telegram.SentMessages[^1]);
        reply.ShouldBe("Landeshauptstadt München – Mitarbeiterin/Mitarbeiter:\n\nGerne, ich schaue nach.");
        FakeTelegramBotApi.Visible(_telegram.SentMessages[^2]).ShouldContain("hat Ihr Anliegen übernommen");
    }

    public async Task DisposeAsync() => await _telegram.DisposeAsync();

    public void Dispose() => _bot.Dispose();
}
