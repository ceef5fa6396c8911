using System.CommandLine;
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
        return root;
    }

    private static Command EvalCommand()
    {
        var questions = new Option<string>("--questions") { Description = "evaluation questions (JSON Lines, one question per line)", Required = true };
        var json = new Option<bool>("--json") { Description = "print the figures as JSON instead of a table" };
        var knowledge = new Option<string>("--knowledge")
        {
            Description = "the knowledge folder to answer from",
            DefaultValueFactory = _ => Path.Combine(CitizenBotCli.RepositoryRoot().FullName, "knowledge"),
        };
        var command = new Command("eval", "Answers every question as the chat would; prints top-1, top-3, MRR, answer facts and abstention per kind and style, beside a plain BM25 search.")
        {
            questions, json, knowledge,
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
            var answerer = OfflineAnswering.Answerer(documents, OfflineAnswering.BotSettings());
            var report = await AnswerEvaluation.RunAsync(EvaluationQuestion.Load(questionsPath), answerer, new PlainBm25Search(documents), cancellationToken);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report.Summary(), Json) : report.ToTable());
            return 0;
        });
        return command;
    }
}
