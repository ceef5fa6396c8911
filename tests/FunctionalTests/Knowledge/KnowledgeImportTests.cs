using CitizenBot.Cli;

namespace CitizenBot.FunctionalTests.Knowledge;

public sealed class KnowledgeImportTests : IDisposable
{
    private const string Services = """
        {"data":[
          {"id":"1063441","name":"Personalausweis","description":"<p>\u200bDer Ausweis&nbsp;gilt zehn Jahre.</p>","fees":"<ul><li>vorläufiger Personalausweis: 10 Euro</li></ul>",
           "meta":{"keywords":"Perso, Ausweis","lastupdate":"2026-06-08T07:41:01"},"leika":"99","public":true,
           "locations":[{"location":"10489","appointment":{"link":"https://stadt.muenchen.de/termin/#/services/1063441/locations/10489","allowed":true}}],
           "links":[],"forms":[{"name":"Vollmacht","link":"https://stadt.muenchen.de/vollmacht.pdf","description":false}],
           "appointment":{"link":"https://stadt.muenchen.de/termin/#/services/{serviceId}"}},
          {"id":"1064377","name":"Fahrschulerlaubnis","description":"","meta":{"keywords":"","lastupdate":"2026-06-08T07:41:01"},"leika":"98","public":false,
           "locations":[],"links":[],"forms":[],"appointment":{"link":"https://stadt.muenchen.de/termin/#/services/{serviceId}"}}
        ]}
        """;

    private const string Locations = """
        {"data":[{"id":"10489","name":"Bürgerbüro Ruppertstraße","organization":"Landeshauptstadt München","organizationUnit":"Kreisverwaltungsreferat",
          "address":{"street":"Ruppertstraße","house_number":"19","postal_code":"80337","city":"München"},
          "contact":{"phone":"089 233-96000","fax":"","email":"buergerbuero.kvr@muenchen.de","webinfo":""}}]}
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "citizenbot-import-tests", Guid.NewGuid().ToString("N"));

    public KnowledgeImportTests() => Directory.CreateDirectory(_root);

    private string Folder => Path.Combine(_root, "knowledge");

    private string Ausweis => Path.Combine(Folder, "personalausweis-1063441.md");

    private async Task<int> ImportAsync(string services = Services)
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "services_de.json"), services);
        await File.WriteAllTextAsync(Path.Combine(_root, "locations_de.json"), Locations);
        return await CitizenBotCli.RunAsync(["import", "--export", Path.Combine(_root, "services_de.json"), "--locations", Path.Combine(_root, "locations_de.json"), "--out", Folder]);
    }

    private Dictionary<string, byte[]> Snapshot() =>
        Directory.GetFiles(Folder).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);

    [Fact]
    public async Task Importing_the_same_export_twice_changes_no_byte()
    {
        (await ImportAsync()).ShouldBe(0);
        var first = Snapshot();

        (await ImportAsync()).ShouldBe(0);

        var second = Snapshot();
        second.Keys.Order().ShouldBe(["fahrschulerlaubnis-1064377.md", "personalausweis-1063441.md"]);
        foreach (var (name, bytes) in first)
        {
            second[name].ShouldBe(bytes, name);
        }
    }

    [Fact]
    public async Task The_imported_file_carries_the_service_as_editors_and_the_bot_read_it()
    {
        await ImportAsync();

        var text = await File.ReadAllTextAsync(Ausweis);
        text.ShouldContain("url: \"https://stadt.muenchen.de/service/info/personalausweis/1063441/\"");
        text.ShouldContain("appointment: \"https://stadt.muenchen.de/termin/#/services/1063441\"");
        text.ShouldContain("## Beschreibung\n\nDer Ausweis gilt zehn Jahre.\n");
        text.ShouldContain("## Gebühren\n\n- vorläufiger Personalausweis: 10 Euro\n");
        text.ShouldContain("## Formulare\n\n- [Vollmacht](https://stadt.muenchen.de/vollmacht.pdf)\n");
        text.ShouldContain("### Bürgerbüro Ruppertstraße\n\n- Kreisverwaltungsreferat, Landeshauptstadt München\n- Adresse: Ruppertstraße 19, 80337 München\n");
        var empty = await File.ReadAllTextAsync(Path.Combine(Folder, "fahrschulerlaubnis-1064377.md"));
        empty.ShouldContain("flags:\n  - \"no-description\"\n  - \"not-public\"\n  - \"no-office\"\n");
        empty.ShouldNotContain("## ");
    }

    [Fact]
    public async Task What_editors_wrote_survives_a_new_export_and_tool_fields_are_replaced()
    {
        await ImportAsync();
        var edited = (await File.ReadAllTextAsync(Ausweis))
            .Replace("situations: []", "situations:\n  - \"Geldbeutel geklaut\"", StringComparison.Ordinal)
            .Replace("synonyms: []", "synonyms: [Perso, ID-Karte]", StringComparison.Ordinal)
            .Replace("gilt zehn Jahre", "gilt elf Jahre", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Ausweis, edited);

        (await ImportAsync(Services.Replace("Perso, Ausweis", "Perso, Ausweis, Identitätskarte", StringComparison.Ordinal))).ShouldBe(0);

        var text = await File.ReadAllTextAsync(Ausweis);
        text.ShouldContain("situations:\n  - \"Geldbeutel geklaut\"\n");
        text.ShouldContain("synonyms:\n  - \"Perso\"\n  - \"ID-Karte\"\n");
        text.ShouldContain("  - \"Identitätskarte\"\n");
        text.ShouldContain("gilt zehn Jahre");
    }

    [Fact]
    public async Task The_editors_Leichte_Sprache_and_English_versions_survive_a_new_export()
    {
        await ImportAsync();
        var versions = "\n## Leichte Sprache\n\nDer Ausweis zeigt: Das sind Sie.\n\n## In English\n\nThe ID card shows who you are.\n";
        await File.WriteAllTextAsync(Ausweis, await File.ReadAllTextAsync(Ausweis) + versions);

        (await ImportAsync(Services.Replace("gilt zehn Jahre", "gilt neun Jahre", StringComparison.Ordinal))).ShouldBe(0);

        var text = await File.ReadAllTextAsync(Ausweis);
        text.ShouldContain("gilt neun Jahre");
        text.ShouldEndWith(versions);
    }

    [Fact]
    public async Task A_file_with_broken_front_matter_is_left_alone_and_the_import_fails()
    {
        await ImportAsync();
        var broken = (await File.ReadAllTextAsync(Ausweis)).Replace("situations: []", "situations: [Geldbeutel", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Ausweis, broken);

        (await ImportAsync()).ShouldBe(1);

        (await File.ReadAllTextAsync(Ausweis)).ShouldBe(broken);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
