namespace CitizenBot.Knowledge.Validation;

/// <summary>
/// Checks the knowledge folder the way an editor needs it: every problem as "path:line: message". Errors block
/// (the CI check fails), warnings only inform (e.g. a service the export delivered without description).
/// </summary>
public static class KnowledgeValidator
{
    public static async Task<IReadOnlyList<KnowledgeProblem>> ValidateFolderAsync(string folder, string shownRelativeTo, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return [new KnowledgeProblem(folder, 0, "the knowledge folder does not exist", ProblemSeverity.Error)];
        }

        var files = new List<KnowledgeFile>();
        foreach (var path in KnowledgeFolder.ServiceFiles(folder))
        {
            files.Add(KnowledgeFile.Read(Path.GetRelativePath(shownRelativeTo, path), await File.ReadAllTextAsync(path, cancellationToken)));
        }

        return Validate(files);
    }

    public static IReadOnlyList<KnowledgeProblem> Validate(IReadOnlyList<KnowledgeFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<KnowledgeProblem>();
        foreach (var file in files)
        {
            problems.AddRange(file.Problems);
            problems.AddRange(CheckSections(file));
            if (file.Document?.Flags.Contains("no-description") == true)
            {
                problems.Add(new(file.Path, 1, "flagged no-description: the export has no description for this service; add one under '## Beschreibung'", ProblemSeverity.Warning));
            }
        }

        foreach (var sameId in files.Where(file => file.FrontMatter?.Id is not null).GroupBy(file => file.FrontMatter!.Id!.Trim(), StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            var first = sameId.First();
            problems.AddRange(sameId.Skip(1).Select(file =>
                new KnowledgeProblem(file.Path, file.IdLine, $"duplicate id '{sameId.Key}': also used by {first.Path}", ProblemSeverity.Error)));
        }

        foreach (var sameContent in files.Where(file => file.Document is not null).GroupBy(ContentKey, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            var first = sameContent.First();
            problems.AddRange(sameContent.Skip(1).Select(file =>
                new KnowledgeProblem(file.Path, 1, $"duplicate file: same title and content as {first.Path}", ProblemSeverity.Error)));
        }

        return problems;
    }

    /// <summary>Problems an editor can make inside one file's sections: a heading with nothing under it, or twice the same heading.</summary>
    public static IEnumerable<KnowledgeProblem> CheckSections(KnowledgeFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in file.Sections)
        {
            if (section.Heading.Length == 0)
            {
                yield return new(file.Path, section.Line, "section heading is empty", ProblemSeverity.Error);
            }
            else if (!seen.TryAdd(section.Heading, section.Line))
            {
                yield return new(file.Path, section.Line, $"duplicate section '## {section.Heading}' (first on line {seen[section.Heading]})", ProblemSeverity.Error);
            }

            if (section.Markdown.Length == 0)
            {
                yield return new(file.Path, section.Line, $"section '## {section.Heading}' is empty; remove the heading or write its text", ProblemSeverity.Error);
            }

            if (LanguageVersions.ProblemWith(section.Heading) is { } misnamed)
            {
                yield return new(file.Path, section.Line, misnamed, ProblemSeverity.Error);
            }

            if (LanguageVersions.KeyOf(section.Heading) == LanguageVersions.EasyGerman)
            {
                foreach (var sentence in LanguageVersions.LongSentences(section.Markdown))
                {
                    yield return new(file.Path, section.Line,
                        $"Leichte Sprache: at most {LanguageVersions.MaximumEasySentenceWords} words per sentence; split \"{sentence}\"", ProblemSeverity.Warning);
                }
            }
        }
    }

    private static string ContentKey(KnowledgeFile file) =>
        file.Document!.Title + "\n" + string.Join("\n", file.Sections.Select(section => section.Heading + "\n" + section.Markdown));
}
