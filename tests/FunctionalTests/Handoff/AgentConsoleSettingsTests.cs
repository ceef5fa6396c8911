using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>What the agent console loads besides cases: the canned replies per language and the colleagues a case can go to.</summary>
public sealed class AgentConsoleSettingsTests : IDisposable
{
    private readonly HandoffBot _bot = new();

    [Fact]
    public async Task An_agent_gets_the_configured_canned_replies_in_german_and_english()
    {
        var agent = await AgentDeskTests.SignInAsync(_bot, "agent1");

        var replies = (await agent.GetFromJsonAsync<JsonObject>("/api/agent/canned-replies"))!;

        replies["de"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("Einen Moment bitte, ich sehe mir Ihr Anliegen an.");
        replies["en"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("One moment please, I am looking into your request.");
    }

    [Fact]
    public async Task Colleagues_are_the_other_staff_who_serve_citizens()
    {
        var agent = await AgentDeskTests.SignInAsync(_bot, "agent1");

        var colleagues = (await agent.GetFromJsonAsync<List<string>>("/api/agent/colleagues"))!;

        colleagues.ShouldContain("agent2");
        colleagues.ShouldContain("supervisor");
        colleagues.ShouldNotContain("agent1");
        colleagues.ShouldNotContain("editor");
    }

    [Fact]
    public async Task The_console_learns_who_is_signed_in_and_nobody_is_not_an_error()
    {
        var agent = await AgentDeskTests.SignInAsync(_bot, "agent1");

        var me = (await agent.GetFromJsonAsync<JsonObject>("/api/staff/me"))!;
        var nobody = (await _bot.NewBrowser().GetFromJsonAsync<JsonObject>("/api/staff/me"))!;

        me["name"]!.GetValue<string>().ShouldBe("agent1");
        me["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["agent"]);
        nobody["name"].ShouldBeNull();
    }

    [Fact]
    public async Task Without_sign_in_the_console_settings_are_refused()
    {
        (await _bot.NewBrowser().GetAsync("/api/agent/canned-replies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _bot.NewBrowser().GetAsync("/api/agent/colleagues")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public void Dispose() => _bot.Dispose();
}
