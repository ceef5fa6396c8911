using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;
using NJsonSchema;

namespace CitizenBot.FunctionalTests.TransparencyRegister;

/// <summary>The governance records follow the JSON schemas in the repository and state what the running configuration does.</summary>
public sealed class GovernanceRecordSchemaTests : IDisposable
{
    private readonly CitizenBotFactory _factory = new();

    public static TheoryData<string, string> Records { get; } = new()
    {
        { "processing", "de" }, { "processing", "en" }, { "dpia", "de" }, { "dpia", "en" }, { "automated-system", "de" }, { "automated-system", "en" },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public async Task Each_record_is_valid_against_its_schema_in_the_repository_which_is_also_served(string id, string language)
    {
        var client = await _factory.SignedInClientAsync("admin");
        var repositorySchema = RepositoryFiles.PathOf($"bot/Transparency/Records/{id}.schema.json");

        var json = await client.GetStringAsync($"/admin/records/{id}.{language}.json");
        var served = await client.GetStringAsync($"/admin/records/{id}.schema.json");

        (await JsonSchema.FromFileAsync(repositorySchema)).Validate(json).Select(error => error.ToString()).ShouldBeEmpty();
        served.ShouldBe(await File.ReadAllTextAsync(repositorySchema));
    }

    [Fact]
    public async Task A_record_that_drops_a_statement_or_invents_a_field_fails_its_schema()
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.PathOf("bot/Transparency/Records/processing.schema.json"));
        var record = JsonNode.Parse(await (await _factory.SignedInClientAsync("privacy")).GetStringAsync("/admin/records/processing.en.json"))!.AsObject();
        var retention = Section(record, "retention")["entries"]!.AsArray();

        retention.RemoveAt(0);
        var withoutRetention = record.ToJsonString();
        record["decided_by"] = "the assistant";

        schema.Validate(withoutRetention).ShouldNotBeEmpty();
        schema.Validate(record.ToJsonString()).ShouldContain(error => error.Property == "decided_by");
    }

    [Fact]
    public async Task Retention_and_the_model_provider_in_the_records_are_those_of_the_running_configuration()
    {
        using var app = _factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Privacy:RetentionDays", "17");
            builder.UseSetting("Generation:Enabled", "true");
            builder.UseSetting("Generation:Endpoint", "http://127.0.0.1:9/v1");
            builder.UseSetting("Generation:Model", "stadt-modell-7b");
            builder.UseSetting("Register:ModelProvider:de", "Rechenzentrum der Stadt");
            builder.UseSetting("Register:ModelProvider:en", "the city's data centre");
        });
        var client = await app.SignedInClientAsync("admin");

        var processing = JsonNode.Parse(await client.GetStringAsync("/admin/records/processing.de.json"))!.AsObject();
        var dpia = JsonNode.Parse(await client.GetStringAsync("/admin/records/dpia.en.json"))!.AsObject();

        Values(processing, "retention", "conversation_retention").ShouldBe(["17 Tage nach der letzten Nachricht"]);
        Values(processing, "processing", "model").ShouldBe(["stadt-modell-7b", "Anbieter: Rechenzentrum der Stadt", "Betrieb: nicht angegeben"]);
        Entry(processing, "processing", "model")["missing"]!.GetValue<bool>().ShouldBeTrue();
        Values(dpia, "mitigations_as_built", "built").ShouldContain(value => value.StartsWith("Retention: conversations after 17 days", StringComparison.Ordinal));
        Values(dpia, "data_flows", "flows").ShouldContain(value => value.Contains("language model stadt-modell-7b (the city's data centre)", StringComparison.Ordinal));

        var withoutModel = JsonNode.Parse(await (await _factory.SignedInClientAsync("admin")).GetStringAsync("/admin/records/dpia.en.json"))!.AsObject();
        Values(withoutModel, "data_flows", "flows").ShouldContain("No language model: no data leaves the assistant for a model provider.");
    }

    [Fact]
    public async Task The_data_flows_name_the_database_and_the_search_service_the_bot_is_configured_with()
    {
        using var azure = _factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("KnowledgeSearch:Backend", "AzureAiSearch");
            // Nothing listens there: the index sync fails and the local index answers, which is all this test needs.
            builder.UseSetting("KnowledgeSearch:AzureAiSearch:Endpoint", "https://127.0.0.1:9");
            builder.UseSetting("KnowledgeSearch:AzureAiSearch:ApiKey", "test-key");
        });

        var local = JsonNode.Parse(await (await _factory.SignedInClientAsync("admin")).GetStringAsync("/admin/records/dpia.en.json"))!.AsObject();
        var withAzure = JsonNode.Parse(await (await azure.SignedInClientAsync("admin")).GetStringAsync("/admin/records/dpia.en.json"))!.AsObject();
        var register = JsonNode.Parse(await azure.CreateClient().GetStringAsync("/transparency.json"))!["data_sources"]!;

        Values(local, "data_flows", "flows").ShouldContain("Assistant → its own SQLite file on the city's server (transcript until deletion)");
        Values(local, "data_flows", "flows").ShouldNotContain(flow => flow.Contains("Azure", StringComparison.Ordinal));
        Values(withAzure, "data_flows", "flows").ShouldContain(flow => flow.StartsWith("Assistant → the city's Azure AI Search", StringComparison.Ordinal));
        register["storage"]!.GetValue<string>().ShouldBe("sqlite");
        register["search_index"]!.GetValue<string>().ShouldBe("azure_ai_search");
    }

    public void Dispose() => _factory.Dispose();

    private static JsonObject Section(JsonObject record, string key) =>
        record["sections"]!.AsArray().Single(section => section!["key"]!.GetValue<string>() == key)!.AsObject();

    private static JsonObject Entry(JsonObject record, string section, string key) =>
        Section(record, section)["entries"]!.AsArray().Single(entry => entry!["key"]!.GetValue<string>() == key)!.AsObject();

    private static string[] Values(JsonObject record, string section, string key) =>
        [.. Entry(record, section, key)["values"]!.AsArray().Select(value => value!.GetValue<string>())];

}
