using CitizenBot.Knowledge.Import;

namespace CitizenBot.UnitTests.Knowledge;

public sealed class HtmlToMarkdownTests
{
    private readonly HtmlToMarkdown _converter = new();

    [Fact]
    public void Paragraphs_become_blocks_separated_by_an_empty_line()
    {
        _converter.Convert("<p>Erster Absatz.</p>\n<p>Zweiter   Absatz.</p>").ShouldBe("Erster Absatz.\n\nZweiter Absatz.");
    }

    [Fact]
    public void Bold_and_italic_keep_their_spaces_outside_the_markers()
    {
        _converter.Convert("<p>Bitte <strong>vor Ort </strong>zahlen, <em>nicht</em> vorher.</p>")
            .ShouldBe("Bitte **vor Ort** zahlen, *nicht* vorher.");
    }

    [Fact]
    public void Fee_text_survives_exactly_without_zero_width_and_non_breaking_spaces()
    {
        _converter.Convert("<p>\u200bvorläufiger Personalausweis:\u00a010 Euro<br><br></p>").ShouldBe("vorläufiger Personalausweis: 10 Euro");
    }

    [Fact]
    public void Line_breaks_inside_a_paragraph_become_hard_breaks()
    {
        _converter.Convert("<p>Zeile eins<br>Zeile zwei</p>").ShouldBe("Zeile eins\\\nZeile zwei");
    }

    [Fact]
    public void Nested_lists_are_indented_under_their_item()
    {
        var html = "<ol><li><strong>Antrag</strong><ul><li>online</li><li>per Post</li></ul></li><li>Termin</li></ol>";

        _converter.Convert(html).ShouldBe("1. **Antrag**\n   - online\n   - per Post\n2. Termin");
    }

    [Fact]
    public void Links_keep_their_text_and_address()
    {
        _converter.Convert("<p>Siehe <a href=\"https://stadt.muenchen.de/infos/x.html\" target=\"_blank\">Informationen</a>.</p>")
            .ShouldBe("Siehe [Informationen](https://stadt.muenchen.de/infos/x.html).");
    }

    [Fact]
    public void Empty_or_missing_html_gives_no_text()
    {
        _converter.Convert(null).ShouldBe("");
        _converter.Convert("<p>\u200b</p>").ShouldBe("");
    }
}
