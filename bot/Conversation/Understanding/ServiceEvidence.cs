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

    // With another authority named, the rest of the question must be clearly a service's: half of its rare words explained.
    private const double NamedAuthoritySupport = 0.5;

    public async Task<Intent> WeighAsync(string question, string language, IReadOnlyList<SentenceReading> sentences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(sentences);
        var named = Named(question, sentences);
        return Weigh(named, await search.SearchAsync(named.Asked, language, Candidates, cancellationToken));
    }

    /// <summary>The same from the word search alone, without waiting for any outside service (benchmarks, the command line).</summary>
    public Intent Weigh(string question, string language, IReadOnlyList<SentenceReading> sentences)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(sentences);
        var named = Named(question, sentences);
        return Weigh(named, search.Search(named.Asked, language, Candidates));
    }

    /// <summary>The question as the search should see it: without redaction placeholders and their labels, and no longer than any real question.</summary>
    public string SearchText(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var asked = Placeholders.Remove(question);
        return asked.Length > options.Value.MaximumQuestionLength ? asked[..options.Value.MaximumQuestionLength] : asked;
    }

    /// <summary>
    /// The other place the question asks about, the authority it names, and the question without every other town and authority:
    /// they tell where a question belongs, not which of the city's services answers it.
    /// </summary>
    private NamedElsewhere Named(string question, IReadOnlyList<SentenceReading> sentences)
    {
        var text = SearchText(question);
        var elsewhere = vocabulary.Elsewhere;
        var place = sentences.Count > 0 ? elsewhere.PlaceAskedAbout(text, sentences[0].Classes) : null;
        var authority = Elsewhere.AuthorityNamed(sentences);
        var asked = Elsewhere.Without(text, [.. elsewhere.PlacesNamed(text), .. authority is null ? [] : new[] { authority }]);
        return new NamedElsewhere(question, asked, place, authority);
    }

    private Intent Weigh(NamedElsewhere named, SearchResults results)
    {
        if (results.Hits.Count == 0)
        {
            return new Intent(IntentKind.OutOfScope, named.Authority is null ? "no service matches" : $"names another authority: '{named.Authority}'")
            {
                Question = named.Text,
                Elsewhere = named.Place ?? named.Authority,
            };
        }

        var top = results.Hits[0];
        var support = top.Coverage;
        if (named.Place is { } place && !Elsewhere.ServiceNames(top.Document, place))
        {
            return OutOfScope($"asks about another place: '{place}'", named.Text, results, support) with { Elsewhere = place };
        }

        // An authority that is not the city is the topic, unless a service sends citizens there or the rest of the question is a service's.
        if (named.Authority is { } authority && !Elsewhere.ServiceNames(top.Document, authority)
            && (support < NamedAuthoritySupport || results.QueryTermCount < 2))
        {
            return OutOfScope($"names another authority: '{authority}'", named.Text, results, support) with { Elsewhere = authority };
        }

        if (support < options.Value.MinimumSupport || top.Score < options.Value.MinimumScore)
        {
            return OutOfScope(string.Create(CultureInfo.InvariantCulture, $"support {support:0.00}, score {top.Score:0.0}: too little of it is the city's"), named.Text, results, support);
        }

        return new Intent(IntentKind.ServiceQuestion, string.Create(CultureInfo.InvariantCulture, $"support {support:0.00} for {top.Document.Id}"))
        {
            Question = named.Text,
            Candidates = results,
            Support = support,
        };
    }

    private static Intent OutOfScope(string evidence, string text, SearchResults results, double support) =>
        new(IntentKind.OutOfScope, evidence) { Question = text, Candidates = results, Support = support };

    /// <summary>The question as asked (personal data already replaced), the question for the search, and the other place or authority it names.</summary>
    private sealed record NamedElsewhere(string Text, string Asked, string? Place, string? Authority);
}
