using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace CitizenBot.Transparency.Records;

/// <summary>A governance document generated from configuration and the running system; missing statements are marked, never filled in.</summary>
public sealed record GovernanceRecord(string Id, string Language, string Title, string Introduction, DateTimeOffset GeneratedAt, IReadOnlyList<RecordSection> Sections)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The keys (section.entry) of every entry the city has not provided.</summary>
    public IReadOnlyList<string> MissingFields => [.. Sections.SelectMany(section => section.Entries.Where(entry => entry.Missing).Select(entry => $"{section.Key}.{entry.Key}"))];

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# {Title}").AppendLine();
        text.AppendLine(Introduction).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{(Language == "de" ? "Erstellt" : "Generated")}: {GeneratedAt:yyyy-MM-dd HH:mm} UTC").AppendLine();
        foreach (var section in Sections)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"## {section.Heading}").AppendLine();
            foreach (var entry in section.Entries)
            {
                var marker = entry.Missing ? " ⚠" : "";
                if (entry.Values.Count == 1)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"- **{entry.Label}:**{marker} {entry.Values[0]}");
                    continue;
                }

                text.AppendLine(CultureInfo.InvariantCulture, $"- **{entry.Label}:**{marker}");
                foreach (var value in entry.Values)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  - {value}");
                }
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>A self-contained page that prints cleanly (the site stylesheet's print rules apply).</summary>
    public string ToHtml()
    {
        // Umlauts stay readable in the printed source; markup characters are still encoded.
        var html = HtmlEncoder.Create(UnicodeRanges.All);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{Language}\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />");
        text.AppendLine(CultureInfo.InvariantCulture, $"<title>{html.Encode(Title)}</title>\n<link rel=\"stylesheet\" href=\"/css/site.css\" />\n</head>\n<body>\n<main class=\"content\">");
        text.AppendLine(CultureInfo.InvariantCulture, $"<h1>{html.Encode(Title)}</h1>\n<p>{html.Encode(Introduction)}</p>");
        text.AppendLine(CultureInfo.InvariantCulture, $"<p>{(Language == "de" ? "Erstellt" : "Generated")}: {GeneratedAt:yyyy-MM-dd HH:mm} UTC</p>");
        foreach (var section in Sections)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"<h2>{html.Encode(section.Heading)}</h2>\n<dl class=\"register\">");
            foreach (var entry in section.Entries)
            {
                text.Append(CultureInfo.InvariantCulture, $"<dt>{html.Encode(entry.Label)}</dt><dd{(entry.Missing ? " class=\"missing\"" : "")}>");
                if (entry.Values.Count == 1)
                {
                    text.Append(html.Encode(entry.Values[0]));
                }
                else
                {
                    text.Append("<ul>");
                    foreach (var value in entry.Values)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"<li>{html.Encode(value)}</li>");
                    }

                    text.Append("</ul>");
                }

                text.AppendLine("</dd>");
            }

            text.AppendLine("</dl>");
        }

        text.AppendLine("</main>\n</body>\n</html>");
        return text.ToString();
    }
}

public sealed record RecordSection(string Key, string Heading, IReadOnlyList<RecordEntry> Entries);

/// <summary>One statement of a record; <see cref="Missing"/> when the city has not made it (its value then reads "nicht angegeben" / "not provided").</summary>
public sealed record RecordEntry(string Key, string Label, IReadOnlyList<string> Values, bool Missing);
