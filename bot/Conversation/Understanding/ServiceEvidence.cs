using System.Globalization;
using CitizenBot.Knowledge.Search;
using CitizenBot.Privacy;
using Microsoft.Extensions.Options;

namespace CitizenBot.Conversation.Understanding;

/// <summary>
/// Decides whether a question is the city's to answer, by evidence: the services the search finds, how much of the question
/// the leading one explains (its support), and whether the question names another town or authority that no service covers.
/// </summary>
public sealed class ServiceEvidence(IKnowledgeSearch search, UnderstandingVocabulary vocabulary, IOptions<UnderstandingOptions> options)
{
    /// <summary>How many services the answer step may choose among, offer, or show as runners-up.</summary>
    public const int Candidates = 5;

    public async Task<Intent> WeighAsync(string question, string language, IReadOnlyList<SentenceReading> sentences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(sentences);
        var text = SearchText(question);
        var results = await search.SearchAsync(text, language, Candidates, cancellationToken);
        return Weigh(text, sentences, results);
    }

    /// <summary>The same from the word search alone, without waiting for any outside service (benchmarks, the command line).</summary>
    public Intent Weigh(string question, string language, IReadOnlyList<SentenceReading> sentences)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(sentences);
        var text = SearchText(question);
        return Weigh(text, sentences, search.Search(text, language, Candidates));
    }

    /// <summary>The question as the search should see it: without redaction placeholders and their labels, and no longer than any real question.</summary>
    public string SearchText(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var asked = Placeholders.Remove(question);
        return asked.Length > options.Value.MaximumQuestionLength ? asked[..options.Value.MaximumQuestionLength] : asked;
    }

    private Intent Weigh(string text, IReadOnlyList<SentenceReading> sentences, SearchResults results)
    {
        if (results.Hits.Count == 0)
        {
            return new Intent(IntentKind.OutOfScope, "no service matches") { Question = text };
        }

        var top = results.Hits[0];
        var support = top.Coverage;
        var classes = sentences.Count > 0 ? sentences[0].Classes : null;
        var place = classes is null ? null : vocabulary.Elsewhere.PlaceAskedAbout(text, classes);
        if (place is not null && !Elsewhere.ServiceNames(top.Document, place))
        {
            return OutOfScope($"asks about another place: '{place}'", text, results, support) with { Elsewhere = place };
        }

        if (Elsewhere.AuthorityNamed(sentences) is { } authority && !Elsewhere.ServiceNames(top.Document, authority))
        {
            return OutOfScope($"names another authority: '{authority}'", text, results, support) with { Elsewhere = authority };
        }

        if (support < options.Value.MinimumSupport)
        {
            return OutOfScope(string.Create(CultureInfo.InvariantCulture, $"support {support:0.00} below {options.Value.MinimumSupport:0.00}"), text, results, support);
        }

        return new Intent(IntentKind.ServiceQuestion, string.Create(CultureInfo.InvariantCulture, $"support {support:0.00} for {top.Document.Id}"))
        {
            Question = text,
            Candidates = results,
            Support = support,
        };
    }

    private static Intent OutOfScope(string evidence, string text, SearchResults results, double support) =>
        new(IntentKind.OutOfScope, evidence) { Question = text, Candidates = results, Support = support };
}
