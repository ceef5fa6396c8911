using System.Diagnostics;
using System.Globalization;
using CitizenBot.Answering;
using CitizenBot.Answering.Generation;
using CitizenBot.Evaluation;
using CitizenBot.Insights;
using CitizenBot.Privacy;
using CitizenBot.SharedKernel;
using CitizenBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Measures, per service answer, what the model path adds around the model call: finding the cited services' sections,
// numbering them, building the prompt (before), and the grounding check plus composing the cited reply (after).
// The extractive answer's own time is printed alongside for scale. Prints figures; asserts nothing; calls no model.
var repository = RepositoryRoot();
var documents = OfflineAnswering.LoadFolder(Path.Combine(repository, "knowledge"));
var settings = OfflineAnswering.BotSettings();
var search = OfflineAnswering.Search(documents, settings);
var extractive = OfflineAnswering.Answerer(search, settings);
var texts = new CitizenTexts(
    Options.Create(settings.GetSection(TextsOptions.Section).Get<TextsOptions>()!),
    Options.Create(settings.GetSection(CityOptions.Section).Get<CityOptions>()!));
var generation = Options.Create(new GenerationOptions { Enabled = true, Endpoint = new Uri("http://127.0.0.1:9/v1"), Model = "benchmark" });
using var services = new ServiceCollection().AddHttpClient().AddMetrics().BuildServiceProvider();
var metrics = new LanguageModelMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
var model = new LanguageModel(services.GetRequiredService<IHttpClientFactory>(), generation, metrics);
// Fallbacks are recorded as incidents; this run never falls back, but the log needs a real database behind it.
var dataFolder = Directory.CreateTempSubdirectory("citizenbot-model-overhead");
await using var database = new SqliteDatabase(Options.Create(new StorageOptions { DataFolder = dataFolder.FullName }), new HostingEnvironment { ContentRootPath = dataFolder.FullName });
var incidents = new IncidentLog(database, TimeProvider.System, NullLogger<IncidentLog>.Instance);
var grounded = new GroundedAnswerer(extractive, search, model, new UnchangedText(), texts, generation, metrics, incidents, NullLogger<GroundedAnswerer>.Instance);

var questions = EvaluationQuestion.Load(DevQuestions(repository))
    .Select(question => new Question(question.Question, question.Lang))
    .Select(question => (Question: question, Quoted: extractive.Answer(question)))
    .Where(pair => pair.Quoted.Kind == AnswerKind.Service)
    .ToList();

var answer = new List<double>();
var before = new List<double>();
var after = new List<double>();
var promptCharacters = new List<double>();
for (var pass = 0; pass < 6; pass++)
{
    foreach (var (question, _) in questions)
    {
        var clock = Stopwatch.StartNew();
        var quoted = extractive.Answer(question);
        var answered = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var prepared = grounded.Prepare(question, quoted);
        var prepareTime = clock.Elapsed.TotalMilliseconds;

        // A realistic reply: a sentence from each of the first two sources, each cited.
        var reply = string.Join(" ", prepared.Sources.Take(2).Select(source => FirstSentence(source.Text) + $" [{source.Number}]"));
        clock.Restart();
        var verdict = GroundingCheck.Check(reply, prepared.Sources, prepared.CitizenText);
        var composed = verdict.Passed ? grounded.Compose(reply, verdict.CitedNumbers, prepared.Sources, question.Language, quoted) : quoted;
        var checkTime = clock.Elapsed.TotalMilliseconds;
        GC.KeepAlive(composed);

        // The first pass warms up the JIT and is not counted.
        if (pass > 0)
        {
            answer.Add(answered);
            before.Add(prepareTime);
            after.Add(checkTime);
            promptCharacters.Add(prepared.Prompt.Sum(message => message.Content?.Length ?? 0));
        }
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{questions.Count} development questions answered from a service, 5 passes after a warm-up pass"));
Console.WriteLine("step                                    p50 ms   p95 ms   p99 ms");
Print("extractive answer (for scale)", answer);
Print("before the call: sections + prompt", before);
Print("after the call: check + compose", after);
Print("model path overhead (before + after)", [.. before.Zip(after, (b, a) => b + a)]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prompt size: median {Percentile(promptCharacters, 0.5):0} characters, p95 {Percentile(promptCharacters, 0.95):0}"));

static void Print(string label, List<double> times) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{label,-38} {Percentile(times, 0.5),7:0.000}  {Percentile(times, 0.95),7:0.000}  {Percentile(times, 0.99),7:0.000}"));

static double Percentile(List<double> values, double share)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
}

static string FirstSentence(string text)
{
    var flat = text.ReplaceLineEndings(" ");
    var end = flat.IndexOf(". ", StringComparison.Ordinal);
    return end < 0 ? flat : flat[..(end + 1)];
}

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "CitizenBot.sln")))
        {
            return folder.FullName;
        }
    }

    throw new DirectoryNotFoundException($"No CitizenBot.sln above {AppContext.BaseDirectory}");
}

static string DevQuestions(string repository) => Path.Combine(repository, "eval", "dev.jsonl");

/// <summary>Redaction is the privacy feature's to measure; here the question passes unchanged so only the model path is timed.</summary>
internal sealed class UnchangedText : IPersonalDataRedactor
{
    public RedactedText Redact(string text) => new(text, []);
}
