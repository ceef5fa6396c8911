using System.Text.Json;
using CitizenBot.Answering;
using CitizenBot.Evaluation;
using CitizenBot.Knowledge.Search;
using CitizenBot.Privacy;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace CitizenBot.QualityTests;

/// <summary>The development set's questions with personal data: nothing personal survives redaction, and the redacted question still finds its service.</summary>
public sealed class PersonalDataRedactionTests(RedactionFixture fixture, ITestOutputHelper output) : IClassFixture<RedactionFixture>
{
    [Fact]
    public void No_personal_data_of_the_pii_questions_survives_redaction()
    {
        fixture.PiiQuestions.ShouldNotBeEmpty();
        foreach (var question in fixture.PiiQuestions)
        {
            var redacted = fixture.Redactor.Redact(question.Text).Text;
            output.WriteLine($"{question.Id}: {redacted}");
            foreach (var personal in question.Personal)
            {
                redacted.ShouldNotContain(personal, Case.Insensitive, $"{question.Id} still shows personal data");
            }
        }
    }

    [Fact]
    public void Redaction_never_costs_the_other_questions_their_service()
    {
        foreach (var question in fixture.OtherQuestions.Where(question => question.Expected.Count > 0))
        {
            var redacted = fixture.Redactor.Redact(question.Text);
            if (redacted.HadPersonalData)
            {
                output.WriteLine($"{question.Id}: {redacted.Text}");
            }

            var before = fixture.Answerer.Answer(new Question(question.Text, question.Language)).RankedServiceIds.Take(3).Intersect(question.Expected).Any();
            var after = fixture.Answerer.Answer(new Question(redacted.Text, question.Language)).RankedServiceIds.Take(3).Intersect(question.Expected).Any();
            (after || !before).ShouldBeTrue($"{question.Id}: {redacted.Text}");
        }
    }

    [Fact]
    public void Redacted_pii_questions_still_find_their_service_among_the_first_three()
    {
        foreach (var question in fixture.PiiQuestions)
        {
            var answer = fixture.Answerer.Answer(new Question(fixture.Redactor.Redact(question.Text).Text, question.Language));
            output.WriteLine($"{question.Id}: {answer.Kind} {string.Join(", ", answer.RankedServiceIds.Take(3))}");
            answer.Kind.ShouldBeOneOf([AnswerKind.Service, AnswerKind.AskBack], question.Id);
            answer.RankedServiceIds.Take(3).Intersect(question.Expected).ShouldNotBeEmpty(question.Id);
        }
    }
}

/// <summary>The bot's redactor with the vocabulary of the repository's knowledge folder, its answerer, and the dev set's pii lines.</summary>
public sealed class RedactionFixture
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public RedactionFixture()
    {
        var repository = EvaluationFixture.RepositoryRoot();
        var documents = OfflineAnswering.LoadFolder(Path.Combine(repository, "knowledge"));
        var settings = OfflineAnswering.BotSettings();
        var words = OrdinaryWords.Read(
            settings.GetSection(KnowledgeSearchOptions.Section).Get<KnowledgeSearchOptions>() ?? new(),
            settings.GetSection(PrivacyOptions.Section).Get<PrivacyOptions>() ?? new(),
            documents);
        Redactor = PersonalDataRedactor.Create(words, TimeProvider.System);
        Answerer = OfflineAnswering.Answerer(documents, settings);
        // Read the way EvaluationQuestion reads the file, plus the "pii" field that only these lines carry.
        PiiQuestions = [.. File.ReadLines(Path.Combine(repository, "eval", "dev.jsonl"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<PiiQuestion>(line, Json)!)
            .ToList()
            .Where(question => question.Kind == "pii")];
        OtherQuestions = [.. File.ReadLines(Path.Combine(repository, "eval", "dev.jsonl"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<PiiQuestion>(line, Json)!)
            .Where(question => question.Kind != "pii")];
    }

    public IReadOnlyList<PiiQuestion> OtherQuestions { get; }

    public PersonalDataRedactor Redactor { get; }

    public KnowledgeAnswerer Answerer { get; }

    public IReadOnlyList<PiiQuestion> PiiQuestions { get; }
}

public sealed record PiiQuestion(
    string Id,
    string Kind,
    [property: System.Text.Json.Serialization.JsonPropertyName("lang")] string Language,
    [property: System.Text.Json.Serialization.JsonPropertyName("question")] string Text,
    IReadOnlyList<string> Expected,
    [property: System.Text.Json.Serialization.JsonPropertyName("pii")] IReadOnlyList<string>? PersonalData)
{
    public IReadOnlyList<string> Personal => PersonalData ?? [];
}
