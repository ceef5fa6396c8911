using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CitizenBot.Knowledge.Import;

/// <summary>
/// Turns the DLDB's HTML descriptions into the Markdown editors read: paragraphs, bold/italic, nested lists, links and
/// line breaks. Text is kept exactly (only whitespace is normalised), so amounts like "10 Euro" survive unchanged.
/// </summary>
public sealed class HtmlToMarkdown
{
    /// <summary>Marks a &lt;br&gt; while rendering; raw newlines in the HTML are plain whitespace.</summary>
    private const char LineBreak = '\u2028';
    private static readonly HashSet<string> BlockElements =
        ["P", "DIV", "UL", "OL", "TABLE", "TBODY", "THEAD", "TR", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE"];

    private readonly HtmlParser _parser = new();

    public string Convert(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var document = _parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var blocks = new List<string>();
        RenderBlocks(document.Body!.ChildNodes, blocks);
        return string.Join("\n\n", blocks);
    }

    private static void RenderBlocks(INodeList nodes, List<string> blocks)
    {
        var inline = new StringBuilder();
        foreach (var node in nodes)
        {
            if (node is IElement element && BlockElements.Contains(element.TagName))
            {
                FlushParagraph(inline, blocks);
                RenderBlock(element, blocks);
            }
            else
            {
                RenderInline(node, inline);
            }
        }

        FlushParagraph(inline, blocks);
    }

    private static void RenderBlock(IElement element, List<string> blocks)
    {
        switch (element.TagName)
        {
            case "UL":
            case "OL":
                var list = RenderList(element);
                if (list.Length > 0)
                {
                    blocks.Add(list);
                }

                break;
            case "TR":
                var cells = element.Children.Select(cell => InlineText(cell)).Where(text => text.Length > 0);
                var row = string.Join(" | ", cells);
                if (row.Length > 0)
                {
                    blocks.Add(row);
                }

                break;
            default:
                RenderBlocks(element.ChildNodes, blocks);
                break;
        }
    }

    private static string RenderList(IElement list)
    {
        var ordered = list.TagName == "OL";
        var lines = new List<string>();
        var number = 1;
        foreach (var item in list.Children.Where(child => child.TagName == "LI"))
        {
            var itemBlocks = new List<string>();
            RenderBlocks(item.ChildNodes, itemBlocks);
            if (itemBlocks.Count == 0)
            {
                continue;
            }

            var marker = ordered ? $"{number++}. " : "- ";
            var indent = new string(' ', marker.Length);
            var itemLines = string.Join("\n", itemBlocks).Split('\n');
            lines.Add(marker + itemLines[0]);
            lines.AddRange(itemLines.Skip(1).Select(line => line.Length == 0 ? line : indent + line));
        }

        return string.Join("\n", lines);
    }

    private static void RenderInline(INode node, StringBuilder output)
    {
        switch (node)
        {
            case IText text:
                output.Append(text.Data);
                break;
            case IElement { TagName: "BR" }:
                output.Append(LineBreak);
                break;
            case IElement { TagName: "STRONG" or "B" } element:
                Wrap(element, "**", output);
                break;
            case IElement { TagName: "EM" or "I" } element:
                Wrap(element, "*", output);
                break;
            case IElement { TagName: "A" } element:
                RenderLink(element, output);
                break;
            case IElement element:
                foreach (var child in element.ChildNodes)
                {
                    RenderInline(child, output);
                }

                break;
        }
    }

    private static void Wrap(IElement element, string marker, StringBuilder output)
    {
        var inner = new StringBuilder();
        foreach (var child in element.ChildNodes)
        {
            RenderInline(child, inner);
        }

        var text = Clean(inner.ToString());
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Contains(LineBreak, StringComparison.Ordinal))
        {
            output.Append(text);
            return;
        }

        var leading = text[..(text.Length - text.TrimStart().Length)];
        var trailing = text[text.TrimEnd().Length..];
        output.Append(leading).Append(marker).Append(trimmed).Append(marker).Append(trailing);
    }

    private static void RenderLink(IElement element, StringBuilder output)
    {
        var text = InlineText(element);
        var href = element.GetAttribute("href")?.Trim();
        if (string.IsNullOrEmpty(href))
        {
            output.Append(text);
            return;
        }

        output.Append('[').Append(text.Length > 0 ? text : href).Append("](").Append(href.Replace(" ", "%20", StringComparison.Ordinal)).Append(')');
    }

    private static string InlineText(IElement element)
    {
        var inner = new StringBuilder();
        foreach (var child in element.ChildNodes)
        {
            RenderInline(child, inner);
        }

        return CollapseSpaces(Clean(inner.ToString()).Replace(LineBreak, ' ')).Trim();
    }

    /// <summary>Ends a paragraph: each line break becomes a Markdown hard break, an empty line starts a new paragraph.</summary>
    private static void FlushParagraph(StringBuilder inline, List<string> blocks)
    {
        var lines = Clean(inline.ToString()).Split(LineBreak).Select(line => CollapseSpaces(line).Trim()).ToList();
        inline.Clear();
        var paragraph = new List<string>();
        foreach (var line in lines.Append(""))
        {
            if (line.Length > 0)
            {
                paragraph.Add(line);
            }
            else if (paragraph.Count > 0)
            {
                blocks.Add(string.Join("\\\n", paragraph));
                paragraph.Clear();
            }
        }
    }

    /// <summary>Drops zero-width characters and turns non-breaking and other odd spaces into plain ones.</summary>
    private static string Clean(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            switch (character)
            {
                case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD':
                    break;
                case LineBreak:
                    cleaned.Append(LineBreak);
                    break;
                default:
                    cleaned.Append(char.IsWhiteSpace(character) ? ' ' : character);
                    break;
            }
        }

        return cleaned.ToString();
    }

    private static string CollapseSpaces(string text)
    {
        var collapsed = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (character != ' ' || collapsed.Length == 0 || collapsed[^1] != ' ')
            {
                collapsed.Append(character);
            }
        }

        return collapsed.ToString();
    }
}
