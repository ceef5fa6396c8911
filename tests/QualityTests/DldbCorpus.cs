using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CitizenBot.Knowledge;

namespace CitizenBot.QualityTests;

/// <summary>
/// The Munich DLDB export read straight into knowledge documents (description, fees, responsible offices),
/// so the quality bar is measured on the real 287 services without depending on the folder importer.
/// </summary>
internal static partial class DldbCorpus
{
    public static IReadOnlyList<KnowledgeDocument> Load(string dldbFolder)
    {
        var locations = ((JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(dldbFolder, "locations_de.json")))!)["data"]!.AsArray()
            .OfType<JsonObject>()
            .ToDictionary(location => (string)location["id"]!, Office);
        var services = ((JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(dldbFolder, "services_de.json")))!)["data"]!.AsArray();
        return [.. services.OfType<JsonObject>().Select(service => Document(service, locations))];
    }

    private static KnowledgeDocument Document(JsonObject service, Dictionary<string, string> offices)
    {
        var id = (string)service["id"]!;
        var title = (string)service["name"]!;
        var sections = new List<KnowledgeSection> { new("Beschreibung", Markdown((string?)service["description"] ?? "")) };
        if ((string?)service["fees"] is { Length: > 0 } fees)
        {
            sections.Add(new KnowledgeSection("Gebühren", Markdown(fees)));
        }

        var responsible = (service["locations"]?.AsArray() ?? [])
            .Select(location => (string?)location?["location"])
            .Where(location => location is not null && offices.ContainsKey(location))
            .Select(location => offices[location!])
            .Distinct()
            .ToList();
        if (responsible.Count > 0)
        {
            sections.Add(new KnowledgeSection("Zuständige Stellen", string.Join("\n\n", responsible)));
        }

        var keywords = ((string?)service["meta"]?["keywords"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new KnowledgeDocument(id, title, new Uri($"https://stadt.muenchen.de/service/info/{id}/"), keywords, [], [], null, null, "dldb", [],
            [.. sections.Where(section => section.Markdown.Length > 0)], $"{id}.md", id);
    }

    private static string Office(JsonObject location)
    {
        var address = location["address"];
        var text = new StringBuilder((string?)location["name"] ?? "");
        if (address is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $", {(string?)address["street"]} {(string?)address["house_number"]}, {(string?)address["postal_code"]} {(string?)address["city"]}");
        }

        if ((string?)location["contact"]?["phone"] is { Length: > 0 } phone)
        {
            text.Append(CultureInfo.InvariantCulture, $", Telefon {phone}");
        }

        return text.ToString();
    }

    private static string Markdown(string html)
    {
        var text = LineBreak().Replace(html, "\n");
        text = ListItem().Replace(text, "\n- ");
        text = BlockEnd().Replace(text, "\n\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace("\u200b", "", StringComparison.Ordinal).Replace('\u00a0', ' ');
        text = SpacesBeforeNewline().Replace(text, "\n");
        return ManyNewlines().Replace(text, "\n\n").Trim();
    }

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<li[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"</(p|ul|ol|h\d|div)>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t]+\n")]
    private static partial Regex SpacesBeforeNewline();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyNewlines();
}
