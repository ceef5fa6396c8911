using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CitizenBot.Knowledge.Search;
using CitizenBot.Transparency;
using Microsoft.Extensions.Options;

namespace CitizenBot.Answering;

/// <summary>
/// Builds a short answer from one service without a language model: the passages the question asks for
/// (costs, documents, place and time, deadlines) and those that match it best, quoted verbatim, with the source.
/// </summary>
public sealed partial class AnswerComposer(CitizenTexts texts, IOptions<AnsweringOptions> options)
{
    private const double AskedSectionBonus = 100;

    public Answer Compose(ServiceHit hit, Question question, double confidence)
    {
        var document = hit.Document;
        var body = new StringBuilder();
        string? previousHeading = null;
        foreach (var passage in ChoosePassages(hit, question.Text))
        {
            if (passage.Heading != previousHeading && !IsDescription(passage.Heading))
            {
                body.Append(CultureInfo.InvariantCulture, $"**{passage.Heading}:**\n");
            }

            body.Append(Plain(passage.Text)).Append("\n\n");
            previousHeading = passage.Heading;
        }

        var citation = new Citation(1, document.Id, document.Title, document.Url, Abstract(hit));
        var text = Fill(texts.Get(TextKeys.AnswerFromService, question.Language), document, body.ToString().TrimEnd());
        return new Answer(text)
        {
            Kind = AnswerKind.Service,
            Citations = [citation],
            Confidence = confidence,
        };
    }

    public Answer AskBack(IReadOnlyList<ServiceHit> hits, Question question, double confidence, string textKey = TextKeys.AskBack) =>
        new(texts.Get(textKey, question.Language))
        {
            Kind = AnswerKind.AskBack,
            Confidence = confidence,
            Choices = [.. hits.Select(hit => new AnswerChoice(hit.Document.Id, hit.Document.Title))],
        };

    /// <summary>Passages in file order: the sections the question asks about first, then the best-matching ones, within the word budget.</summary>
    private List<Passage> ChoosePassages(ServiceHit hit, string question)
    {
        var asked = AskedSections(question);
        var all = hit.AllPassages;
        var priority = all
            .Select((passage, index) => (passage, index, rank: passage.Score + AskedBonus(passage, all, index, asked)))
            .Where(item => item.rank > 0)
            .OrderByDescending(item => item.rank)
            .ThenBy(item => item.index)
            .ToList();
        if (priority.Count == 0 && all.Count > 0)
        {
            priority.Add((all[0], 0, 0));
        }

        var budget = options.Value.MaximumWords;
        var chosen = new List<(Passage Passage, int Index)>();
        foreach (var (passage, index, _) in priority)
        {
            var words = WordCount(passage.Text);
            if (chosen.Count > 0 && words > budget)
            {
                continue;
            }

            chosen.Add((passage, index));
            budget -= words;
            if (budget <= 10)
            {
                break;
            }
        }

        return [.. chosen.OrderBy(item => item.Index).Select(item => item.Passage)];
    }

    /// <summary>The first two passages of a section the question asks for get ahead of everything else.</summary>
    private static double AskedBonus(Passage passage, IReadOnlyList<Passage> all, int index, IReadOnlyList<Regex> asked)
    {
        if (!asked.Any(heading => heading.IsMatch(passage.Heading)))
        {
            // How long a document is valid is mostly said in a sentence of the description, not under a heading of its own.
            return asked.Contains(DeadlineHeading()) && StatesValidity().IsMatch(passage.Text) ? AskedSectionBonus / 2 : 0;
        }

        var positionInSection = 0;
        for (var i = index - 1; i >= 0 && all[i].Heading == passage.Heading; i--)
        {
            positionInSection++;
        }

        return positionInSection < 2 ? AskedSectionBonus - positionInSection : 0;
    }

    private static List<Regex> AskedSections(string question)
    {
        var asked = new List<Regex>();
        if (AsksCost().IsMatch(question))
        {
            asked.Add(CostHeading());
        }

        if (AsksDocuments().IsMatch(question))
        {
            asked.Add(DocumentsHeading());
        }

        if (AsksPlaceOrTime().IsMatch(question))
        {
            asked.Add(PlaceHeading());
        }

        if (AsksDeadline().IsMatch(question))
        {
            asked.Add(DeadlineHeading());
        }

        return asked;
    }

    private static string Abstract(ServiceHit hit)
    {
        var first = hit.AllPassages.FirstOrDefault(passage => IsDescription(passage.Heading)) ?? (hit.AllPassages.Count > 0 ? hit.AllPassages[0] : null);
        var text = first is null ? hit.Document.Title : Plain(first.Text).ReplaceLineEndings(" ");
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 197), "…");
    }

    private static string Fill(string template, Knowledge.KnowledgeDocument document, string body) => template
        .Replace("{Title}", document.Title, StringComparison.Ordinal)
        .Replace("{Url}", document.Url.AbsoluteUri, StringComparison.Ordinal)
        .Replace("{Answer}", body, StringComparison.Ordinal);

    private static bool IsDescription(string heading) => heading.StartsWith("Beschreibung", StringComparison.OrdinalIgnoreCase);

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    // Bold markers inside a fact ("13 **Euro**") would hide it from readers that search the text; the heading carries the emphasis.
    private static string Plain(string markdown) => markdown.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal);

    [GeneratedRegex(@"\b(kost\w*|gebühr\w*|preis\w*|euro|teuer\w*|zahl\w*|bezahl\w*|überweis\w*|cost\w*|fee|fees|charge\w*|price|pay\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksCost();

    [GeneratedRegex(@"\b(unterlagen|dokument\w*|mitbringen|mitnehmen|nachweis\w*|papiere|vorlegen|documents?|bring|paperwork)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksDocuments();

    [GeneratedRegex(@"\b(wo|wohin|wann|öffnungszeit\w*|geöffnet|adresse|termin\w*|where|when|opening|address|appointment|office)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksPlaceOrTime();

    [GeneratedRegex(@"\b(frist\w*|wie\s+lange|bis\s+wann|gültig\w*|dauer\w*|deadline|how\s+long|valid\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksDeadline();

    [GeneratedRegex(@"\b(gültig\w*|frist\w*|läuft\s+\w+\s+ab)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatesValidity();

    [GeneratedRegex(@"gebühr|kosten", RegexOptions.IgnoreCase)]
    private static partial Regex CostHeading();

    [GeneratedRegex(@"unterlagen|dokumente|nachweise", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentsHeading();

    [GeneratedRegex(@"zuständig|stelle|standort|öffnungszeit|termin|kontakt", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceHeading();

    [GeneratedRegex(@"frist|dauer|gültig|bearbeitungszeit", RegexOptions.IgnoreCase)]
    private static partial Regex DeadlineHeading();
}
