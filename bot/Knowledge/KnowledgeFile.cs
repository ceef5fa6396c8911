using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CitizenBot.Knowledge;

/// <summary>The front matter of a knowledge file, field by field as editors and the importer write it.</summary>
public sealed class KnowledgeFrontMatter
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Url { get; set; }
    public string? Appointment { get; set; }
    public List<string>? Synonyms { get; set; }
    public List<string>? Situations { get; set; }
    public List<string>? Audience { get; set; }
    public string? Owner { get; set; }
    public string? Reviewed { get; set; }
    public bool? Retired { get; set; }
    public string? Source { get; set; }
    public string? Leika { get; set; }
    public string? Licence { get; set; }
    public string? Provenance { get; set; }
    public List<string>? Keywords { get; set; }
    public List<string>? Flags { get; set; }
}

public enum ProblemSeverity
{
    Error,
    Warning,
}

/// <summary>One thing wrong with a file, where an editor finds it.</summary>
public sealed record KnowledgeProblem(string Path, int Line, string Message, ProblemSeverity Severity)
{
    public override string ToString() =>
        $"{Path}:{Line}: {(Severity == ProblemSeverity.Warning ? "warning: " : "")}{Message}";
}

/// <summary>A ## section with the line its heading is on.</summary>
public sealed record KnowledgeFileSection(string Heading, string Markdown, int Line);

/// <summary>
/// A knowledge file read on its own: front matter, sections, problems. Document is null when the file cannot serve
/// (bad YAML, missing id/title/url); retired files parse fine but are marked so they leave the snapshot.
/// </summary>
public sealed record KnowledgeFile(
    string Path,
    string ContentHash,
    KnowledgeFrontMatter? FrontMatter,
    IReadOnlyList<KnowledgeFileSection> Sections,
    IReadOnlyList<KnowledgeProblem> Problems,
    KnowledgeDocument? Document,
    int IdLine)
{
    public const string Separator = "---";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public bool Retired => FrontMatter?.Retired == true;

    public bool HasErrors => Problems.Any(problem => problem.Severity == ProblemSeverity.Error);

    public static string HashOf(string text) => System.Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static KnowledgeFile Read(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = HashOf(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var problems = new List<KnowledgeProblem>();
        void Error(int line, string message) => problems.Add(new(path, line, message, ProblemSeverity.Error));

        if (lines.Length == 0 || lines[0].TrimEnd() != Separator)
        {
            Error(1, "the file must start with a line '---' followed by the front matter");
            return new(path, hash, null, [], problems, null, 0);
        }

        var end = Array.FindIndex(lines, 1, line => line.TrimEnd() == Separator);
        if (end < 0)
        {
            Error(1, "the front matter is not closed by a line '---'");
            return new(path, hash, null, [], problems, null, 0);
        }

        var frontMatter = ParseFrontMatter(string.Join('\n', lines[1..end]), Error);
        var sections = ParseSections(lines, end + 1, path, problems);
        if (frontMatter is null)
        {
            return new(path, hash, null, sections, problems, null, 0);
        }

        var idLine = LineOfField(lines, end, "id");
        var document = ToDocument(path, hash, frontMatter, sections, lines, end, Error);
        return new(path, hash, frontMatter, sections, problems, document, idLine);
    }

    private static KnowledgeFrontMatter? ParseFrontMatter(string yaml, Action<int, string> error)
    {
        try
        {
            return Yaml.Deserialize<KnowledgeFrontMatter?>(yaml) ?? new KnowledgeFrontMatter();
        }
        catch (YamlException exception)
        {
            // The front matter starts on the file's second line.
            error((int)exception.Start.Line + 1, "front matter: " + Describe(exception));
            return null;
        }
    }

    private static string Describe(YamlException exception)
    {
        var message = exception.InnerException?.Message ?? exception.Message;
        var unknown = System.Text.RegularExpressions.Regex.Match(message, "^Property '([^']+)' not found");
        if (unknown.Success)
        {
            return $"unknown field '{unknown.Groups[1].Value}'";
        }

        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + 3)..] : message;
    }

    private static KnowledgeDocument? ToDocument(
        string path, string hash, KnowledgeFrontMatter front, IReadOnlyList<KnowledgeFileSection> sections, string[] lines, int end, Action<int, string> error)
    {
        var valid = true;
        foreach (var (field, value) in new[] { ("id", front.Id), ("title", front.Title), ("url", front.Url) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                error(Math.Max(1, LineOfField(lines, end, field)), $"the field '{field}' is required");
                valid = false;
            }
        }

        var url = ParseWebAddress(front.Url, "url", lines, end, error, ref valid);
        var appointment = ParseWebAddress(front.Appointment, "appointment", lines, end, error, ref valid);
        DateOnly? reviewed = null;
        if (!string.IsNullOrWhiteSpace(front.Reviewed))
        {
            if (DateOnly.TryParseExact(front.Reviewed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                reviewed = date;
            }
            else
            {
                error(LineOfField(lines, end, "reviewed"), $"'reviewed' must be a date like 2026-06-08, not '{front.Reviewed}'");
                valid = false;
            }
        }

        if (!valid)
        {
            return null;
        }

        // German sections under the null key, each editors' version (Leichte Sprache, a language) under its own.
        var byVersion = sections.ToLookup(section => LanguageVersions.KeyOf(section.Heading));
        return new KnowledgeDocument(
            front.Id!.Trim(),
            front.Title!.Trim(),
            url!,
            Clean(front.Synonyms),
            Clean(front.Situations),
            Clean(front.Audience),
            front.Owner,
            reviewed,
            front.Source,
            Clean(front.Flags),
            [.. byVersion[null].Select(section => new KnowledgeSection(section.Heading, section.Markdown))],
            path,
            hash)
        {
            Keywords = Clean(front.Keywords),
            Appointment = appointment,
            Versions = byVersion.Where(group => group.Key is not null).ToDictionary(group => group.Key!, group => group.First().Markdown, StringComparer.Ordinal),
        };
    }

    private static Uri? ParseWebAddress(string? value, string field, string[] lines, int end, Action<int, string> error, ref bool valid)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        error(LineOfField(lines, end, field), $"'{field}' must be a full web address starting with https:// or http://, not '{value}'");
        valid = false;
        return null;
    }

    private static List<string> Clean(List<string>? values) =>
        values?.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim()).ToList() ?? [];

    /// <summary>The 1-based file line of a top-level front-matter field, or 1 when it is absent.</summary>
    private static int LineOfField(string[] lines, int end, string field)
    {
        for (var index = 1; index < end; index++)
        {
            if (lines[index].StartsWith(field + ":", StringComparison.Ordinal))
            {
                return index + 1;
            }
        }

        return 1;
    }

    private static List<KnowledgeFileSection> ParseSections(string[] lines, int start, string path, List<KnowledgeProblem> problems)
    {
        var sections = new List<KnowledgeFileSection>();
        string? heading = null;
        var headingLine = 0;
        var body = new StringBuilder();
        var inFence = false;
        var textBeforeFirstSection = 0;

        void Close()
        {
            if (heading is not null)
            {
                sections.Add(new(heading, body.ToString().Trim('\n', ' '), headingLine));
            }

            body.Clear();
        }

        for (var index = start; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                Close();
                heading = line[3..].Trim();
                headingLine = index + 1;
                continue;
            }

            if (heading is null)
            {
                if (line.Trim().Length > 0 && textBeforeFirstSection == 0)
                {
                    textBeforeFirstSection = index + 1;
                }

                continue;
            }

            body.Append(line.TrimEnd()).Append('\n');
        }

        Close();
        if (textBeforeFirstSection > 0)
        {
            problems.Add(new(path, textBeforeFirstSection, "text before the first '## ' heading is not used; put it under a section", ProblemSeverity.Warning));
        }

        return sections;
    }
}
