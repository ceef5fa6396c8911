using System.Net;
using CitizenBot.FunctionalTests.Infrastructure;

namespace CitizenBot.FunctionalTests.Insights;

/// <summary>The council report counts what really happened: a model that did not answer, and each editor's change to the knowledge.</summary>
public sealed class IncidentAndKnowledgeChangeReportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "citizenbot-knowledge-tests", Guid.NewGuid().ToString("N"));
    private readonly string _dataFolder = CitizenBotFactory.NewDataFolder();
    private readonly List<CitizenBotFactory> _bots = [];

    public IncidentAndKnowledgeChangeReportTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "personalausweis-1.md"), Service("1", "Personalausweis", "Gebühr: 46 Euro"));
        File.WriteAllText(Path.Combine(_folder, "reisepass-2.md"), Service("2", "Reisepass", "Gebühr: 70 Euro"));
        File.WriteAllText(Path.Combine(_folder, "meldebescheinigung-3.md"), Service("3", "Meldebescheinigung", "Gebühr: 10 Euro"));
    }

    private static string Quarter => $"year={DateTime.UtcNow.Year}&quarter={((DateTime.UtcNow.Month - 1) / 3) + 1}";

    [Fact]
    public async Task Edits_while_running_and_while_stopped_are_each_reported_once_with_the_service_and_kind_of_change()
    {
        var first = Start();
        var editor = await SignInAsync(first);
        await WaitForReportAsync(editor, "Im Zeitraum: 3 neu, 0 geändert, 0 entfernt.");

        await File.WriteAllTextAsync(Path.Combine(_folder, "reisepass-2.md"), Service("2", "Reisepass", "Gebühr: 75 Euro"));
        File.Delete(Path.Combine(_folder, "meldebescheinigung-3.md"));
        await WaitForReportAsync(editor, "Im Zeitraum: 3 neu, 1 geändert, 1 entfernt.");
        await first.DisposeAsync();

        await File.WriteAllTextAsync(Path.Combine(_folder, "wohnsitz-4.md"), Service("4", "Wohnsitz anmelden", "Gebühr: keine"));
        var restarted = Start();
        var html = await WaitForReportAsync(await SignInAsync(restarted), "Im Zeitraum: 4 neu, 1 geändert, 1 entfernt.");
        var csv = (await (await SignInAsync(restarted)).GetStringAsync($"/admin/report.csv?{Quarter}")).Split("\r\n");

        html.ShouldContain("<td>Reisepass</td><td>geändert</td>");
        html.ShouldContain("<td>Meldebescheinigung</td><td>entfernt</td>");
        html.ShouldContain("<td>Wohnsitz anmelden</td><td>neu</td>");
        csv.ShouldContain("knowledge,,changed_in_period,1");
        csv.ShouldContain("knowledge,,removed_in_period,1");
        csv.Count(line => line.StartsWith("knowledge_changes,2,changed,", StringComparison.Ordinal)).ShouldBe(1);
        csv.Count(line => line.StartsWith("knowledge_changes,4,added,", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task A_question_the_model_could_not_word_is_answered_by_quoting_and_reported_as_a_model_fallback()
    {
        // Port 9 (discard) has no listener on loopback: the model is down, as on a day its provider fails.
        var bot = Start(new Dictionary<string, string?>
        {
            ["Knowledge:Folder"] = null,
            ["Generation:Enabled"] = "true",
            ["Generation:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Generation:Model"] = "city-model",
            ["Generation:Retries"] = "0",
        });
        var editor = await SignInAsync(bot);
        var before = await editor.GetStringAsync($"/admin/report?{Quarter}");
        var client = await DirectLineTestClient.FromWebChatTokenAsync(bot.CreateClient());
        var conversationId = (await client.StartConversationAsync()).ConversationId();
        await client.WaitForBotMessagesAsync(conversationId, 1);

        (await client.PostMessageAsync(conversationId, InsightsBot.PassportApplicationQuestion)).EnsureSuccessStatusCode();
        var replies = await client.WaitForBotMessagesAsync(conversationId, 2);

        before.ShouldContain("Keine Vorfälle im Zeitraum erfasst.");
        Citizen.Cites(replies[^1]).ShouldBeTrue();
        var report = await WaitForReportAsync(editor, "<td>unavailable</td><td>1</td>");
        report.ShouldContain("<td>Antwort zitiert statt vom Sprachmodell formuliert</td><td>unavailable</td><td>1</td>");
        (await editor.GetStringAsync($"/admin/report.csv?{Quarter}")).Split("\r\n").ShouldContain("incidents,model_fallback:unavailable,count,1");
    }

    public void Dispose()
    {
        foreach (var bot in _bots)
        {
            bot.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static string Service(string id, string title, string description) =>
        $"---\nid: \"{id}\"\ntitle: \"{title}\"\nurl: \"https://stadt.muenchen.de/service/info/x/{id}/\"\n---\n\n## Beschreibung\n\n{description}\n";

    /// <summary>The bot on this test's data folder and knowledge copy; a null setting falls back to the bot's own configuration.</summary>
    private CitizenBotFactory Start(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Knowledge:Folder"] = _folder };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        var bot = new CitizenBotFactory(_dataFolder, settings);
        _bots.Add(bot);
        return bot;
    }

    private static Task<HttpClient> SignInAsync(CitizenBotFactory bot) => StaffAccounts.SignInAsync(bot.CreateClient(), "editor");

    /// <summary>Changes are recorded in the background after the folder is read; reloads the quarter's report, bounded, until it shows them.</summary>
    private static async Task<string> WaitForReportAsync(HttpClient editor, string expected)
    {
        var html = "";
        for (var attempt = 0; attempt < 100 && !html.Contains(expected, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 100);
            html = WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/report?{Quarter}"));
        }

        html.ShouldContain(expected);
        return html;
    }
}
