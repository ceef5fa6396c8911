using System.Globalization;
using System.Text;

namespace CitizenBot.Knowledge.Import;

/// <summary>What one import run did, for the editor's console.</summary>
public sealed record KnowledgeImportResult(int Written, int Unchanged, IReadOnlyList<string> Messages, bool Failed);

/// <summary>
/// Turns the DLDB export into the knowledge folder. The importer owns id, title, url, appointment, keywords, source,
/// leika, licence, provenance, flags and every German section, and overwrites them; editors own synonyms, situations,
/// audience, owner, reviewed, retired and the language versions (## Leichte Sprache, ## In English …), which are kept from the existing file. Output is deterministic, so
/// importing the same export twice changes nothing.
/// </summary>
public sealed class KnowledgeImport(string licence)
{
    public const string Source = "dldb";
    private const string PublicPageBase = "https://stadt.muenchen.de/service/info/";

    private readonly HtmlToMarkdown _html = new();

    public async Task<KnowledgeImportResult> RunAsync(string exportPath, string locationsPath, string folder, CancellationToken cancellationToken)
    {
        var services = await DldbFiles.ReadAsync<DldbServiceExport>(exportPath, cancellationToken);
        var locations = (await DldbFiles.ReadAsync<DldbLocationExport>(locationsPath, cancellationToken)).Data
            .ToDictionary(location => location.Id, StringComparer.Ordinal);
        Directory.CreateDirectory(folder);

        var messages = new List<string>();
        var failed = false;
        var existing = new Dictionary<string, KnowledgeFile>(StringComparer.Ordinal);
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.md").Where(IsServiceFile).Order(StringComparer.Ordinal))
        {
            var file = KnowledgeFile.Read(path, await File.ReadAllTextAsync(path, cancellationToken));
            if (file.FrontMatter?.Id is { } id)
            {
                existing[id.Trim()] = file;
            }
            else
            {
                unreadable.Add(path);
                messages.Add($"{path}: not imported over, its front matter cannot be read; fix it (see 'validate') and import again");
                failed = true;
            }
        }

        int written = 0, unchanged = 0;
        var exported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services.Data)
        {
            exported.Add(service.Id);
            var previous = existing.GetValueOrDefault(service.Id);
            var path = previous?.Path ?? Path.Combine(folder, $"{Slug(service.Name)}-{service.Id}.md");
            if (unreadable.Contains(path))
            {
                continue;
            }

            var text = Render(service, locations, previous?.FrontMatter, previous?.Sections ?? []);
            if (previous is not null && await File.ReadAllTextAsync(path, cancellationToken) == text)
            {
                unchanged++;
                continue;
            }

            await File.WriteAllTextAsync(path, text, cancellationToken);
            written++;
        }

        foreach (var (id, file) in existing.Where(entry => !exported.Contains(entry.Key) && entry.Value.FrontMatter?.Source == Source && !entry.Value.Retired))
        {
            messages.Add($"{file.Path}: service {id} is no longer in the export; set 'retired: true' or delete the file");
        }

        return new KnowledgeImportResult(written, unchanged, messages, failed);
    }

    /// <summary>The README and other non-service files live next to the services and are not imported over.</summary>
    public static bool IsServiceFile(string path) =>
        !Path.GetFileName(path).Equals("README.md", StringComparison.OrdinalIgnoreCase);

    /// <summary>Munich's page address style: lowercase, umlauts spelled out, everything else a single dash.</summary>
    public static string Slug(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var slug = new StringBuilder();
        foreach (var character in title.ToLowerInvariant())
        {
            var spelled = character switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ when char.IsAsciiLetterOrDigit(character) => character.ToString(),
                _ => "-",
            };
            if (spelled != "-" || (slug.Length > 0 && slug[^1] != '-'))
            {
                slug.Append(spelled);
            }
        }

        return slug.ToString().Trim('-');
    }

    public string Render(DldbService service, IReadOnlyDictionary<string, DldbLocation> locations, KnowledgeFrontMatter? editors, IReadOnlyList<KnowledgeFileSection> previousSections)
    {
        ArgumentNullException.ThrowIfNull(previousSections);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(locations);
        var description = _html.Convert(service.Description);
        var offices = (service.Locations ?? []).Where(office => locations.ContainsKey(office.Location)).ToList();
        var bookable = offices.Any(office => office.Appointment?.Allowed == true);
        var flags = new List<string>();
        if (description.Length == 0)
        {
            flags.Add("no-description");
        }

        if (!service.Public)
        {
            flags.Add("not-public");
        }

        if (offices.Count == 0)
        {
            flags.Add("no-office");
        }

        var owner = editors is null
            ? offices.Select(office => locations[office.Location].OrganizationUnit).FirstOrDefault(unit => !string.IsNullOrWhiteSpace(unit))
            : editors.Owner;

        var text = new StringBuilder();
        text.Append(KnowledgeFile.Separator).Append('\n');
        Field(text, "id", service.Id);
        Field(text, "title", service.Name.Trim());
        Field(text, "url", $"{PublicPageBase}{Slug(service.Name)}/{service.Id}/");
        Field(text, "appointment", bookable ? service.Appointment?.Link?.Replace("{serviceId}", service.Id, StringComparison.Ordinal) : null);
        text.Append("# Redaktion: bleibt beim Import erhalten / editors: kept on import\n");
        List(text, "synonyms", editors?.Synonyms);
        List(text, "situations", editors?.Situations);
        List(text, "audience", editors?.Audience);
        Field(text, "owner", owner);
        if (!string.IsNullOrWhiteSpace(editors?.Reviewed))
        {
            text.Append("reviewed: ").Append(editors.Reviewed.Trim()).Append('\n');
        }

        if (editors?.Retired == true)
        {
            text.Append("retired: true\n");
        }

        text.Append("# Import: wird beim Import überschrieben / importer: overwritten on import\n");
        List(text, "keywords", (service.Meta?.Keywords ?? "").Split(',').Select(keyword => keyword.Trim()).ToList());
        Field(text, "source", Source);
        Field(text, "leika", service.Leika);
        Field(text, "licence", licence);
        Field(text, "provenance", string.Create(CultureInfo.InvariantCulture, $"DLDB-Export Landeshauptstadt München, Stand {service.Meta?.LastUpdate}"));
        List(text, "flags", flags);
        text.Append(KnowledgeFile.Separator).Append('\n');

        Section(text, "Beschreibung", description);
        Section(text, "Gebühren", _html.Convert(service.Fees));
        var forms = service.Forms ?? [];
        Section(text, "Formulare", LinkList(forms));
        var formAddresses = forms.Select(form => form.Link).ToHashSet(StringComparer.Ordinal);
        Section(text, "Links", LinkList((service.Links ?? []).Where(link => !formAddresses.Contains(link.Link)).ToList()));
        Section(text, "Zuständige Stellen", string.Join("\n\n", offices.Select(office => Office(locations[office.Location], office))));
        // The editors' Leichte Sprache and language versions are theirs, like synonyms: the export knows nothing of them.
        foreach (var version in previousSections.Where(section => LanguageVersions.KeyOf(section.Heading) is not null))
        {
            Section(text, version.Heading, version.Markdown);
        }

        return text.ToString();
    }

    private static string Office(DldbLocation location, DldbServiceLocation forService)
    {
        var lines = new List<string> { "### " + location.Name.Trim(), "" };
        var organisation = string.Join(", ", new[] { location.OrganizationUnit, location.Organization }.Where(part => !string.IsNullOrWhiteSpace(part)));
        if (organisation.Length > 0)
        {
            lines.Add("- " + organisation);
        }

        if (location.Address is { } address && !string.IsNullOrWhiteSpace(address.Street))
        {
            lines.Add($"- Adresse: {$"{address.Street} {address.HouseNumber}".Trim()}, {$"{address.PostalCode} {address.City}".Trim()}");
        }

        AddIfPresent(lines, "Telefon", location.Contact?.Phone);
        AddIfPresent(lines, "Fax", location.Contact?.Fax);
        AddIfPresent(lines, "E-Mail", location.Contact?.Email);
        AddIfPresent(lines, "Web", location.Contact?.WebInfo);
        if (forService.Appointment is { Allowed: true, Link: { Length: > 0 } link })
        {
            lines.Add($"- Termin: [Termin online vereinbaren]({link})");
        }

        return string.Join("\n", lines);
    }

    private static void AddIfPresent(List<string> lines, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            lines.Add($"- {label}: {value.Trim()}");
        }
    }

    private static string LinkList(IReadOnlyList<DldbLink> links) =>
        string.Join("\n", links
            .Where(link => !string.IsNullOrWhiteSpace(link.Link))
            .Select(link => $"- [{(string.IsNullOrWhiteSpace(link.Name) ? link.Link!.Trim() : link.Name.Trim())}]({link.Link!.Trim().Replace(" ", "%20", StringComparison.Ordinal)})"));

    private static void Section(StringBuilder text, string heading, string markdown)
    {
        if (!string.IsNullOrWhiteSpace(markdown))
        {
            text.Append("\n## ").Append(heading).Append("\n\n").Append(markdown.Trim()).Append('\n');
        }
    }

    private static void Field(StringBuilder text, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            text.Append(name).Append(": ").Append(Quote(value.Trim())).Append('\n');
        }
    }

    private static void List(StringBuilder text, string name, IReadOnlyList<string>? values)
    {
        var items = (values ?? []).Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim()).ToList();
        text.Append(name).Append(':');
        if (items.Count == 0)
        {
            text.Append(" []\n");
            return;
        }

        text.Append('\n');
        foreach (var item in items)
        {
            text.Append("  - ").Append(Quote(item)).Append('\n');
        }
    }

    /// <summary>A YAML double-quoted scalar, so titles with colons or quotes never break the front matter.</summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var character in value)
        {
            quoted.Append(character switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(character) => $"\\u{(int)character:x4}",
                _ => character.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
