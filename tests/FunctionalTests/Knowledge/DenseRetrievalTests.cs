using System.ClientModel;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.Knowledge.Search.Dense;
using CitizenBot.Privacy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI;

namespace CitizenBot.FunctionalTests.Knowledge;

/// <summary>The optional embedding endpoint, fused with the word search by reciprocal rank fusion, against a fake speaking the OpenAI embeddings wire format.</summary>
public sealed class DenseRetrievalTests : IAsyncLifetime
{
    private const string Question = "Mein Cabrio fahre ich nur im Sommer, den Geländewagen nur im Winter. Welches Kennzeichen passt? Rückruf bitte unter 0171 2345678.";

    private static readonly KnowledgeDocument Alternating = Document("w", "Wechselkennzeichen", "Mit einem Wechselkennzeichen fahren Sie zwei Fahrzeuge abwechselnd mit demselben Kennzeichen.");
    private static readonly KnowledgeDocument Seasonal = Document("s", "Saisonkennzeichen", "Ein Saisonkennzeichen gilt nur in bestimmten Monaten, etwa für ein Fahrzeug, das nur im Sommer oder nur im Winter fährt.");
    private static readonly KnowledgeDocument Reserved = Document("r", "Kennzeichen reservieren", "Ein Wunschkennzeichen können Sie reservieren. Das Kennzeichen gilt dann für Sie.");
    private static readonly KnowledgeDocument Dog = Document("h", "Hundesteuer", "Wer einen Hund hält, zahlt Hundesteuer.");

    private FakeEmbeddingModel _model = null!;

    public async Task InitializeAsync() =>
        _model = await FakeEmbeddingModel.StartAsync(["wechsel", "cabrio", "geländewagen", "zwei fahrzeuge"], ["saison", "monaten"], ["reservier", "wunsch"], ["hund"]);

    public async Task DisposeAsync() => await _model.DisposeAsync();

    [Fact]
    public async Task A_question_that_shares_no_word_with_the_right_service_finds_it_through_the_embeddings()
    {
        var (words, fused, vectors) = Searches(Alternating, Seasonal, Reserved, Dog);
        await vectors.UpdateAsync(Snapshot(Alternating, Seasonal, Reserved, Dog), CancellationToken.None);

        words.Search(Question, "de", 3).Hits[0].Document.Id.ShouldNotBe("w", "the word search alone must miss it, or this test proves nothing");
        var results = await fused.SearchAsync(Question, "de", 3, CancellationToken.None);

        results.Hits[0].Document.Id.ShouldBe("w");
        results.Hits[0].Document.Title.ShouldBe("Wechselkennzeichen");
    }

    [Fact]
    public async Task The_question_reaches_the_embedding_endpoint_only_redacted()
    {
        var (_, fused, vectors) = Searches(Alternating, Seasonal, Reserved, Dog);
        await vectors.UpdateAsync(Snapshot(Alternating, Seasonal, Reserved, Dog), CancellationToken.None);

        await fused.SearchAsync(Question, "de", 3, CancellationToken.None);

        _model.Inputs.ShouldContain(input => input.Contains("Cabrio", StringComparison.Ordinal));
        _model.Inputs.ShouldAllBe(input => !input.Contains("2345678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_endpoint_leaves_the_word_search_answering()
    {
        var (words, fused, vectors) = Searches(Alternating, Seasonal, Reserved, Dog);
        await vectors.UpdateAsync(Snapshot(Alternating, Seasonal, Reserved, Dog), CancellationToken.None);
        _model.Failing = true;

        var results = await fused.SearchAsync("Was kostet die Hundesteuer?", "de", 3, CancellationToken.None);

        results.Hits[0].Document.Id.ShouldBe("h");
        results.Hits.Select(hit => hit.Document.Id).ShouldBe(words.Search("Was kostet die Hundesteuer?", "de", 3).Hits.Select(hit => hit.Document.Id));
    }

    [Fact]
    public async Task After_an_edit_only_the_changed_service_is_embedded_again()
    {
        var (_, _, vectors) = Searches(Alternating, Seasonal, Reserved, Dog);
        await vectors.UpdateAsync(Snapshot(Alternating, Seasonal, Reserved, Dog), CancellationToken.None);
        var before = _model.Inputs.Count;

        var edited = Dog with { Sections = [new KnowledgeSection("Beschreibung", "Wer einen Hund hält, zahlt 100 Euro Hundesteuer im Jahr.")], ContentHash = "h2" };
        await vectors.UpdateAsync(Snapshot(Alternating, Seasonal, Reserved, edited), CancellationToken.None);

        _model.Inputs.Count.ShouldBe(before + 1);
        _model.Inputs.Last().ShouldContain("100 Euro");
        vectors.Count.ShouldBe(4);
    }

    [Fact]
    public void Embeddings_switched_on_without_an_endpoint_stop_the_bot_from_starting()
    {
        using var bot = new CitizenBotFactory(settings: new Dictionary<string, string?>
        {
            ["KnowledgeSearch:Embeddings:Enabled"] = "true",
            ["KnowledgeSearch:Embeddings:Model"] = "test-embeddings",
        });

        Should.Throw<OptionsValidationException>(() => bot.CreateClient()).Message.ShouldContain("KnowledgeSearch:Embeddings:Endpoint must be an absolute http(s) address");
    }

    private (LuceneKnowledgeSearch Words, FusedKnowledgeSearch Fused, ServiceVectors Vectors) Searches(params KnowledgeDocument[] documents)
    {
        var options = Options.Create(new EmbeddingOptions { Enabled = true, Endpoint = new Uri(_model.Endpoint), Model = "test-embeddings" });
        var generator = new OpenAIClient(new ApiKeyCredential("test"), new OpenAIClientOptions { Endpoint = options.Value.Endpoint })
            .GetEmbeddingClient(options.Value.Model).AsIEmbeddingGenerator();
        var words = new LuceneKnowledgeSearch(new FixedKnowledge(documents), CitizenWords.None, NullLogger<LuceneKnowledgeSearch>.Instance);
        var vectors = new ServiceVectors(generator, options, NullLogger<ServiceVectors>.Instance);
        var fused = new FusedKnowledgeSearch(words, vectors, generator, PersonalDataRedactor.Create(OrdinaryWords.Read(new KnowledgeSearchOptions(), new PrivacyOptions(), documents), TimeProvider.System), options, NullLogger<FusedKnowledgeSearch>.Instance);
        return (words, fused, vectors);
    }

    private static KnowledgeSnapshot Snapshot(params KnowledgeDocument[] documents) => new(documents, 1, DateTimeOffset.UnixEpoch);

    private static KnowledgeDocument Document(string id, string title, string description) =>
        new(id, title, new Uri($"https://stadt.example/service/{id}/"), [], [], [], null, null, null, [], [new KnowledgeSection("Beschreibung", description)], $"{id}.md", id);

    private sealed class FixedKnowledge(IReadOnlyList<KnowledgeDocument> documents) : IKnowledgeBase
    {
        public KnowledgeSnapshot Current { get; } = Snapshot([.. documents]);

        public event EventHandler<KnowledgeSnapshot>? Changed
        {
            add { }
            remove { }
        }
    }
}
