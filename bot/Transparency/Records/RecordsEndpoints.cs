using System.Net;
using System.Text;
using CitizenBot.SharedKernel;
using CitizenBot.Staff;
using CitizenBot.Transparency.Register;

namespace CitizenBot.Transparency.Records;

/// <summary>The governance records under /admin/records, for admins and the privacy role, as Markdown, JSON and printable HTML.</summary>
public static class RecordsEndpoints
{
    public const string Path = "/records";

    public static RouteGroupBuilder MapGovernanceRecords(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet(Path, () => Results.Content(Index(), "text/html; charset=utf-8")).RequireAuthorization(StaffPolicies.Records);
        // {id}.{language}.{format}, such as processing.de.md
        admin.MapGet(Path + "/{file}", async (string file, TransparencyRegister register, CancellationToken cancellationToken) =>
        {
            var parts = file.Split('.');
            if (GovernanceRecords.SchemaResource(file) is { } schema)
            {
                return Results.Stream(typeof(RecordsEndpoints).Assembly.GetManifestResourceStream(schema)!, "application/schema+json");
            }

            if (parts.Length != 3 || !GovernanceRecords.Ids.Contains(parts[0]) || !CitizenTexts.RequiredLanguages.Contains(parts[1]) || !GovernanceRecords.Formats.Contains(parts[2]))
            {
                return Results.NotFound();
            }

            var record = GovernanceRecords.Build(parts[0], await register.CurrentAsync(cancellationToken), parts[1]);
            return Results.Content(GovernanceRecords.Render(record, parts[2]), GovernanceRecords.ContentType(parts[2]));
        }).RequireAuthorization(StaffPolicies.Records);
        return admin;
    }

    private static string Index()
    {
        var page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>Nachweise / Records</title>\n<link rel=\"stylesheet\" href=\"/css/site.css\" />\n</head>\n<body>\n<main class=\"content\">\n<h1>Nachweise / Records</h1>\n<ul>\n");
        foreach (var id in GovernanceRecords.Ids)
        {
            foreach (var language in CitizenTexts.RequiredLanguages)
            {
                page.Append("<li>").Append(WebUtility.HtmlEncode(id)).Append(" (").Append(language).Append("): ");
                page.AppendJoin(", ", GovernanceRecords.Formats.Select(format =>
                    $"<a href=\"{AdminRecordsUrl(GovernanceRecords.FileName(id, language, format))}\">{format}</a>"));
                page.Append("</li>\n");
            }

            page.Append("<li>").Append(WebUtility.HtmlEncode(id)).Append(": <a href=\"").Append(AdminRecordsUrl(GovernanceRecords.SchemaFileName(id))).Append("\">JSON Schema</a></li>\n");
        }

        return page.Append("</ul>\n</main>\n</body>\n</html>\n").ToString();
    }

    private static string AdminRecordsUrl(string file) => $"/admin{Path}/{file}";
}
