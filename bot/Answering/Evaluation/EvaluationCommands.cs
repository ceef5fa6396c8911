using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CitizenBot.Cli;

namespace CitizenBot.Answering.Evaluation;

/// <summary>The `eval` verb: runs an evaluation set through the chat's answerer and a plain BM25 search, and prints both side by side.</summary>
public static class EvaluationCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static RootCommand AddEvaluationCommands(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Add(EvalCommand());
        root.Add(AskCommand());
        return root;
    }

    private static Command AskCommand()
    {
        var question = new Argument<string>("question") { Description = "the question as a citizen would type it" };
        var language = new Option<string>("--language") { Description = "the conversation's language (de or en)", DefaultValueFactory = _ => "de" };
        var knowledge = KnowledgeOption();
        var command = new Command("ask", "Answers one question as the chat would and shows the services the search ranked, with their scores: the editors' try-a-question box on the command line.")
        {
            question, language, knowledge,
        };
        command.SetAction(parse =>
        {
            var folder = Path.GetFullPath(parse.GetValue(knowledge)!, CitizenBotCli.RepositoryRoot().FullName);
            if (!Directory.Exists(folder))
            {
                Console.Error.WriteLine($"Not found: {folder}");
                return 2;
            }

            var settings = OfflineAnswering.BotSettings();
            var search = OfflineAnswering.Search(OfflineAnswering.LoadFolder(folder), settings);
            var text = parse.GetValue(question)!;
            var lang = parse.GetValue(language)!;
            foreach (var (hit, place) in search.Search(text, lang, 5).Hits.Select((hit, place) => (hit, place + 1)))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{place}. {hit.Document.Title} ({hit.Document.Id}) score {hit.Score:0.00}, coverage {hit.Coverage:0.00}"));
            }

            var answer = OfflineAnswering.Answerer(search, settings).Answer(new Question(text, lang));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{answer.Kind}, confidence {answer.Confidence:0.00}:"));
            Console.WriteLine(answer.Text);
            return 0;
        });
        return command;
    }

    private static Option<string> KnowledgeOption() => new("--knowledge")
    {
        Description = "the knowledge folder to answer from",
        DefaultValueFactory = _ => Path.Combine(CitizenBotCli.RepositoryRoot().FullName, "knowledge"),
    };

    private static Command EvalCommand()
    {
        var questions = new Option<string>("--questions") { Description = "evaluation questions (JSON Lines, one question per line)", Required = true };
        var json = new Option<bool>("--json") { Description = "print the figures as JSON instead of a table" };
        var calibrate = new Option<bool>("--calibrate") { Description = "also refit the confidence model and print its cross-validated figures" };
        var misses = new Option<bool>("--misses") { Description = "also list the questions whose expected service was not first, with what came first" };
        var knowledge = KnowledgeOption();
        var command = new Command("eval", "Answers every question as the chat would; prints top-1, top-3, MRR, answer facts and abstention per kind and style, beside a plain BM25 search.")
        {
            questions, json, misses, calibrate, knowledge,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = CitizenBotCli.RepositoryRoot().FullName;
            var questionsPath = Path.GetFullPath(parse.GetValue(questions)!, root);
            var folder = Path.GetFullPath(parse.GetValue(knowledge)!, root);
            if (!File.Exists(questionsPath) || !Directory.Exists(folder))
            {
                await Console.Error.WriteLineAsync($"Not found: {(File.Exists(questionsPath) ? folder : questionsPath)}");
                return 2;
            }

            var documents = OfflineAnswering.LoadFolder(folder);
            var settings = OfflineAnswering.BotSettings();
            var search = OfflineAnswering.Search(documents, settings);
            var answerer = OfflineAnswering.Answerer(search, settings);
            var evaluationQuestions = EvaluationQuestion.Load(questionsPath);
            var report = await AnswerEvaluation.RunAsync(evaluationQuestions, answerer, OfflineAnswering.Redactor(documents, settings), new PlainBm25Search(documents), cancellationToken);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report.Summary(), Json) : report.ToTable());
            if (parse.GetValue(calibrate))
            {
                var threshold = settings.GetSection(AnsweringOptions.Section).Get<AnsweringOptions>()?.MinimumConfidence ?? new AnsweringOptions().MinimumConfidence;
                Console.WriteLine(ConfidenceCalibration.Run(evaluationQuestions, search, threshold));
            }

            if (parse.GetValue(misses))
            {
                var titles = documents.ToDictionary(document => document.Id, document => document.Title, StringComparer.Ordinal);
                foreach (var outcome in report.ServiceQuestions.Where(outcome => outcome.Rank != 1))
                {
                    var first = outcome.Answer.RankedServiceIds.Take(3).Select(id => titles.GetValueOrDefault(id, id));
                    Console.WriteLine($"{outcome.Question.Id} {outcome.Answer.Kind} rank {outcome.Rank?.ToString(CultureInfo.InvariantCulture) ?? "-"}: expected {string.Join(", ", outcome.Question.Expected.Select(id => titles.GetValueOrDefault(id, id)))}; got {string.Join(" | ", first)}");
                }
            }
            return 0;
        });
        return command;
    }
}
