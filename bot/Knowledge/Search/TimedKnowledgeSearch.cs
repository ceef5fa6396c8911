using System.Diagnostics;
using CitizenBot.Telemetry;

namespace CitizenBot.Knowledge.Search;

/// <summary>Wraps whichever search backend is configured (Lucene, Azure AI Search) with a retrieval span and the retrieval time histogram.</summary>
public sealed class TimedKnowledgeSearch(IKnowledgeSearch inner, CitizenBotTelemetry telemetry) : IKnowledgeSearch
{
    public SearchResults Search(string query, string language, int top)
    {
        using var span = CitizenBotTelemetry.StartRetrieval(language, top);
        var started = Stopwatch.GetTimestamp();
        var results = inner.Search(query, language, top);
        Record(span, results, Stopwatch.GetElapsedTime(started), language);
        return results;
    }

    public async Task<SearchResults> SearchAsync(string query, string language, int top, CancellationToken cancellationToken)
    {
        using var span = CitizenBotTelemetry.StartRetrieval(language, top);
        var started = Stopwatch.GetTimestamp();
        var results = await inner.SearchAsync(query, language, top, cancellationToken);
        Record(span, results, Stopwatch.GetElapsedTime(started), language);
        return results;
    }

    public ServiceHit? Find(string knowledgeId, string query, string language) => inner.Find(knowledgeId, query, language);

    private void Record(Activity? span, SearchResults results, TimeSpan took, string language)
    {
        span?.SetTag("citizenbot.retrieval.hits", results.Hits.Count);
        telemetry.RecordRetrieval(took, language);
    }
}
