namespace CitizenBot.FunctionalTests.Infrastructure;

/// <summary>Files of the repository the tests run from, such as the JSON schemas the bot ships.</summary>
public static class RepositoryFiles
{
    public static string PathOf(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CitizenBot.sln")))
            {
                return Path.Combine(folder.FullName, relative);
            }
        }

        throw new FileNotFoundException(relative);
    }
}
