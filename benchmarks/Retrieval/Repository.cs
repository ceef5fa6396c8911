using CitizenBot.Evaluation;
using CitizenBot.Knowledge;

namespace CitizenBot.RetrievalBenchmark;

/// <summary>Where the knowledge folder and the development questions are, seen from the benchmark's build folder.</summary>
internal static class Repository
{
    public static string Root()
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

    /// <summary>The development questions kept in the repository plus every service title as a short query.</summary>
    public static IReadOnlyList<string> Questions(string repository, IReadOnlyList<KnowledgeDocument> documents)
    {
        var development = EvaluationQuestion.Load(Path.Combine(repository, "eval", "dev.jsonl")).Select(question => question.Question);
        return [.. development.Concat(documents.Select(document => document.Title))];
    }
}
