using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Validation;

namespace CitizenBot.UnitTests.Knowledge;

public sealed class KnowledgeValidatorTests
{
    private static string Service(string id, string title, string body = "## Beschreibung\n\nText.\n") =>
        $"---\nid: \"{id}\"\ntitle: {title}\nurl: https://stadt.muenchen.de/service/info/x/{id}/\n---\n\n{body}";

    private static KnowledgeFile File(string path, string text) => KnowledgeFile.Read(path, text);

    [Fact]
    public void A_clean_folder_has_no_problems()
    {
        KnowledgeValidator.Validate([File("a.md", Service("1", "Ausweis")), File("b.md", Service("2", "Reisepass"))]).ShouldBeEmpty();
    }

    [Fact]
    public void A_duplicate_id_is_reported_on_the_id_line_of_the_second_file()
    {
        var problems = KnowledgeValidator.Validate([File("a.md", Service("1", "Ausweis")), File("b.md", Service("1", "Reisepass"))]);

        problems.Select(problem => problem.ToString()).ShouldBe(["b.md:2: duplicate id '1': also used by a.md"]);
    }

    [Fact]
    public void Empty_and_repeated_sections_are_reported_on_their_heading_line()
    {
        var body = "## Beschreibung\n\nText.\n\n## Gebühren\n\n## Beschreibung\n\nNoch mehr.\n";

        var problems = KnowledgeValidator.Validate([File("a.md", Service("1", "Ausweis", body))]);

        problems.Select(problem => problem.ToString()).ShouldBe([
            "a.md:11: section '## Gebühren' is empty; remove the heading or write its text",
            "a.md:13: duplicate section '## Beschreibung' (first on line 7)",
        ]);
    }

    [Fact]
    public void Two_files_with_the_same_title_and_content_are_duplicates()
    {
        var problems = KnowledgeValidator.Validate([File("a.md", Service("1", "Ausweis")), File("copy.md", Service("2", "Ausweis"))]);

        problems.Select(problem => problem.ToString()).ShouldBe(["copy.md:1: duplicate file: same title and content as a.md"]);
    }

    [Fact]
    public void A_service_without_description_is_only_a_warning()
    {
        var text = Service("1", "Ausweis", "## Gebühren\n\n10 Euro\n").Replace("---\n\n", "flags: [no-description]\n---\n\n", StringComparison.Ordinal);

        var problem = KnowledgeValidator.Validate([File("a.md", text)]).ShouldHaveSingleItem();

        problem.Severity.ShouldBe(ProblemSeverity.Warning);
        problem.ToString().ShouldStartWith("a.md:1: warning: flagged no-description");
    }

    [Fact]
    public void Misnamed_language_sections_are_errors_and_long_Leichte_Sprache_sentences_warnings()
    {
        var body = "## Beschreibung\n\nText.\n\n## Englisch\n\nText.\n\n## Leichte-Sprache\n\nText.\n\n## xx\n\nText.\n\n## Leichte Sprache\n\n"
            + "Sie brauchen einen Ausweis.\nDen Ausweis bekommen Sie im Bürgerbüro, wenn Sie vorher einen Termin gemacht und alle Unterlagen mitgebracht haben.\n";

        var problems = KnowledgeValidator.Validate([File("a.md", Service("1", "Ausweis", body))]);

        problems.Select(problem => problem.ToString()).ShouldBe([
            "a.md:11: '## Englisch' is not read as the English version; name the section '## In English'",
            "a.md:15: '## Leichte-Sprache' is not read as the Leichte Sprache version; name the section '## Leichte Sprache'",
            "a.md:19: '## xx' is not a language code (ISO 639-1, for example '## tr')",
            "a.md:23: warning: Leichte Sprache: at most 15 words per sentence; split \"Den Ausweis bekommen Sie im Bürgerbüro, wenn Sie vorher einen Termin gemacht und alle Unterlagen mitgebracht haben.\"",
        ]);
    }
}
