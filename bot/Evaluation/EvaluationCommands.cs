using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CitizenBot.Cli;
using CitizenBot.Knowledge.Search;

namespace CitizenBot.Evaluation;

/// <summary>The `eval` and `ask` verbs: questions through the bot's own turn handler, as a citizen's message goes, beside a plain BM25 search.</summary>
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
        var command = new Command("ask", "Asks one question as a citizen would and shows what the bot understood, the services the search ranked, and the reply: the editors' try-a-question box on the command line.")
        {
            question, language, knowledge,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = FromRepository(parse.GetValue(knowledge)!);
            if (!Directory.Exists(folder))
            {
                await Console.Error.WriteLineAsync($"Not found: {folder}");
                return 2;
            }

            await using var bot = await EvaluationBot.StartAsync(folder, null, cancellationToken);
            var turn = await bot.AskAsync(parse.GetValue(question)!, parse.GetValue(language)!, cancellationToken);
            Console.WriteLine($"understood: {turn.Understood.Kind} ({turn.Understood.Evidence})");
            foreach (var (hit, place) in turn.Understood.Candidates.Hits.Select((hit, index) => (hit, index + 1)))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{place}. {hit.Document.Title} ({hit.Document.Id}) score {hit.Score:0.00}, coverage {hit.Coverage:0.00}"));
            }

            Console.WriteLine(turn.HandoffReason is { } reason ? $"handoff started ({reason})" : "no handoff");
            foreach (var reply in turn.Replies)
            {
                Console.WriteLine();
                Console.WriteLine(reply.Text);
                foreach (var action in reply.SuggestedActions?.Actions ?? [])
                {
                    Console.WriteLine($"  [{action.Title}]");
                }
            }

            return 0;
        });
        return command;
    }

    private static Command EvalCommand()
    {
        var questions = new Option<string>("--questions") { Description = "evaluation questions (JSON Lines, one question per line)", Required = true };
        var json = new Option<bool>("--json") { Description = "print the figures as JSON instead of a table" };
        var calibrate = new Option<bool>("--calibrate") { Description = "also fit the confidence model on the tuning half and print its figures on the check half" };
        var misses = new Option<bool>("--misses") { Description = "also list the questions the bot did not resolve, with what it understood and showed" };
        var corpus = new Option<string?>("--corpus") { Description = "a folder of understanding corpora (*.jsonl): prints precision and recall of person and injection recognition" };
        var knowledge = KnowledgeOption();
        var command = new Command("eval", "Asks every question as a citizen would, through the bot's turn handler; prints top-1, resolved within two turns, answer facts, abstention, handoffs per kind, style and half, beside a plain BM25 search.")
        {
            questions, json, misses, calibrate, corpus, knowledge,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var questionsPath = FromRepository(parse.GetValue(questions)!);
            var folder = FromRepository(parse.GetValue(knowledge)!);
            var corpusFolder = parse.GetValue(corpus) is { } given ? FromRepository(given) : null;
            if (!File.Exists(questionsPath) || !Directory.Exists(folder) || (corpusFolder is not null && !Directory.Exists(corpusFolder)))
            {
                await Console.Error.WriteLineAsync($"Not found: {(File.Exists(questionsPath) ? Directory.Exists(folder) ? corpusFolder : folder : questionsPath)}");
                return 2;
            }

            var evaluationQuestions = EvaluationQuestion.Load(questionsPath);
            await using var bot = await EvaluationBot.StartAsync(folder, null, cancellationToken);
            var report = await AnswerEvaluation.RunAsync(evaluationQuestions, bot, new PlainBm25Search(bot.Documents), cancellationToken);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report.Summary(), Json) : report.ToTable());
            if (corpusFolder is not null)
            {
                var understanding = await UnderstandingCorpusReport.RunAsync(CorpusLine.LoadFolder(corpusFolder), bot, cancellationToken);
                Console.WriteLine(understanding.ToTable());
                if (parse.GetValue(misses))
                {
                    foreach (var miss in understanding.Misses())
                    {
                        Console.WriteLine(miss);
                    }
                }
            }

            if (parse.GetValue(calibrate))
            {
                Console.WriteLine(ConfidenceCalibration.Run(evaluationQuestions, bot.Services.GetRequiredService<IKnowledgeSearch>()));
            }

            if (parse.GetValue(misses))
            {
                PrintMisses(report, bot);
            }

            return 0;
        });
        return command;
    }

    private static void PrintMisses(EvaluationReport report, EvaluationBot bot)
    {
        var titles = bot.Documents.ToDictionary(document => document.Id, document => document.Title, StringComparer.Ordinal);
        string Titles(IEnumerable<string> ids) => string.Join(" | ", ids.Select(id => titles.GetValueOrDefault(id, id)));
        foreach (var outcome in report.Outcomes.Where(Missed))
        {
            var turn = outcome.Turn;
            Console.WriteLine(
                $"{outcome.Question.Id} {outcome.Question.Kind} \"{outcome.Question.Question}\": {turn.Intent}{(turn.HandedOver ? " handed over" : "")}; shown {Titles(turn.Shown)}; search {Titles(turn.SearchRanking.Take(3))}; expected {Titles(outcome.Question.Expected)}");
        }
    }

    private static bool Missed(QuestionOutcome outcome) => outcome.Question.Kind switch
    {
        "service" or "pii" => !outcome.RightFirst || !outcome.ContainsExpectedFacts || outcome.Turn.HandedOver,
        "out_of_scope" => outcome.Answered,
        "handoff" => !outcome.Turn.HandedOver,
        _ => !outcome.AvoidsForbiddenText || outcome.Answered,
    };

    private static Option<string> KnowledgeOption() => new("--knowledge")
    {
        Description = "the knowledge folder to answer from",
        DefaultValueFactory = _ => Path.Combine(CitizenBotCli.RepositoryRoot().FullName, "knowledge"),
    };

    /// <summary>`dotnet run --project bot` runs in bot/, so relative paths are taken from the repository folder.</summary>
    private static string FromRepository(string path) => Path.GetFullPath(path, CitizenBotCli.RepositoryRoot().FullName);
}
