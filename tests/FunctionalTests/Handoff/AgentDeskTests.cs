using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>The agent desk API: sign-in and roles, the accept race, transcript and consent, staff replies, close, transfer, bad input.</summary>
public sealed class AgentDeskTests : IDisposable
{
    private readonly HandoffBot _bot = new();

    [Fact]
    public async Task Twenty_agents_accepting_the_same_citizen_at_once_exactly_one_wins()
    {
        var (_, caseId) = await QueuedCitizenAsync(_bot);
        var agents = await Task.WhenAll(StaffAccounts.Agents.Select(name => SignInAsync(_bot, name)));

        var responses = await Task.WhenAll(agents.Select(agent => agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "NotWaiting");
        }

        var winner = (await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadObjectAsync())["agent"]!.GetValue<string>();
        var cases = await (await agents[0].GetAsync("/api/agent/cases")).Content.ReadFromJsonAsync<JsonArray>();
        cases!.Single()!["agent"]!.GetValue<string>().ShouldBe(winner);
    }

    [Fact]
    public async Task Request_accept_reply_close_the_citizen_sees_a_staff_reply_without_AI_label_and_then_the_bot_again()
    {
        var (citizen, caseId) = await QueuedCitizenAsync(_bot);
        var agent = await SignInAsync(_bot, "agent1");

        (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await citizen.WaitForTextAsync("hat Ihr Anliegen übernommen");
        (await citizen.AllAsync()).ShouldContain(a => a["name"] != null && a["name"]!.GetValue<string>() == "handoff.status"
            && a["value"]!["state"]!.GetValue<string>() == "accepted");
        await citizen.SayAsync("Ich brauche einen Termin");
        (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/replies", new { text = "Gerne, ich schaue nach." })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var staffReply = await citizen.WaitForTextAsync("Gerne, ich schaue nach.");
        staffReply.HasAiLabel().ShouldBeFalse();
        staffReply["from"]!["name"]!.GetValue<string>().ShouldBe("Landeshauptstadt München – Mitarbeiterin/Mitarbeiter");
        staffReply["entities"]![0]!["author"]!["@type"]!.GetValue<string>().ShouldBe("Person");
        await NoBotReplyToAsync(citizen, "Ich brauche einen Termin");

        (await agent.PostAsync($"/api/agent/cases/{caseId}/close", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await citizen.WaitForTextAsync("antwortet wieder der digitale Assistent");
        var botAgain = await citizen.AskAsync("Was kostet ein Reisepass?", "Reisepass");
        botAgain.HasAiLabel().ShouldBeTrue();
    }

    [Fact]
    public async Task The_transcript_shows_the_earlier_conversation_only_with_consent()
    {
        var (_, withConsent) = await QueuedCitizenAsync(_bot, consent: "Ja");
        var (_, without) = await QueuedCitizenAsync(_bot, consent: "Nein");
        var agent = await SignInAsync(_bot, "agent1");
        await agent.PostAsync($"/api/agent/cases/{withConsent}/accept", null);
        await agent.PostAsync($"/api/agent/cases/{without}/accept", null);

        var full = (await (await agent.GetAsync($"/api/agent/cases/{withConsent}/transcript")).ReadObjectArrayAsync()).ToList();
        var partial = (await (await agent.GetAsync($"/api/agent/cases/{without}/transcript")).ReadObjectArrayAsync()).ToList();

        full.ShouldContain(e => e["text"]!.GetValue<string>() == "Was kostet ein Reisepass?" && e["author"]!.GetValue<string>() == "citizen");
        full.ShouldContain(e => e["author"]!.GetValue<string>() == "bot");
        partial.ShouldNotContain(e => e["text"] != null && e["text"]!.GetValue<string>() == "Was kostet ein Reisepass?");
        partial.ShouldNotContain(e => e["text"] != null && e["text"]!.GetValue<string>() == "Mensch");
    }

    [Fact]
    public async Task For_each_bot_answer_the_transcript_gives_the_sources_it_quoted_and_how_sure_the_bot_was()
    {
        var (citizen, caseId) = await QueuedCitizenAsync(_bot);
        var agent = await SignInAsync(_bot, "agent1");
        await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null);
        var cited = (await citizen.BotMessagesAsync()).Single(m => m["entities"]?.AsArray().Any(e => e!["citation"] is not null) == true);
        var citizenSaw = cited["entities"]!.AsArray().Single(e => e!["citation"] is not null)!["citation"]![0]!["appearance"]!;

        var transcript = await (await agent.GetAsync($"/api/agent/cases/{caseId}/transcript")).ReadObjectArrayAsync();

        var answer = transcript.Single(e => e["author"]!.GetValue<string>() == "bot" && e["sources"]!.AsArray().Count > 0);
        answer["text"]!.GetValue<string>().ShouldBe(cited.Text());
        var source = answer["sources"]![0]!;
        source["name"]!.GetValue<string>().ShouldBe(citizenSaw["name"]!.GetValue<string>());
        source["url"]!.GetValue<string>().ShouldBe(citizenSaw["url"]!.GetValue<string>());
        source["url"]!.GetValue<string>().ShouldStartWith("https://stadt.muenchen.de/service/info/");
        answer["confidence"]!.GetValue<double>().ShouldBeInRange(0.01, 1.0);
        var greeting = transcript.First(e => e["author"]!.GetValue<string>() == "bot");
        greeting["text"]!.GetValue<string>().ShouldContain("KI-System");
        greeting["confidence"].ShouldBeNull("the greeting is not an answer from the service descriptions");
    }

    [Fact]
    public async Task Without_sign_in_or_without_a_desk_role_the_desk_refuses()
    {
        var (_, caseId) = await QueuedCitizenAsync(_bot);
        var editor = await SignInAsync(_bot, "editor");

        await (await _bot.NewBrowser().GetAsync("/api/agent/cases")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "SignInRequired");
        await (await editor.PostAsync($"/api/agent/cases/{caseId}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "RoleRequired");
        await (await _bot.NewBrowser().PostAsJsonAsync("/api/staff/signin", new { name = "agent1", password = "wrong" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "SignInFailed");
        await (await _bot.NewBrowser().PostAsJsonAsync("/api/staff/signin", new { name = "nobody", password = StaffAccounts.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "SignInFailed");
    }

    [Fact]
    public async Task Bad_requests_get_a_clear_problem_and_change_nothing()
    {
        var (citizen, caseId) = await QueuedCitizenAsync(_bot);
        var agent = await SignInAsync(_bot, "agent1");
        var other = await SignInAsync(_bot, "agent2");

        await (await agent.PostAsync("/api/agent/cases/no-such-case/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "CaseNotFound");
        await (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/replies", new { text = "zu früh" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "CaseNotActive");
        (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "NotWaiting");
        await (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/replies", new { text = new string('x', 2001) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "ReplyTooLong");
        await (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/replies", new { text = " " }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "EmptyReply");
        await (await other.PostAsJsonAsync($"/api/agent/cases/{caseId}/replies", new { text = "Ich auch" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "NotYourCase");
        await (await other.PostAsync($"/api/agent/cases/{caseId}/close", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "NotYourCase");

        (await citizen.BotMessagesAsync()).ShouldNotContain(m => m.Text()!.Contains('x') && m.Text()!.Length > 2000);
        (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/replies", new { text = new string('x', 2000) })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await agent.PostAsync($"/api/agent/cases/{caseId}/close", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await agent.PostAsync($"/api/agent/cases/{caseId}/close", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "CaseNotActive");
    }

    [Fact]
    public async Task An_agent_can_return_a_case_to_the_queue_or_transfer_it_to_a_colleague()
    {
        var (citizen, caseId) = await QueuedCitizenAsync(_bot);
        var agent = await SignInAsync(_bot, "agent1");
        var colleague = await SignInAsync(_bot, "agent2");
        await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null);

        await (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/transfer", new { to = "editor" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "UnknownAgent");
        (await (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/transfer", new { to = "agent2" })).ReadObjectAsync())["agent"]!
            .GetValue<string>().ShouldBe("agent2");
        (await (await colleague.PostAsJsonAsync($"/api/agent/cases/{caseId}/transfer", new { })).ReadObjectAsync())["state"]!
            .GetValue<string>().ShouldBe("Queued");

        for (var attempt = 0; attempt < 200 && (await citizen.BotMessagesAsync()).Count(m => m.Text()!.Contains("Platz **1**")) < 2; attempt++)
        {
            await Task.Delay(100);
        }

        (await citizen.BotMessagesAsync()).Count(m => m.Text()!.Contains("Platz **1**")).ShouldBe(2, "told the place again after returning to the queue");
        (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_restart_during_a_handoff_loses_nothing()
    {
        string caseId;
        string conversationId;
        DirectLineTestClient citizenClient;
        var dataFolder = CitizenBotFactory.NewDataFolder();
        using (var before = new HandoffBot(dataFolder, _bot.Time))
        {
            var (citizen, id) = await QueuedCitizenAsync(before);
            caseId = id;
            conversationId = citizen.ConversationId;
            citizenClient = citizen.Client;
            var agent = await SignInAsync(before, "agent1");
            (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var after = new HandoffBot(dataFolder, _bot.Time);
        var resumed = new Citizen(new DirectLineTestClient(after.Http, citizenClient.Credential), conversationId, "de");
        var agentAgain = await SignInAsync(after, "agent1");

        await resumed.SayAsync("Sind Sie noch da?");
        (await agentAgain.PostAsJsonAsync($"/api/agent/cases/{caseId}/replies", new { text = "Ja, nach dem Neustart." })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await resumed.WaitForTextAsync("Ja, nach dem Neustart.")).HasAiLabel().ShouldBeFalse();
        var transcript = await (await agentAgain.GetAsync($"/api/agent/cases/{caseId}/transcript")).ReadObjectArrayAsync();
        transcript.ShouldContain(e => e["text"] != null && e["text"]!.GetValue<string>() == "Sind Sie noch da?");
        transcript.ShouldContain(e => e["text"] != null && e["text"]!.GetValue<string>() == "Was kostet ein Reisepass?");
        await NoBotReplyToAsync(resumed, "Sind Sie noch da?");
    }

    /// <summary>While staff serve the conversation the bot answers nothing the citizen writes.</summary>
    private static async Task NoBotReplyToAsync(Citizen citizen, string text)
    {
        var all = await citizen.AllAsync();
        var said = all.Single(a => !a.IsFromBot() && a.Text() == text).Id();
        all.ShouldNotContain(a => a.IsBotReplyTo(said));
    }

    internal static Task<HttpClient> SignInAsync(HandoffBot bot, string name) => StaffAccounts.SignInAsync(bot.NewBrowser(), name);

    internal static async Task<(Citizen Citizen, string CaseId)> QueuedCitizenAsync(HandoffBot bot, string consent = "Ja")
    {
        var citizen = await bot.StartCitizenAsync();
        await citizen.AskAsync("Was kostet ein Reisepass?", "Reisepass");
        await citizen.AskAsync("Mensch", "Gesprächsverlauf");
        await citizen.AskAsync(consent, "Warteschlange");
        var initiate = (await citizen.AllAsync()).Single(a => a["name"]?.GetValue<string>() == "handoff.initiate");
        return (citizen, initiate["value"]!["caseId"]!.GetValue<string>());
    }

    public void Dispose() => _bot.Dispose();
}

internal static class JsonArrays
{
    public static async Task<List<JsonObject>> ReadObjectArrayAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsArray().OfType<JsonObject>().ToList();
    }
}
