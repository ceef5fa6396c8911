using System.Net;
using System.Net.Http.Json;
using CitizenBot.FunctionalTests.Handoff;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Staff;

namespace CitizenBot.FunctionalTests.Staff;

/// <summary>
/// Cross-site request forgery: another site can make a signed-in staff member's browser send a request with the staff
/// cookie, but cannot read the session's antiforgery token; without it every change is refused and nothing changes.
/// </summary>
public sealed class ForgedRequestTests : IDisposable
{
    private readonly HandoffBot _bot = new();

    [Fact]
    public async Task A_forged_accept_riding_on_the_agents_cookie_is_refused_and_the_citizen_keeps_waiting()
    {
        var (_, caseId) = await AgentDeskTests.QueuedCitizenAsync(_bot);
        var agent = await AgentDeskTests.SignInAsync(_bot, "agent1");
        var token = TakeToken(agent);

        var forged = await agent.SendAsync(CrossSite(HttpMethod.Post, $"/api/agent/cases/{caseId}/accept"));
        var forgedForm = await agent.SendAsync(CrossSite(HttpMethod.Post, $"/api/agent/cases/{caseId}/accept", new FormUrlEncodedContent([])));
        var waiting = (await (await agent.GetAsync("/api/agent/cases")).ReadObjectArrayAsync()).Single(c => c["id"]!.GetValue<string>() == caseId);

        await forged.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "AntiforgeryTokenInvalid");
        await forgedForm.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "AntiforgeryTokenInvalid");
        waiting["state"]!.GetValue<string>().ShouldBe("Queued");
        agent.DefaultRequestHeaders.Add(StaffAccess.AntiforgeryHeader, token);
        (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK, "the console's own request carries the token");
    }

    [Fact]
    public async Task A_token_of_another_session_or_from_before_sign_in_is_refused()
    {
        var (_, caseId) = await AgentDeskTests.QueuedCitizenAsync(_bot);
        var agent = await AgentDeskTests.SignInAsync(_bot, "agent1");
        TakeToken(agent);
        var colleaguesToken = TakeToken(await AgentDeskTests.SignInAsync(_bot, "agent2"));
        var browser = _bot.NewBrowser();
        var anonymousToken = (await (await browser.GetAsync("/api/staff/me")).ReadObjectAsync())["antiforgeryToken"]!.GetValue<string>();
        await StaffAccounts.SignInAsync(browser, "agent3");
        browser.DefaultRequestHeaders.Remove(StaffAccess.AntiforgeryHeader);

        var withColleaguesToken = await agent.SendAsync(WithToken(HttpMethod.Post, $"/api/agent/cases/{caseId}/accept", colleaguesToken));
        var withTokenFromBefore = await browser.SendAsync(WithToken(HttpMethod.Post, $"/api/agent/cases/{caseId}/accept", anonymousToken));

        await withColleaguesToken.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "AntiforgeryTokenInvalid");
        await withTokenFromBefore.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "AntiforgeryTokenInvalid");
    }

    [Fact]
    public async Task Forged_close_transfer_and_sign_out_without_a_body_are_refused_too()
    {
        var (citizen, caseId) = await AgentDeskTests.QueuedCitizenAsync(_bot);
        var agent = await AgentDeskTests.SignInAsync(_bot, "agent1");
        (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = TakeToken(agent);

        var close = await agent.SendAsync(CrossSite(HttpMethod.Post, $"/api/agent/cases/{caseId}/close"));
        var transfer = await agent.SendAsync(CrossSite(HttpMethod.Post, $"/api/agent/cases/{caseId}/transfer", JsonContent.Create(new { to = (string?)null })));
        var signOut = await agent.SendAsync(CrossSite(HttpMethod.Post, "/api/staff/signout"));
        var held = (await (await agent.GetAsync("/api/agent/cases")).ReadObjectArrayAsync()).Single(c => c["id"]!.GetValue<string>() == caseId);
        var me = await (await agent.GetAsync("/api/staff/me")).ReadObjectAsync();

        await close.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "AntiforgeryTokenInvalid");
        await transfer.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "AntiforgeryTokenInvalid");
        await signOut.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "AntiforgeryTokenInvalid");
        held["state"]!.GetValue<string>().ShouldBe("Accepted");
        held["agent"]!.GetValue<string>().ShouldBe("agent1");
        me["name"]!.GetValue<string>().ShouldBe("agent1", "still signed in");
        (await citizen.BotMessagesAsync()).ShouldNotContain(message => message.Text()!.Contains("ist beendet", StringComparison.Ordinal));
        (await agent.SendAsync(WithToken(HttpMethod.Post, "/api/staff/signout", token))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await agent.GetAsync("/api/staff/me")).ReadObjectAsync())["name"].ShouldBeNull();
    }

    [Fact]
    public async Task A_forged_deletion_of_a_citizens_conversation_is_refused_and_the_conversation_stays()
    {
        var citizen = await _bot.StartCitizenAsync();
        var privacy = await StaffAccounts.SignInAsync(_bot.NewBrowser(), "privacy");
        TakeToken(privacy);

        var forged = await privacy.SendAsync(CrossSite(HttpMethod.Delete, $"/admin/conversations/{citizen.ConversationId}"));

        await forged.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "AntiforgeryTokenInvalid");
        (await privacy.GetAsync($"/admin/conversations/{citizen.ConversationId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public void Dispose() => _bot.Dispose();

    /// <summary>Stops the client sending the session's token, as a request another site makes the browser send would not; returns the token.</summary>
    private static string TakeToken(HttpClient staff)
    {
        var token = staff.DefaultRequestHeaders.GetValues(StaffAccess.AntiforgeryHeader).Single();
        staff.DefaultRequestHeaders.Remove(StaffAccess.AntiforgeryHeader);
        return token;
    }

    /// <summary>What an attacker's page makes the browser send: the cookie rides along, the page's own origin is named.</summary>
    private static HttpRequestMessage CrossSite(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Origin", "https://attacker.example");
        return request;
    }

    private static HttpRequestMessage WithToken(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(StaffAccess.AntiforgeryHeader, token);
        return request;
    }
}
