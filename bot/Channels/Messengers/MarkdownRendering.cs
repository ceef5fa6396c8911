using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CitizenBot.Channels.Messengers;

/// <summary>
/// Turns the bot's Markdown into what a messenger shows: Telegram's small HTML subset, Matrix's HTML, or plain text.
/// Raw HTML in the Markdown is never passed on; only http(s) links become links.
/// </summary>
public static class MarkdownRendering
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    /// <summary>HTML for Telegram's parse_mode "HTML": b, i, a, code, pre and blockquote only; lists and paragraphs become lines.</summary>
    public static string ToTelegramHtml(string markdown) => Render(markdown, html: true);

    /// <summary>The plain-text body that every Matrix client shows; links are written out so they stay usable.</summary>
    public static string ToPlainText(string markdown) => Render(markdown, html: false);

    /// <summary>org.matrix.custom.html: Markdig's HTML with raw HTML disabled.</summary>
    public static string ToMatrixHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline).Trim();

    /// <summary>Makes text safe to place into Markdown as literal text (titles in links, button lists).</summary>
    public static string EscapeMarkdown(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if ("\\`*_[]()<>#!|~".Contains(character, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(character);
        }

        return escaped.ToString();
    }

    private static string Render(string markdown, bool html)
    {
        var output = new StringBuilder();
        WriteBlocks(Markdown.Parse(markdown, Pipeline), output, html, indent: "");
        return output.ToString().Trim();
    }

    private static void WriteBlocks(ContainerBlock container, StringBuilder output, bool html, string indent)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    output.Append(indent).Append(html ? "<b>" : "");
                    WriteInlines(heading.Inline, output, html);
                    output.Append(html ? "</b>" : "").Append("\n\n");
                    break;
                case ParagraphBlock paragraph:
                    output.Append(indent);
                    WriteInlines(paragraph.Inline, output, html);
                    output.Append("\n\n");
                    break;
                case ListBlock list:
                    WriteList(list, output, html, indent);
                    break;
                case QuoteBlock quote:
                    var quoted = new StringBuilder();
                    WriteBlocks(quote, quoted, html, "");
                    output.Append(html ? "<blockquote>" + quoted.ToString().Trim() + "</blockquote>" : "> " + quoted.ToString().Trim()).Append("\n\n");
                    break;
                case CodeBlock code:
                    var lines = Escape(code.Lines.ToString(), html);
                    output.Append(html ? "<pre>" + lines + "</pre>" : lines).Append("\n\n");
                    break;
                case ThematicBreakBlock:
                    output.Append("———\n\n");
                    break;
                case LinkReferenceDefinitionGroup:
                    // Resolved into the links that use them; citizens never see the definitions.
                    break;
                case LeafBlock leaf:
                    output.Append(Escape(leaf.Lines.ToString(), html)).Append("\n\n");
                    break;
                case ContainerBlock other:
                    WriteBlocks(other, output, html, indent);
                    break;
            }
        }
    }

    private static void WriteList(ListBlock list, StringBuilder output, bool html, string indent)
    {
        var number = int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var content = new StringBuilder();
            WriteBlocks(item, content, html, indent + "   ");
            var bullet = list.IsOrdered ? string.Create(CultureInfo.InvariantCulture, $"{number++}. ") : "• ";
            output.Append(indent).Append(bullet).Append(content.ToString().Trim()).Append('\n');
        }

        output.Append('\n');
    }

    private static void WriteInlines(ContainerInline? inlines, StringBuilder output, bool html)
    {
        for (var inline = inlines?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    output.Append(Escape(literal.Content.ToString(), html));
                    break;
                case EmphasisInline emphasis:
                    var tag = emphasis.DelimiterCount >= 2 ? "b" : "i";
                    output.Append(html ? $"<{tag}>" : "");
                    WriteInlines(emphasis, output, html);
                    output.Append(html ? $"</{tag}>" : "");
                    break;
                case LinkInline link when !link.IsImage:
                    WriteLink(link.Url, link, output, html);
                    break;
                case LinkInline image:
                    WriteInlines(image, output, html);
                    break;
                case AutolinkInline autolink:
                    WriteLink(autolink.IsEmail ? null : autolink.Url, null, output, html, autolink.Url);
                    break;
                case CodeInline code:
                    output.Append(html ? "<code>" + Escape(code.Content, html) + "</code>" : code.Content);
                    break;
                case LineBreakInline:
                    output.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    output.Append(Escape(entity.Transcoded.ToString(), html));
                    break;
                case HtmlInline raw:
                    output.Append(Escape(raw.Tag, html));
                    break;
                case ContainerInline container:
                    WriteInlines(container, output, html);
                    break;
            }
        }
    }

    private static void WriteLink(string? url, ContainerInline? label, StringBuilder output, bool html, string? plainLabel = null)
    {
        var text = new StringBuilder();
        if (label is not null)
        {
            WriteInlines(label, text, html);
        }
        else
        {
            text.Append(Escape(plainLabel ?? "", html));
        }

        var safe = Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
        if (!safe)
        {
            output.Append(text);
        }
        else if (html)
        {
            output.Append("<a href=\"").Append(Escape(uri!.AbsoluteUri, html)).Append("\">").Append(text).Append("</a>");
        }
        else if (text.ToString() == url || text.ToString() == uri!.AbsoluteUri)
        {
            output.Append(uri!.AbsoluteUri);
        }
        else
        {
            output.Append(text).Append(" (").Append(uri!.AbsoluteUri).Append(')');
        }
    }

    /// <summary>Telegram accepts only &amp;lt; &amp;gt; &amp;amp; &amp;quot; as entities; WebUtility would write others for non-ASCII text.</summary>
    private static string Escape(string text, bool html) =>
        html
            ? text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            : text;
}
