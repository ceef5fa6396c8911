using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CitizenBot.FunctionalTests.Handoff;
using CitizenBot.FunctionalTests.Infrastructure;

namespace CitizenBot.FunctionalTests.Staff;

/// <summary>The staff audit log in the database: who signed in, accepted, transferred, closed and downloaded, when; never what anyone wrote.</summary>
public sealed class StaffAuditTests : IDisposable
{
    private readonly HandoffBot _bot = new();

    [Fact]
    public async Task Admins_see_who_accepted_transferred_and_closed_a_case_and_who_downloaded_figures_without_any_message_text()
    {
        var (citizen, caseId) = await AgentDeskTests.QueuedCitizenAsync(_bot);
        var agent = await AgentDeskTests.SignInAsync(_bot, "agent1");
        (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/replies", new { text = "Ihr Termin ist am Dienstag." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/transfer", new { to = "agent2" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var colleague = await AgentDeskTests.SignInAsync(_bot, "agent2");
        (await colleague.PostAsync($"/api/agent/cases/{caseId}/close", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var editor = await AgentDeskTests.SignInAsync(_bot, "editor");
        (await editor.GetAsync("/admin/insights.csv?from=2026-11-01&to=2026-11-23")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var admin = await AgentDeskTests.SignInAsync(_bot, "admin");

        var audit = Rows(await admin.GetStringAsync("/admin/audit"));

        audit.ShouldBe(
        [
            "2026-11-23 09:00:00|admin|signed-in|",
            "2026-11-23 09:00:00|editor|figures-exported|2026-11-01–2026-11-23",
            "2026-11-23 09:00:00|editor|signed-in|",
            $"2026-11-23 09:00:00|agent2|case-closed|{caseId}",
            "2026-11-23 09:00:00|agent2|signed-in|",
            $"2026-11-23 09:00:00|agent1|case-transferred|{caseId} → agent2",
            $"2026-11-23 09:00:00|agent1|case-accepted|{caseId}",
            "2026-11-23 09:00:00|agent1|signed-in|",
        ]);
        (await admin.GetStringAsync("/admin/audit")).ShouldNotContain("Termin");
        (await citizen.AllAsync()).ShouldContain(activity => activity.Text() == "Ihr Termin ist am Dienstag.");
        (await admin.GetStringAsync("/admin")).ShouldContain("href=\"/admin/audit\"");
    }

    public void Dispose() => _bot.Dispose();

    /// <summary>time|staff|action|subject of each row of the audit table, newest first.</summary>
    private static List<string> Rows(string page) =>
        [.. Regex.Matches(page, "<tr>\\s*<td><time[^>]*>(?<at>[^<]*)</time></td>\\s*<td>(?<staff>[^<]*)</td>\\s*<td data-action=\"(?<action>[^\"]*)\">[^<]*</td>\\s*<td>(?<subject>[^<]*)</td>")
            .Select(row => $"{row.Groups["at"].Value}|{row.Groups["staff"].Value}|{row.Groups["action"].Value}|{System.Net.WebUtility.HtmlDecode(row.Groups["subject"].Value)}")];
}
