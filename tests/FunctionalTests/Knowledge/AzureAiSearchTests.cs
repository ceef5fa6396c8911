using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.DirectLine;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Knowledge.Search.Azure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog.Core;

namespace CitizenBot.FunctionalTests.Knowledge;

/// <summary>The Azure AI Search backend against a fake speaking its REST wire format: schema, sync of changed services only, answers, failures.</summary>
[Collection(nameof(LogCapture))]
public sealed class AzureAiSearchTests : IAsyncLifetime, IDisposable
{
    private const string IndexName = "test-services";
    private const string ApiKey = "test-admin-key-0123456789";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "citizenbot-azure-tests", Guid.NewGuid().ToString("N"));
    private readonly CapturedLogs _logs = new();
    private FakeAzureAiSearch _azure = null!;
    private WebApplicationFactoryWithLogs _bot = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "services"));
        Write("personalausweis-1.md", Service("1", "Personalausweis", "Den Personalausweis beantragen Sie im Bürgerbüro. Gebühr: 37 Euro."));
        Write("reisepass-2.md", Service("2", "Reisepass", "Den Reisepass beantragen Sie im Bürgerbüro. Gebühr: 70 Euro."));
        Write("hundesteuer-3.md", Service("3", "Hundesteuer", "Wer einen Hund hält, zahlt Hundesteuer."));
        // Other services of a city, so that the words of the three above weigh as they would in a real folder.
        for (var other = 10; other < 40; other++)
        {
            Write($"leistung-{other}.md", Service($"{other}", $"Leistung {other}", $"Diese Leistung des Amtes {other} betrifft Fall {other}."));
        }

        await File.WriteAllTextAsync(Path.Combine(_folder, "words.de.txt"), "perso = Personalausweis\n");
        _azure = await FakeAzureAiSearch.StartAsync(ApiKey);
    }

    public void Dispose() => _bot?.Dispose();

    public async Task DisposeAsync()
    {
        Dispose();
        await _azure.DisposeAsync();
        _azure.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_index_and_the_editors_synonym_map_are_created_with_the_German_analyzer()
    {
        await StartInStepAsync();

        var fields = _azure.Indexes[IndexName]["fields"]!.AsArray().OfType<JsonObject>().ToDictionary(field => field["name"]!.GetValue<string>());
        foreach (var searched in new[] { "title", "summary", "body" })
        {
            fields[searched]["analyzer"]!.GetValue<string>().ShouldBe("de.microsoft");
            fields[searched]["synonymMaps"]!.AsArray().Select(name => name!.GetValue<string>()).ShouldBe([$"{IndexName}-citizen-words"]);
        }

        fields["id"]["key"]!.GetValue<bool>().ShouldBeTrue();
        fields.Keys.ShouldContain("contentHash");
        var map = _azure.SynonymMaps[$"{IndexName}-citizen-words"];
        map["format"]!.GetValue<string>().ShouldBe("solr");
        map["synonyms"]!.GetValue<string>().ShouldContain("perso => perso, personalausweis");
        _azure.Documents(IndexName).Count.ShouldBe(33);
        _azure.Unknown.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_citizen_gets_the_service_Azure_ranks_first_with_its_citation_and_Azure_sees_no_phone_number()
    {
        await StartInStepAsync();
        // Azure now lacks the service the local index would pick, so only an answer ranked by Azure can cite the passport.
        _azure.Forget(IndexName, ServiceSearchDocument.KeyOf("1"));

        var reply = await AskAsync("Personalausweis beantragen im Bürgerbüro. Tel. 0171 2345678", replies: 2);

        CitedUrl(reply).ShouldBe("https://stadt.example/service/2/");
        reply["text"]!.GetValue<string>().ShouldContain("70 Euro");
        _azure.Questions.ShouldContain(question => question.Contains("bürgerbüro", StringComparison.Ordinal));
        _azure.Questions.ShouldAllBe(question => !question.Contains("2345678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Editing_one_file_pushes_only_that_service()
    {
        await StartInStepAsync();
        _azure.Written.Count.ShouldBe(33);

        Write("reisepass-2.md", Service("2", "Reisepass", "Den Reisepass beantragen Sie im Bürgerbüro. Gebühr: 75 Euro."));

        await WaitUntilAsync(() => _azure.Written.Count > 33);
        await WaitUntilAsync(() => Logged("pushed 1 new or changed services"));
        _azure.Written.Count.ShouldBe(34);
        _azure.Written.Last().ShouldBe(ServiceSearchDocument.KeyOf("2"));
        _azure.Documents(IndexName)[ServiceSearchDocument.KeyOf("2")]["body"]!.GetValue<string>().ShouldContain("75 Euro");
    }

    [Fact]
    public async Task Deleting_a_file_deletes_the_service_from_the_index()
    {
        await StartInStepAsync();

        File.Delete(Path.Combine(_folder, "services", "hundesteuer-3.md"));

        await WaitUntilAsync(() => !_azure.Documents(IndexName).ContainsKey(ServiceSearchDocument.KeyOf("3")));
        _azure.Deleted.ShouldBe([ServiceSearchDocument.KeyOf("3")]);
        _azure.Written.Count.ShouldBe(33);
    }

    [Fact]
    public async Task A_service_Azure_refuses_is_pushed_again_later()
    {
        _azure.RefusedKeys[ServiceSearchDocument.KeyOf("3")] = true;

        await StartInStepAsync();

        Logged("Azure AI Search refused 1 services").ShouldBeTrue();
        await WaitUntilAsync(() => _azure.Documents(IndexName).ContainsKey(ServiceSearchDocument.KeyOf("3")));
        _azure.Documents(IndexName).Count.ShouldBe(33);
    }

    [Fact]
    public async Task With_Azure_down_the_citizen_still_gets_an_answer_from_the_local_index()
    {
        await StartInStepAsync();
        await _azure.DisposeAsync();

        var reply = await AskAsync("Was kostet der Reisepass?");

        CitedUrl(reply).ShouldBe("https://stadt.example/service/2/");
        Logged("Azure AI Search did not answer a question").ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_api_key_is_logged_clearly_and_citizens_are_answered_from_the_local_index()
    {
        Start(ApiKey.Replace("0123", "9999", StringComparison.Ordinal));

        await WaitUntilAsync(() => Logged("refused the API key (HTTP 403)"));
        var reply = await AskAsync("Was kostet der Reisepass?");

        _logs.Lines.ShouldContain(line => line.Contains("check KnowledgeSearch:AzureAiSearch:ApiKey", StringComparison.Ordinal));
        CitedUrl(reply).ShouldBe("https://stadt.example/service/2/");
        _azure.Documents(IndexName).ShouldBeEmpty();
    }

    [Fact]
    public async Task With_a_vector_field_and_semantic_ranking_services_carry_embeddings_and_questions_ask_for_both()
    {
        await using var model = await FakeEmbeddingModel.StartAsync(["reisepass"], ["ausweis"], ["hund"]);
        Start(ApiKey, new Dictionary<string, string?>
        {
            ["KnowledgeSearch:Embeddings:Enabled"] = "true",
            ["KnowledgeSearch:Embeddings:Endpoint"] = model.Endpoint,
            ["KnowledgeSearch:Embeddings:Model"] = "test-embeddings",
            ["KnowledgeSearch:AzureAiSearch:VectorField"] = "embedding",
            ["KnowledgeSearch:AzureAiSearch:VectorDimensions"] = "4",
            ["KnowledgeSearch:AzureAiSearch:SemanticConfiguration"] = "services-semantic",
        });
        await WaitUntilAsync(() => _bot.Services.GetRequiredService<AzureIndexHealth>().InStep);

        var reply = await AskAsync("Was kostet der Reisepass?");

        var index = _azure.Indexes[IndexName];
        var vector = index["fields"]!.AsArray().OfType<JsonObject>().Single(field => field["name"]!.GetValue<string>() == "embedding");
        vector["dimensions"]!.GetValue<int>().ShouldBe(4);
        index["vectorSearch"]!["algorithms"]![0]!["kind"]!.GetValue<string>().ShouldBe("hnsw");
        index["semantic"]!["configurations"]![0]!["name"]!.GetValue<string>().ShouldBe("services-semantic");
        _azure.Documents(IndexName)[ServiceSearchDocument.KeyOf("2")]["embedding"]!.AsArray().Count.ShouldBe(4);
        var query = _azure.QuestionBodies.ShouldHaveSingleItem();
        query["queryType"]!.GetValue<string>().ShouldBe("semantic");
        query["semanticConfiguration"]!.GetValue<string>().ShouldBe("services-semantic");
        query["vectorQueries"]![0]!["fields"]!.GetValue<string>().ShouldBe("embedding");
        query["vectorQueries"]![0]!["vector"]!.AsArray().Count.ShouldBe(4);
        CitedUrl(reply).ShouldBe("https://stadt.example/service/2/");
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "must be an absolute https address")]
    [InlineData("search.windows.net", "must be an absolute https address")]
    public void An_endpoint_that_is_not_https_stops_the_bot_from_starting(string endpoint, string expected)
    {
        using var bot = new CitizenBotFactory(settings: new Dictionary<string, string?>
        {
            ["KnowledgeSearch:Backend"] = "AzureAiSearch",
            ["KnowledgeSearch:AzureAiSearch:Endpoint"] = endpoint,
            ["KnowledgeSearch:AzureAiSearch:ApiKey"] = ApiKey,
        });

        Should.Throw<OptionsValidationException>(() => bot.CreateClient()).Message.ShouldContain($"KnowledgeSearch:AzureAiSearch:Endpoint {expected}");
    }

    private static string Service(string id, string title, string description) =>
        $"---\nid: \"{id}\"\ntitle: \"{title}\"\nurl: \"https://stadt.example/service/{id}/\"\n---\n\n## Beschreibung\n\n{description}\n";

    private void Write(string file, string content) => File.WriteAllText(Path.Combine(_folder, "services", file), content);

    private bool Logged(string text) => _logs.Lines.Any(line => line.Contains(text, StringComparison.Ordinal));

    private void Start(string apiKey, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Knowledge:Folder"] = Path.Combine(_folder, "services"),
            ["KnowledgeSearch:WordListPaths:0"] = Path.Combine(_folder, "words.de.txt"),
            ["KnowledgeSearch:WordListPaths:1"] = "",
            ["KnowledgeSearch:Backend"] = "AzureAiSearch",
            ["KnowledgeSearch:AzureAiSearch:Endpoint"] = _azure.Endpoint,
            ["KnowledgeSearch:AzureAiSearch:IndexName"] = IndexName,
            ["KnowledgeSearch:AzureAiSearch:ApiKey"] = apiKey,
            ["KnowledgeSearch:AzureAiSearch:RetryAfter"] = "00:00:00.300",
            // Thresholds are fitted on a city's whole catalogue; these tests ask two services whether they are found at all.
            ["Understanding:MinimumScore"] = "0",
            ["Answering:AnswerFromConfidence"] = "0",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        _bot = new WebApplicationFactoryWithLogs(new CitizenBotFactory(settings: settings), _logs, _azure);
        // The factory starts the bot lazily; the sync should begin now.
        _ = _bot.Services;
    }

    private async Task StartInStepAsync()
    {
        Start(ApiKey);
        var health = _bot.Services.GetRequiredService<AzureIndexHealth>();
        await WaitUntilAsync(() => health.InStep);
    }

    /// <summary>Asks and returns the bot's last reply of <paramref name="replies"/> (a question with personal data first gets a privacy notice).</summary>
    private async Task<JsonObject> AskAsync(string question, int replies = 1)
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_bot.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();
        await client.WaitForBotMessagesAsync(id, 1);
        var response = await client.PostMessageAsync(id, question);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var posted = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if ((await client.GetActivitiesAsync(id)).Activities().Where(activity => activity.IsBotReplyTo(posted)).Skip(replies - 1).FirstOrDefault() is { } reply)
            {
                reply.HasAiLabel().ShouldBeTrue();
                return reply;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The bot did not reply to {posted}.");
    }

    private static string CitedUrl(JsonObject reply) =>
        reply["entities"]!.AsArray().OfType<JsonObject>()
            .SelectMany(entity => entity["citation"]?.AsArray().OfType<JsonObject>() ?? [])
            .ShouldHaveSingleItem(reply.Text())["appearance"]!["url"]!.GetValue<string>();

    /// <summary>Polls, bounded to 20 seconds, so a regression fails instead of hanging.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 200 && !condition(); attempt++)
        {
            await Task.Delay(100);
        }

        condition().ShouldBeTrue();
    }

    /// <summary>The bot with every log event captured.</summary>
    private sealed class WebApplicationFactoryWithLogs(CitizenBotFactory factory, CapturedLogs logs, FakeAzureAiSearch azure) : IDisposable
    {
        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app =
            factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILogEventSink>(logs);
                services.AddHttpClient("AzureAiSearch").ConfigurePrimaryHttpMessageHandler(azure.TrustingHandler);
            }));

        public IServiceProvider Services => _app.Services;

        public HttpClient CreateClient() => _app.CreateClient();

        public void Dispose()
        {
            _app.Dispose();
            factory.Dispose();
        }
    }
}
