using CitizenBot.Channels.Messengers;

namespace CitizenBot.UnitTests.Channels;

/// <summary>What Telegram and Matrix users see of the bot's Markdown: the formatting kept, nothing that breaks the message or injects markup.</summary>
public sealed class MarkdownRenderingTests
{
    [Fact]
    public void Telegram_gets_its_HTML_subset_with_lists_as_lines_and_reference_links_resolved()
    {
        var html = MarkdownRendering.ToTelegramHtml("**Gebühren:**\n\n- Unter 24 Jahren: 37,50 Euro\n- *vorläufig*: 26 Euro\n\nMehr dazu: [Reisepass][1]\n\n[1]: https://stadt.muenchen.de/service/info/1063453/ \"Reisepass\"");

        html.ShouldBe("<b>Gebühren:</b>\n\n• Unter 24 Jahren: 37,50 Euro\n• <i>vorläufig</i>: 26 Euro\n\nMehr dazu: <a href=\"https://stadt.muenchen.de/service/info/1063453/\">Reisepass</a>");
    }

    [Theory]
    [InlineData("Kosten < 10 € & mehr", "Kosten &lt; 10 € &amp; mehr")]
    [InlineData("<script>alert(1)</script> Text", "&lt;script&gt;alert(1)&lt;/script&gt; Text")]
    [InlineData("[klick](javascript:alert(1))", "klick")]
    [InlineData("Ä Ö Ü ß „Zitat“", "Ä Ö Ü ß „Zitat“")]
    public void Telegram_HTML_escapes_what_would_break_or_inject_markup(string markdown, string expected) =>
        MarkdownRendering.ToTelegramHtml(markdown).ShouldBe(expected);

    [Fact]
    public void Plain_text_writes_links_out_so_clients_without_HTML_keep_them()
    {
        var text = MarkdownRendering.ToPlainText("1. **Erstens**\n2. Siehe [Reisepass](https://stadt.muenchen.de/a) oder <https://stadt.muenchen.de/b>");

        text.ShouldBe("1. Erstens\n2. Siehe Reisepass (https://stadt.muenchen.de/a) oder https://stadt.muenchen.de/b");
    }

    [Fact]
    public void Matrix_HTML_never_passes_raw_HTML_on()
    {
        var html = MarkdownRendering.ToMatrixHtml("Hallo <img src=x onerror=alert(1)> **Welt**");

        html.ShouldNotContain("<img");
        html.ShouldContain("<strong>Welt</strong>");
    }

    [Fact]
    public void Escaped_titles_stay_literal_text()
    {
        var title = "Pass [neu] *schnell*";

        MarkdownRendering.ToPlainText(MarkdownRendering.EscapeMarkdown(title)).ShouldBe(title);
    }
}
