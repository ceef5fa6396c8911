using System.Net;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.DirectLine;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema;
using Serilog.Core;

namespace CitizenBot.FunctionalTests.TransparencyRegister;

/// <summary>The public register record: valid against the schema in the repo, true to the running configuration, honest about gaps.</summary>
public sealed class RegisterTests : IDisposable
{
    private readonly CitizenBotFactory _factory = new();


    private static async Task<JsonObject> RecordAsync(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync("/transparency.json"))!.AsObject();

    [Fact]
    public async Task The_register_json_is_valid_against_the_schema_in_the_repository()
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.PathOf("bot/Transparency/Register/register.schema.json"));
        var json = await _factory.CreateClient().GetStringAsync("/transparency.json");

        schema.Validate(json).Select(error => error.ToString()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_served_schema_is_the_one_in_the_repository()
    {
        var served = await _factory.CreateClient().GetStringAsync("/transparency.schema.json");

        served.ShouldBe(await File.ReadAllTextAsync(RepositoryFiles.PathOf("bot/Transparency/Register/register.schema.json")));
    }

    [Fact]
    public async Task The_register_says_what_the_running_configuration_says()
    {
        using var app = _factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Handoff:CallbackRetentionDays", "9");
            builder.UseSetting("Privacy:RetentionDays", "21");
        });

        var record = await RecordAsync(app.CreateClient());

        record["model"]!["uses_language_model"]!.GetValue<bool>().ShouldBeFalse();
        record["model"]!["statement"]!["en"]!.GetValue<string>().ShouldStartWith("no language model");
        record["personal_data"]!["callback_retention_days"]!.GetValue<int>().ShouldBe(9);
        record["personal_data"]!["conversation_retention_days"]!.GetValue<int>().ShouldBe(21);
        record["data_sources"]!["services"]!.GetValue<int>().ShouldBeGreaterThan(100);
        record["organisation"]!.GetValue<string>().ShouldBe("Landeshauptstadt München");
        record["human_involvement"]!["decides_on_applications"]!.GetValue<bool>().ShouldBeFalse();
        record["evaluation"]!["status"]!.GetValue<string>().ShouldBe("not_configured");
        record.ContainsKey("production").ShouldBeFalse();
    }

    [Fact]
    public async Task A_missing_governance_field_reads_not_provided_and_is_listed_never_invented()
    {
        using var app = _factory.WithWebHostBuilder(builder => builder.UseSetting("Register:Purpose:en", ""));
        var client = app.CreateClient();

        var record = await RecordAsync(client);

        record["description"]!["en"]!.GetValue<string>().ShouldBe("not provided");
        record["description"]!["de"]!.GetValue<string>().ShouldStartWith("Beantwortet allgemeine Fragen");
        record["legal_basis"]!["de"]!.GetValue<string>().ShouldBe("nicht angegeben");
        var missing = record["missing_fields"]!.AsArray().Select(field => field!.GetValue<string>()).ToList();
        missing.ShouldContain("Register:Purpose:en");
        missing.ShouldContain("Register:LegalBasis:de");
        missing.ShouldNotContain("Register:Purpose:de");

        var page = await client.GetStringAsync("/transparency?lang=en");
        page.ShouldContain("Register:Purpose:en");
        page.ShouldContain("not provided");
    }

    [Fact]
    public void A_city_that_requires_a_complete_register_cannot_start_with_a_gap_and_is_told_which_field()
    {
        using var app = _factory.WithWebHostBuilder(builder => builder.UseSetting("Register:RequireComplete", "true"));

        var failure = Should.Throw<Exception>(() => app.CreateClient());

        failure.ToString().ShouldContain("Register:LegalBasis:de");
    }

    [Fact]
    public async Task The_evaluation_section_shows_the_latest_run_of_the_configured_questions_with_the_group_breakdown()
    {
        var questions = Path.Combine(_factory.DataFolder, "questions.jsonl");
        Directory.CreateDirectory(_factory.DataFolder);
        await File.WriteAllLinesAsync(questions, [
            """{"id": "T1", "kind": "service", "lang": "de", "question": "Reisepass beantragen", "expected": ["1063453"], "style": "direct"}""",
            """{"id": "T2", "kind": "service", "lang": "en", "question": "apply for a passport", "expected": ["1063453"], "style": "english"}""",
            """{"id": "T3", "kind": "out_of_scope", "lang": "de", "question": "Wie wird das Wetter morgen in Hamburg?", "expected": []}""",
        ]);
        using var app = _factory.WithWebHostBuilder(builder => builder.UseSetting("Register:EvaluationQuestions", questions));
        var client = app.CreateClient();

        var evaluation = (await RecordAsync(client))["evaluation"]!;
        // The run happens in the background after start; wait for it, bounded.
        for (var attempt = 0; attempt < 120 && evaluation["status"]!.GetValue<string>() != "completed"; attempt++)
        {
            await Task.Delay(250);
            evaluation = (await RecordAsync(client))["evaluation"]!;
        }

        evaluation["status"]!.GetValue<string>().ShouldBe("completed");
        evaluation["questions"]!.GetValue<int>().ShouldBe(3);
        evaluation["answerable_questions"]!.GetValue<int>().ShouldBe(2);
        evaluation["question_set"]!.GetValue<string>().ShouldBe("questions.jsonl");
        var groups = evaluation["groups"]!.AsArray();
        groups.ShouldContain(group => group!["dimension"]!.GetValue<string>() == "language" && group["group"]!.GetValue<string>() == "en");
        groups.ShouldContain(group => group!["dimension"]!.GetValue<string>() == "style" && group["group"]!.GetValue<string>() == "direct");

        var page = await client.GetStringAsync("/transparency");
        page.ShouldContain("mit 3 Testfragen");
        page.ShouldContain("Formulierung: english");
    }

    [Fact]
    public async Task Governance_records_are_served_to_admins_in_three_formats_and_show_gaps_as_missing()
    {
        using var app = _factory.WithWebHostBuilder(builder => builder.UseSetting("Handoff:CallbackRetentionDays", "11"));
        var client = await app.SignedInClientAsync("admin");

        var processing = JsonNode.Parse(await client.GetStringAsync("/admin/records/processing.de.json"))!;
        var markdown = await client.GetStringAsync("/admin/records/processing.en.md");
        var html = await client.GetStringAsync("/admin/records/dpia.de.html");
        var automated = await client.GetStringAsync("/admin/records/automated-system.en.md");

        var retention = processing["sections"]!.AsArray().Single(section => section!["key"]!.GetValue<string>() == "retention")!["entries"]!.AsArray();
        retention.Single(entry => entry!["key"]!.GetValue<string>() == "callback_retention")!["values"]![0]!.GetValue<string>().ShouldBe("11 Tage");
        var conversation = retention.Single(entry => entry!["key"]!.GetValue<string>() == "conversation_retention")!;
        conversation["missing"]!.GetValue<bool>().ShouldBeFalse();
        conversation["values"]![0]!.GetValue<string>().ShouldBe("30 Tage nach der letzten Nachricht");
        processing["missing_fields"]!.AsArray().Select(field => field!.GetValue<string>()).ShouldContain("processing.legal_basis");
        markdown.ShouldContain("**Legal basis:** ⚠ not provided");
        markdown.ShouldContain("no language model");
        html.ShouldContain("<h1>Eingaben für die Datenschutz-Folgenabschätzung");
        automated.ShouldContain("None. The assistant issues no administrative acts");
        (await client.GetAsync("/admin/records/unknown.de.md")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public void Dispose() => _factory.Dispose();
}

/// <summary>The start-up check names each missing governance field in the log.</summary>
[Collection(nameof(LogCapture))]
public sealed class RegisterStartupLogTests : IDisposable
{
    private readonly CapturedLogs _logs = new();
    private readonly CitizenBotFactory _factory = new();

    [Fact]
    public async Task Each_missing_governance_field_is_named_at_start()
    {
        using var app = _factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Register:Hosting:de", "");
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(_logs));
        });

        (await app.CreateClient().GetAsync("/transparency")).StatusCode.ShouldBe(HttpStatusCode.OK);

        _logs.Lines.ShouldContain(line => line.Contains("Register:Hosting:de", StringComparison.Ordinal) && line.Contains("not provided", StringComparison.Ordinal));
        _logs.Lines.ShouldContain(line => line.Contains("Register:LegalBasis:en", StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains("Register:Hosting:en", StringComparison.Ordinal));
    }

    public void Dispose() => _factory.Dispose();
}
