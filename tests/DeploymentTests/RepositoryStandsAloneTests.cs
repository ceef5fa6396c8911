using CitizenBot.DeploymentTests.Infrastructure;

namespace CitizenBot.DeploymentTests;

/// <summary>
/// A clone works alone: what the tests, the default settings and the verbs read is tracked in git, no tracked file names a
/// folder beside or outside the repository, and the import verb, run in a copy of the tracked files with nothing beside it,
/// finds the DLDB export there.
/// </summary>
public sealed class RepositoryStandsAloneTests
{
    /// <summary>Where files used to be read from before the repository carried them (split, so this file does not name them itself).</summary>
    private static readonly string[] OutsideFolders = [".." + "/shared", "/work" + "/"];

    [Fact]
    public async Task The_development_questions_and_the_DLDB_export_are_tracked_with_their_origin()
    {
        var tracked = await TrackedFilesAsync();

        tracked.ShouldContain("eval/dev.jsonl");
        tracked.ShouldContain("eval/README.md");
        tracked.ShouldContain("data/munich-dldb/services_de.json");
        tracked.ShouldContain("data/munich-dldb/locations_de.json");
        tracked.ShouldContain("data/munich-dldb/README.md");
        Repository.Read("data/munich-dldb/README.md").ShouldContain("Licence: EUPL-1.2");
    }

    [Fact]
    public async Task No_tracked_file_reads_from_a_folder_beside_or_outside_the_repository()
    {
        var tracked = await TrackedFilesAsync();

        var naming = tracked.Where(file => !file.StartsWith("data/", StringComparison.Ordinal) && !file.EndsWith("package-lock.json", StringComparison.Ordinal))
            .Where(file => OutsideFolders.Any(folder => File.ReadAllText(Repository.Path(file)).Contains(folder, StringComparison.Ordinal)))
            .ToList();

        naming.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_import_verb_in_a_copy_of_the_tracked_files_with_nothing_beside_it_finds_the_export_and_changes_nothing()
    {
        var parent = Path.Combine(Path.GetTempPath(), "citizenbot-alone", Guid.NewGuid().ToString("N"));
        var clone = Path.Combine(parent, "citizenbot");
        try
        {
            foreach (var file in await TrackedFilesAsync())
            {
                var target = Path.Combine(clone, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Repository.Path(file), target);
            }

            var import = await Repository.RunAsync("dotnet", [typeof(Program).Assembly.Location, "import"], workingDirectory: clone);

            Directory.EnumerateFileSystemEntries(parent).ShouldBe([clone], "nothing lies beside the copy");
            import.ExitCode.ShouldBe(0, import.ToString());
            import.Output.ShouldContain("0 written, 287 unchanged", customMessage: import.ToString());
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    private static async Task<List<string>> TrackedFilesAsync()
    {
        var files = await Repository.RunAsync("git", ["ls-files"]);
        files.ExitCode.ShouldBe(0, files.ToString());
        return [.. files.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
