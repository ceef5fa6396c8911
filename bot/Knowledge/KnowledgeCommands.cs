using System.CommandLine;
using CitizenBot.Cli;
using CitizenBot.Knowledge.Import;
using CitizenBot.Knowledge.Validation;

namespace CitizenBot.Knowledge;

/// <summary>The knowledge folder's verbs: import the DLDB export, validate the folder.</summary>
public static class KnowledgeCommands
{
    public static RootCommand AddKnowledgeCommands(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Add(ImportCommand());
        root.Add(ValidateCommand());
        return root;
    }

    /// <summary>`dotnet run --project bot` runs in bot/, so relative paths are taken from the repository folder.</summary>
    private static string FromRepository(string path) => Path.GetFullPath(path, CitizenBotCli.RepositoryRoot().FullName);

    private static string DefaultFolder() => Path.Combine(CitizenBotCli.RepositoryRoot().FullName, "knowledge");

    private static string DefaultExport(string file) =>
        Path.Combine(CitizenBotCli.RepositoryRoot().FullName, "data", "munich-dldb", file);

    private static Command ImportCommand()
    {
        var export = new Option<string>("--export") { Description = "services_de.json of the DLDB export", DefaultValueFactory = _ => DefaultExport("services_de.json") };
        var locations = new Option<string>("--locations") { Description = "locations_de.json of the DLDB export", DefaultValueFactory = _ => DefaultExport("locations_de.json") };
        var output = new Option<string>("--out") { Description = "the knowledge folder to write", DefaultValueFactory = _ => DefaultFolder() };
        var licence = new Option<string>("--licence") { Description = "licence of the exported texts", DefaultValueFactory = _ => "EUPL-1.2" };
        var command = new Command("import", "Imports the DLDB export into the knowledge folder; keeps what editors wrote (synonyms, situations, ...).")
        {
            export, locations, output, licence,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await new KnowledgeImport(parse.GetValue(licence)!).RunAsync(
                FromRepository(parse.GetValue(export)!), FromRepository(parse.GetValue(locations)!), FromRepository(parse.GetValue(output)!), cancellationToken);
            foreach (var message in result.Messages)
            {
                await Console.Error.WriteLineAsync(message);
            }

            Console.WriteLine($"{result.Written} written, {result.Unchanged} unchanged");
            return result.Failed ? 1 : 0;
        });
        return command;
    }

    private static Command ValidateCommand()
    {
        var folder = new Option<string>("--folder") { Description = "the knowledge folder to check", DefaultValueFactory = _ => DefaultFolder() };
        var command = new Command("validate", "Checks every knowledge file; prints path:line: message per problem; exit code 1 on any error.") { folder };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var problems = await KnowledgeValidator.ValidateFolderAsync(
                FromRepository(parse.GetValue(folder)!), CitizenBotCli.RepositoryRoot().FullName, cancellationToken);
            foreach (var problem in problems)
            {
                Console.WriteLine(problem);
            }

            var errors = problems.Count(problem => problem.Severity == ProblemSeverity.Error);
            Console.WriteLine($"{errors} errors, {problems.Count - errors} warnings");
            return errors > 0 ? 1 : 0;
        });
        return command;
    }
}
