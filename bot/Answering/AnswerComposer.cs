using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Answering;

/// <summary>
/// Builds a short answer from one service without a language model: what the question asks for (costs → the fees, documents → what
/// to bring, where or when → the office and the appointment link, deadlines → how long), otherwise the opening of the description and
/// the passage that fits the question best; quoted verbatim, at most about <see cref="AnsweringOptions.MaximumWords"/> words and five
/// links, with the appointment link when the service has one and the source.
/// </summary>
public sealed partial class AnswerComposer(CitizenTexts texts, IOptions<AnsweringOptions> options)
{
    private const string Description = "Beschreibung";
    private const string Fees = "Gebühren";
    private const string Forms = "Formulare";
    private const string Offices = "Zuständige Stellen";

    // Links the answer may quote itself; the appointment link and the source come on top, five in all.
    private const int MostQuotedLinks = 3;

    public Answer Compose(ServiceHit hit, Question question, double confidence)
    {
        ArgumentNullException.ThrowIfNull(hit);
        ArgumentNullException.ThrowIfNull(question);
        if (question.Language != TextsOptions.DefaultLanguage && hit.Document.Versions.GetValueOrDefault(question.Language) is { } version)
        {
            return ComposeVersion(hit, question, version, confidence);
        }

        var document = hit.Document;
        var body = new StringBuilder(WithoutLinksAfter(string.Join("\n\n", Parts(hit, question.Text)), MostQuotedLinks)).Append("\n\n");

        AppendAppointment(body, document, question.Language);

        var citation = new Citation(1, document.Id, document.Title, document.Url, Abstract(hit));
        var text = Fill(texts.Get(TextKeys.AnswerFromService, question.Language), document, body.ToString().TrimEnd());
        return new Answer(text)
        {
            Kind = AnswerKind.Service,
            Citations = [citation],
            Confidence = confidence,
            QuotedInGerman = question.Language != TextsOptions.DefaultLanguage,
        };
    }

    /// <summary>The editors' version of the service in Leichte Sprache or the citizen's language, whole, with the German source.</summary>
    public Answer ComposeVersion(ServiceHit hit, Question question, string version, double confidence)
    {
        ArgumentNullException.ThrowIfNull(hit);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(version);
        var document = hit.Document;
        // Leichte Sprache is read whole. A language version gives its opening; what was asked (fees, papers, place, deadlines) is quoted
        // from the German source, which the import keeps current when a translation may have fallen behind.
        var readWhole = question.Style is AnswerStyle.EasyGerman or AnswerStyle.Simple;
        var asked = readWhole ? [] : Parts(hit, question.Text, openingUnlessAsked: false);
        var text = readWhole ? version.Trim()
            : asked.Count == 0 ? Opening(version, options.Value.MaximumWords)
            : $"{Opening(version, options.Value.MaximumWords / 3)}\n\n{texts.Get(TextKeys.FromGermanSource, question.Language)}\n\n{WithoutLinksAfter(string.Join("\n\n", asked), MostQuotedLinks)}";
        var body = new StringBuilder(text).Append("\n\n");
        AppendAppointment(body, document, question.Language);

        return new Answer(Fill(texts.Get(TextKeys.AnswerFromVersion, question.Language), document, body.ToString().TrimEnd()))
        {
            Kind = AnswerKind.Service,
            Citations = [new Citation(1, document.Id, document.Title, document.Url, Abstract(hit))],
            Confidence = confidence,
        };
    }

    /// <summary>The appointment link, whenever the service has one.</summary>
    private void AppendAppointment(StringBuilder body, KnowledgeDocument document, string language)
    {
        if (document.Appointment is { } appointment)
        {
            body.Append(CultureInfo.InvariantCulture, $"[{texts.Get(TextKeys.AppointmentLink, language)}]({appointment.AbsoluteUri})\n\n");
        }
    }

    public Answer AskBack(IReadOnlyList<ServiceHit> hits, Question question, double confidence, string textKey = TextKeys.AskBack) =>
        new(texts.Get(textKey, question.Language))
        {
            Kind = AnswerKind.AskBack,
            Confidence = confidence,
            Choices = [.. hits.Select(hit => new AnswerChoice(hit.Document.Id, hit.Document.Title))],
        };

    /// <summary>A version's paragraphs from the start, within <paramref name="words"/>.</summary>
    private static string Opening(string version, int words) =>
        string.Join("\n\n", new WordBudget(words).Take(version.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    /// <summary>The answer's paragraphs in reading order: what was asked first, within the word budget; the opening only when nothing particular was asked.</summary>
    private List<string> Parts(ServiceHit hit, string question, bool openingUnlessAsked = true)
    {
        var budget = new WordBudget(options.Value.MaximumWords);
        var parts = new List<string>();
        var asked = false;
        if (AsksCost().IsMatch(question) && Section(hit, Fees).ToList() is { Count: > 0 } fees)
        {
            asked = true;
            parts.AddRange(budget.Take(fees.Select(passage => passage.Text), heading: Fees));
        }

        if (AsksDeadline().IsMatch(question) && Matching(Section(hit, Description), StatesValidity()).ToList() is { Count: > 0 } validity)
        {
            asked = true;
            parts.AddRange(budget.Take(validity.Select(passage => passage.Text).Take(2)));
        }

        if (AsksDocuments().IsMatch(question) && Matching(Section(hit, Description), NamesDocuments()).ToList() is { Count: > 0 } documents)
        {
            asked = true;
            parts.AddRange(budget.Take(documents.Select(passage => passage.Text).Take(2)));
        }

        if (AsksWhen().IsMatch(question) && Matching(Section(hit, Description), StatesTime()).ToList() is { Count: > 0 } times)
        {
            asked = true;
            parts.AddRange(budget.Take(times.Select(passage => passage.Text).Take(1)));
        }

        if (AsksPlaceOrTime().IsMatch(question) && FirstOffice(hit, withAppointment: hit.Document.Appointment is null) is { } office)
        {
            asked = true;
            parts.AddRange(budget.Take([office], heading: Offices));
        }

        if (AsksForms().IsMatch(question) && FormLinks(hit, question) is { Count: > 0 } forms)
        {
            asked = true;
            parts.AddRange(budget.Take([string.Join('\n', forms)], heading: Forms));
        }

        if (openingUnlessAsked && (!asked || parts.Count == 0))
        {
            parts.InsertRange(0, budget.Take(Opening(hit).Select(passage => passage.Text)));
        }

        return parts;
    }

    /// <summary>The first paragraph of the description and the one that fits the question best, in file order.</summary>
    private static IEnumerable<Passage> Opening(ServiceHit hit)
    {
        var description = Section(hit, Description).ToList();
        if (description.Count == 0)
        {
            return hit.AllPassages.Where(passage => passage.Heading != Forms && passage.Heading != Offices).Take(1);
        }

        var best = description.Where(passage => passage.Score > 0).MaxBy(passage => passage.Score);
        return best is null || best == description[0] ? [description[0]] : [description[0], best];
    }

    private static IEnumerable<Passage> Section(ServiceHit hit, string heading) =>
        hit.AllPassages.Where(passage => passage.Heading.StartsWith(heading, StringComparison.OrdinalIgnoreCase));

    /// <summary>Passages that say what the question asks about, those that fit the question best first.</summary>
    private static IEnumerable<Passage> Matching(IEnumerable<Passage> passages, Regex about) =>
        passages.Where(passage => about.IsMatch(passage.Text)).OrderByDescending(passage => passage.Score);

    /// <summary>The first office of the service: its name, address, telephone and hours (and its booking link when the service has none of its own).</summary>
    private static string? FirstOffice(ServiceHit hit, bool withAppointment)
    {
        var lines = Section(hit, Offices).SelectMany(passage => passage.Text.Split('\n')).Select(line => line.Trim()).ToList();
        var name = lines.FirstOrDefault(line => line.StartsWith("###", StringComparison.Ordinal));
        var details = lines.SkipWhile(line => line != name).Skip(1).TakeWhile(line => !line.StartsWith("###", StringComparison.Ordinal))
            .Where(line => OfficeDetail().IsMatch(line) || (withAppointment && line.StartsWith("- Termin", StringComparison.Ordinal)))
            .ToList();
        return name is null && details.Count == 0 ? null : string.Join('\n', new[] { name?.TrimStart('#', ' ') }.OfType<string>().Concat(details));
    }

    /// <summary>The forms the question names (or the first ones when it asks for forms in general); never the data-protection notice.</summary>
    private static List<string> FormLinks(ServiceHit hit, string question)
    {
        var forms = Section(hit, Forms).SelectMany(passage => passage.Text.Split('\n')).Select(line => line.Trim())
            .Where(line => line.StartsWith("- [", StringComparison.Ordinal) && !DataProtection().IsMatch(line))
            .ToList();
        var words = GermanTextAnalyzer.Words(question).Where(word => word.Length > 4).ToList();
        var named = forms.Where(form => words.Any(word => form.Contains(word, StringComparison.OrdinalIgnoreCase))).ToList();
        return [.. (named.Count > 0 ? named : forms).Take(MostQuotedLinks)];
    }

    /// <summary>The text with every Markdown link after the first <paramref name="kept"/> reduced to its words.</summary>
    private static string WithoutLinksAfter(string markdown, int kept)
    {
        var seen = 0;
        return MarkdownLink().Replace(markdown, link => ++seen <= kept ? link.Value : link.Groups["text"].Value);
    }

    private static string Abstract(ServiceHit hit)
    {
        var first = hit.AllPassages.FirstOrDefault(passage => IsDescription(passage.Heading)) ?? (hit.AllPassages.Count > 0 ? hit.AllPassages[0] : null);
        var text = first is null ? hit.Document.Title : Plain(first.Text).ReplaceLineEndings(" ");
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 197), "…");
    }

    private static string Fill(string template, KnowledgeDocument document, string body) => template
        .Replace("{Title}", document.Title, StringComparison.Ordinal)
        .Replace("{Url}", document.Url.AbsoluteUri, StringComparison.Ordinal)
        .Replace("{Answer}", body, StringComparison.Ordinal);

    private static bool IsDescription(string heading) => heading.StartsWith(Description, StringComparison.OrdinalIgnoreCase);

    // Bold markers inside a fact ("13 **Euro**") would hide it from readers that search the text; the heading carries the emphasis.
    private static string Plain(string markdown) => markdown.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal);

    /// <summary>Takes whole paragraphs while they fit, and the first sentences of one that does not; every paragraph plain, without bold.</summary>
    private sealed partial class WordBudget(int words)
    {
        private int _left = words;

        public List<string> Take(IEnumerable<string> paragraphs, string? heading = null)
        {
            var taken = new List<string>();
            foreach (var paragraph in paragraphs.Select(Plain))
            {
                if (_left <= 0)
                {
                    break;
                }

                var count = Count(paragraph);
                if (count <= _left)
                {
                    taken.Add(paragraph);
                    _left -= count;
                    continue;
                }

                var cut = Cut(paragraph, _left);
                if (cut.Length > 0)
                {
                    taken.Add(cut + " …");
                }

                _left = 0;
            }

            if (heading is not null && taken.Count > 0)
            {
                taken[0] = $"**{heading}:**\n{taken[0]}";
            }

            return taken;
        }

        private static int Count(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

        /// <summary>The longest run of whole sentences (or list lines) within <paramref name="most"/> words.</summary>
        private static string Cut(string paragraph, int most)
        {
            var kept = new StringBuilder();
            var used = 0;
            foreach (Match sentence in SentenceOrLine().Matches(paragraph))
            {
                var count = Count(sentence.Value);
                if (used + count > most)
                {
                    break;
                }

                kept.Append(sentence.Value);
                used += count;
            }

            return kept.ToString().Trim();
        }

        [GeneratedRegex(@"[^.!?\n]+(?:[.!?]+|\n|$)\s*")]
        private static partial Regex SentenceOrLine();
    }

    [GeneratedRegex(@"\b(kost\w*|gebühr\w*|preis\w*|euro|teuer\w*|zahl\w*|bezahl\w*|überweis\w*|cost\w*|fee|fees|charge\w*|price|pay\w*|much)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksCost();

    [GeneratedRegex(@"\b(unterlagen|dokument\w*|mitbringen|mitnehmen|nachweis\w*|papiere|vorlegen|documents?|bring|paperwork)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksDocuments();

    [GeneratedRegex(@"\b(wo|wohin|wann|öffnungszeit\w*|geöffnet|adresse|termin\w*|where|when|opening|address|appointment|office)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksPlaceOrTime();

    [GeneratedRegex(@"\b(wann|uhrzeit|welche[mn]?\s+tag\w*|when|what\s+time|which\s+days?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksWhen();

    [GeneratedRegex(@"\b(\d{1,2}([.:]\d{2})?\s*uhr|montag\w*|dienstag\w*|mittwoch\w*|donnerstag\w*|freitag\w*|samstag\w*|sonntag\w*|werktag\w*|täglich)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatesTime();

    [GeneratedRegex(@"\b(frist\w*|wie\s+lange|bis\s+wann|gültig\w*|dauer\w*|deadline|how\s+long|valid\w*|expire\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksDeadline();

    [GeneratedRegex(@"\b(formular\w*|vordruck\w*|antragsformular\w*|vollmacht\w*|download\w*|herunterladen|form|forms)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksForms();

    [GeneratedRegex(@"\b(gültig\w*|frist\w*|läuft\s+\w+\s+ab|dauert|bearbeitungszeit|wochen|monate|jahre)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatesValidity();

    [GeneratedRegex(@"\b(unterlagen|mitbringen|mitzubringen|vorlegen|vorzulegen|nachweis\w*|bescheinigung\w*|ausweis\w*|pass\b|urkunde\w*|foto\w*|formular\w*)", RegexOptions.IgnoreCase)]
    private static partial Regex NamesDocuments();

    [GeneratedRegex(@"^- (Adresse|Telefon|Öffnungszeiten)", RegexOptions.IgnoreCase)]
    private static partial Regex OfficeDetail();

    [GeneratedRegex(@"dsgvo|datenschutz", RegexOptions.IgnoreCase)]
    private static partial Regex DataProtection();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<url>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
