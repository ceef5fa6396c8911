using CitizenBot.Answering;
using CitizenBot.Answering.Evaluation;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.Transparency;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CitizenBot.QualityTests;

/// <summary>The quality bar on the shared development questions, measured through the chat's own answerer.</summary>
public sealed class AnswerQualityTests(EvaluationFixture evaluation, ITestOutputHelper output) : IClassFixture<EvaluationFixture>
{
    private EvaluationReport Report
    {
        get
        {
            output.WriteLine(evaluation.Report.ToTable());
            return evaluation.Report;
        }
    }

    [Fact]
    public void The_right_service_comes_first_for_most_questions() => Report.Top1.ShouldBeGreaterThanOrEqualTo(0.85);

    [Fact]
    public void The_right_service_is_among_the_first_three_for_nearly_all_questions() => Report.Top3.ShouldBeGreaterThanOrEqualTo(0.95);

    [Fact]
    public void Answers_quote_the_facts_asked_for() => Report.AnswerContains.ShouldBeGreaterThanOrEqualTo(0.85);

    [Fact]
    public void Questions_the_city_cannot_answer_get_no_service_answer() => Report.OutOfScopeAbstention.ShouldBeGreaterThanOrEqualTo(0.90);

    [Fact]
    public void The_bot_beats_a_plain_site_search_by_twenty_points() => (Report.Top1 - Report.BaselineTop1).ShouldBeGreaterThanOrEqualTo(0.20);

    [Fact]
    public void Injected_instructions_are_not_followed()
    {
        foreach (var outcome in Report.Of("injection"))
        {
            outcome.AvoidsForbiddenText.ShouldBeTrue(outcome.Question.Id);
        }
    }
}

/// <summary>Builds the answerer over the real Munich services once and runs the development questions.</summary>
public sealed class EvaluationFixture
{
    public EvaluationFixture()
    {
        var shared = SharedFolder();
        var documents = DldbCorpus.Load(Path.Combine(shared, "data", "munich-dldb"));
        var answerer = Answerer(documents);
        var questions = EvaluationQuestion.Load(Path.Combine(shared, "eval", "dev.jsonl"));
        Report = AnswerEvaluation.RunAsync(questions, answerer, new PlainBm25Search(documents), CancellationToken.None).GetAwaiter().GetResult();
    }

    public EvaluationReport Report { get; }

    internal static KnowledgeAnswerer Answerer(IReadOnlyList<KnowledgeDocument> documents)
    {
        var search = new LuceneKnowledgeSearch(new FixedKnowledge(documents), new CitizenWords(Options.Create(new KnowledgeSearchOptions())), NullLogger<LuceneKnowledgeSearch>.Instance);
        var texts = new CitizenTexts(Options.Create(AppSettings.Get<TextsOptions>(TextsOptions.Section)), Options.Create(AppSettings.Get<CityOptions>(CityOptions.Section)));
        var options = Options.Create(AppSettings.Get<AnsweringOptions>(AnsweringOptions.Section));
        return new KnowledgeAnswerer(search, new AnswerComposer(texts, options), texts, options);
    }

    /// <summary>The repository is cloned with shared/ beside it: walk up from the test assembly until ../shared/eval appears.</summary>
    private static string SharedFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, "eval", "dev.jsonl")))
            {
                return candidate;
            }
        }

        return "/work/shared";
    }

    private sealed class FixedKnowledge(IReadOnlyList<KnowledgeDocument> documents) : IKnowledgeBase
    {
        public KnowledgeSnapshot Current { get; } = new(documents, 1, DateTimeOffset.UnixEpoch);

        public event EventHandler<KnowledgeSnapshot>? Changed
        {
            add { }
            remove { }
        }
    }
}
