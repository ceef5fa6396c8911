using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.Knowledge;

public sealed class KnowledgeFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "citizenbot-knowledge-tests", Guid.NewGuid().ToString("N"));
    private readonly CitizenBotFactory _factory;

    public KnowledgeFolderTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "personalausweis-1.md"), Service("1", "Personalausweis", "Gebühr: 46 Euro"));
        File.WriteAllText(Path.Combine(_folder, "reisepass-2.md"), Service("2", "Reisepass", "Gebühr: 70 Euro"));
        _factory = new CitizenBotFactory(settings: new Dictionary<string, string?> { ["Knowledge:Folder"] = _folder });
    }

    private IKnowledgeBase Knowledge => _factory.Services.GetRequiredService<IKnowledgeBase>();

    private static string Service(string id, string title, string description) =>
        $"---\nid: \"{id}\"\ntitle: \"{title}\"\nurl: \"https://stadt.muenchen.de/service/info/x/{id}/\"\n---\n\n## Beschreibung\n\n{description}\n";

    [Fact]
    public void The_folder_is_served_from_the_start()
    {
        Knowledge.Current.Documents.Select(document => document.Title).ShouldBe(["Personalausweis", "Reisepass"]);
    }

    [Fact]
    public async Task A_saved_edit_is_served_without_restart()
    {
        var before = Knowledge.Current.Version;

        await File.WriteAllTextAsync(Path.Combine(_folder, "reisepass-2.md"), Service("2", "Reisepass", "Gebühr: 75 Euro"));

        var document = await WaitForAsync(() => Knowledge.Current.Documents.SingleOrDefault(d => d.Id == "2" && d.Sections[0].Markdown == "Gebühr: 75 Euro"));
        document.ShouldNotBeNull();
        Knowledge.Current.Version.ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task A_broken_file_keeps_its_last_good_version_and_the_admin_page_names_the_line()
    {
        var path = Path.Combine(_folder, "reisepass-2.md");
        Knowledge.Current.Documents.ShouldContain(document => document.Id == "2");
        await File.WriteAllTextAsync(path, Service("2", "Reisepass", "Gebühr: 99 Euro").Replace("title: \"Reisepass\"", "title: [Reisepass", StringComparison.Ordinal));
        var folderView = _factory.Services.GetRequiredService<KnowledgeFolder>();

        var status = await WaitForAsync(() => folderView.Files.SingleOrDefault(file => file.Path == "reisepass-2.md" && file.State == KnowledgeFileState.Error));

        status.ShouldNotBeNull();
        Knowledge.Current.Documents.Single(document => document.Id == "2").Sections[0].Markdown.ShouldBe("Gebühr: 70 Euro");
        var page = await (await _factory.SignedInClientAsync("editor")).GetStringAsync("/admin/knowledge");
        page.ShouldContain($"reisepass-2.md:{status.Errors[0].Line}: front matter:");
        page.ShouldContain("Die letzte fehlerfreie Fassung wird weiter verwendet.");
        page.ShouldContain("<section id=\"try-question\"");
    }

    [Fact]
    public async Task A_second_file_with_the_same_id_does_not_replace_the_first()
    {
        Knowledge.Current.Documents.Count.ShouldBe(2);
        await File.WriteAllTextAsync(Path.Combine(_folder, "zweiter-ausweis-1.md"), Service("1", "Zweiter Ausweis", "Kopie"));
        var folderView = _factory.Services.GetRequiredService<KnowledgeFolder>();

        var status = await WaitForAsync(() => folderView.Files.SingleOrDefault(file => file.Path == "zweiter-ausweis-1.md" && file.State == KnowledgeFileState.Error));

        status.ShouldNotBeNull().Errors.ShouldHaveSingleItem().Message.ShouldBe("duplicate id '1': also used by personalausweis-1.md");
        Knowledge.Current.Documents.Single(document => document.Id == "1").Title.ShouldBe("Personalausweis");
    }

    [Fact]
    public async Task A_deleted_or_retired_file_leaves_the_snapshot()
    {
        Knowledge.Current.Documents.Count.ShouldBe(2);
        File.Delete(Path.Combine(_folder, "reisepass-2.md"));
        await File.WriteAllTextAsync(
            Path.Combine(_folder, "personalausweis-1.md"),
            Service("1", "Personalausweis", "Gebühr: 46 Euro").Replace("---\n\n", "retired: true\n---\n\n", StringComparison.Ordinal));

        var snapshot = await WaitForAsync(() => Knowledge.Current.Documents.Count == 0 ? Knowledge.Current : null);

        snapshot.ShouldNotBeNull();
    }

    /// <summary>Polls until the _folder shows the expected state; bounded so a regression fails instead of hanging.</summary>
    private static async Task<T?> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return probe();
    }

    public void Dispose()
    {
        _factory.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
