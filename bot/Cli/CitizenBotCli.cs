using System.CommandLine;
using CitizenBot.Evaluation;
using CitizenBot.Insights;
using CitizenBot.Knowledge;
using CitizenBot.Staff;
using CitizenBot.Transparency.Records;

namespace CitizenBot.Cli;

/// <summary>
/// The bot executable doubles as the editors' and operators' command line: when the first argument names a verb,
/// the verb runs instead of the web server. Each feature folder registers its own verbs here.
/// </summary>
public static class CitizenBotCli
{
    private static readonly string[] HelpWords = ["--help", "-h", "-?"];

    public static bool Handles(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0
            && (HelpWords.Contains(args[0]) || BuildRoot().Subcommands.Any(command => command.Name == args[0]));
    }

    public static Task<int> RunAsync(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    private static RootCommand BuildRoot()
    {
        var root = new RootCommand("CitizenBot: without a verb it runs the chatbot; with a verb it runs that tool.");
        root.AddKnowledgeCommands();
        root.AddEvaluationCommands();
        root.AddStaffCommands();
        root.AddRecordsCommands();
        root.AddCouncilReportCommands();
        return root;
    }

    /// <summary>The repository folder (the one holding CitizenBot.sln), so default paths work from the repo and from bot/.</summary>
    public static DirectoryInfo RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CitizenBot.sln")))
            {
                return folder;
            }
        }

        return new DirectoryInfo(Environment.CurrentDirectory);
    }
}
