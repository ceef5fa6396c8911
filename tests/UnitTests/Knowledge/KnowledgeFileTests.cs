using CitizenBot.Knowledge;

namespace CitizenBot.UnitTests.Knowledge;

public sealed class KnowledgeFileTests
{
    private const string Good = """
        ---
        id: "1063441"
        title: Personalausweis beantragen
        url: https://stadt.muenchen.de/service/info/personalausweis/1063441/
        synonyms: [Perso, Ausweis]
        situations:
          - Geldbeutel geklaut
        reviewed: 2026-06-08
        flags: []
        ---

        ## Beschreibung

        Sie brauchen einen Ausweis.

        ## Gebühren

        - über 24 Jahren: 46 Euro
        """;

    [Fact]
    public void Front_matter_and_sections_are_read_into_the_document()
    {
        var file = KnowledgeFile.Read("knowledge/personalausweis.md", Good);

        file.Problems.ShouldBeEmpty();
        var document = file.Document.ShouldNotBeNull();
        document.Id.ShouldBe("1063441");
        document.Title.ShouldBe("Personalausweis beantragen");
        document.Url.ShouldBe(new Uri("https://stadt.muenchen.de/service/info/personalausweis/1063441/"));
        document.Synonyms.ShouldBe(["Perso", "Ausweis"]);
        document.Situations.ShouldBe(["Geldbeutel geklaut"]);
        document.Reviewed.ShouldBe(new DateOnly(2026, 6, 8));
        document.Sections.Select(section => section.Heading).ShouldBe(["Beschreibung", "Gebühren"]);
        document.Sections[1].Markdown.ShouldBe("- über 24 Jahren: 46 Euro");
        file.Sections[1].Line.ShouldBe(16);
    }

    [Fact]
    public void Broken_yaml_is_reported_on_its_file_line()
    {
        var text = Good.Replace("synonyms: [Perso, Ausweis]", "synonyms: [Perso, Ausweis", StringComparison.Ordinal);

        var file = KnowledgeFile.Read("knowledge/personalausweis.md", text);

        file.Document.ShouldBeNull();
        var problem = file.Problems.ShouldHaveSingleItem();
        problem.Severity.ShouldBe(ProblemSeverity.Error);
        problem.Line.ShouldBe(5);
        problem.ToString().ShouldStartWith($"knowledge/personalausweis.md:{problem.Line}: front matter:");
    }

    [Fact]
    public void A_misspelled_field_is_named_with_its_line()
    {
        var file = KnowledgeFile.Read("a.md", Good.Replace("situations:", "situation:", StringComparison.Ordinal));

        file.Problems.ShouldHaveSingleItem().ToString().ShouldBe("a.md:6: front matter: unknown field 'situation'");
    }

    [Fact]
    public void A_missing_title_is_an_error_and_the_file_cannot_serve()
    {
        var file = KnowledgeFile.Read("a.md", Good.Replace("title: Personalausweis beantragen\n", "", StringComparison.Ordinal));

        file.Document.ShouldBeNull();
        file.Problems.ShouldHaveSingleItem().ToString().ShouldBe("a.md:1: the field 'title' is required");
    }

    [Fact]
    public void A_relative_url_is_rejected_on_its_line()
    {
        var file = KnowledgeFile.Read("a.md", Good.Replace("url: https://stadt.muenchen.de/service/info/personalausweis/1063441/", "url: /service/info/x", StringComparison.Ordinal));

        file.Problems.ShouldHaveSingleItem().ToString().ShouldBe("a.md:4: 'url' must be a full web address starting with https:// or http://, not '/service/info/x'");
    }

    [Fact]
    public void Language_versions_are_kept_apart_from_the_German_sections()
    {
        var text = Good + "\n\n## Leichte Sprache\n\nDer Ausweis zeigt: Das sind Sie.\n\n## In English\n\nThe ID card shows who you are.\n\n## tr\n\nKimlik kartı.\n";

        var document = KnowledgeFile.Read("a.md", text).Document.ShouldNotBeNull();

        document.Sections.Select(section => section.Heading).ShouldBe(["Beschreibung", "Gebühren"]);
        document.Versions[LanguageVersions.EasyGerman].ShouldBe("Der Ausweis zeigt: Das sind Sie.");
        document.Versions["en"].ShouldBe("The ID card shows who you are.");
        document.Versions["tr"].ShouldBe("Kimlik kartı.");
    }
}
