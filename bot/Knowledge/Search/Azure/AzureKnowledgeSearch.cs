using Azure;
using Azure.Search.Documents;
using Azure.Search.Documents.Models;
using CitizenBot.Privacy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CitizenBot.Knowledge.Search.Azure;

/// <summary>
/// Ranks services with Azure AI Search and answers from the local knowledge folder. While the index is not yet in step, or Azure fails
/// or is slow, the question is answered by the local Lucene index instead: a citizen never waits on, or sees, an Azure failure.
/// </summary>
public sealed partial class AzureKnowledgeSearch(
    LuceneKnowledgeSearch local,
    SearchClient azure,
    AzureIndexHealth health,
    IPersonalDataRedactor redactor,
    IServiceProvider services,
    IOptions<AzureAiSearchOptions> options,
    ILogger<AzureKnowledgeSearch> logger) : IKnowledgeSearch
{
    /// <summary>The search without waiting for an outside service (evaluation, benchmarks) stays the local one.</summary>
    public SearchResults Search(string query, string language, int top) => local.Search(query, language, top);

    public ServiceHit? Find(string knowledgeId, string query, string language) => local.Find(knowledgeId, query, language);

    public async Task<SearchResults> SearchAsync(string query, string language, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // The caller passes the redacted question; redacting again costs little and keeps the rule where the text leaves the city.
        var words = GermanTextAnalyzer.Words(Placeholders.Remove(redactor.Redact(query).Text));
        if (!health.Usable || words.Count == 0)
        {
            return local.Search(query, language, top);
        }

        var settings = options.Value;
        IReadOnlyList<(string ServiceId, double Score)> ranked;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(settings.QueryTimeout);
            ranked = await RankAsync(string.Join(' ', words), top, settings, deadline.Token);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            health.Pause(settings.RetryAfter);
            LogQueryFailed((failure as RequestFailedException)?.Status ?? 0, failure.GetType().Name, settings.RetryAfter.TotalSeconds);
            return local.Search(query, language, top);
        }

        return Calibrated(ranked, query, language);
    }

    /// <summary>
    /// Azure's scores (BM25 over other analysers and fields, or the semantic reranker's 0–4) are not on the scale the confidence model
    /// was fitted on, and there is no Azure index here to refit it against. So Azure decides which services and in what order, and the
    /// gaps between them (the margin); the level of the leading score is the local search's best score for the same question — its
    /// calibrated judgement of whether the folder answers the question at all — so out-of-scope questions still end in an honest
    /// "no reliable answer". Coverage and passages are measured locally on the same documents. Refit with `eval --calibrate` against a
    /// real index before trusting the thresholds.
    /// </summary>
    private SearchResults Calibrated(IReadOnlyList<(string ServiceId, double Score)> ranked, string query, string language)
    {
        var reference = local.Search(query, language, 1);
        var level = reference.Hits.Count > 0 ? reference.Hits[0].Score : 0;
        var leading = ranked.Count > 0 ? ranked[0].Score : 0;
        var hits = new List<ServiceHit>();
        foreach (var (serviceId, score) in ranked)
        {
            // A service the index still holds but the folder no longer does is skipped: answers come only from current knowledge.
            if (local.Find(serviceId, query, language) is { } hit)
            {
                hits.Add(hit with { Score = leading <= 0 ? 0 : level * score / leading });
            }
        }

        return new SearchResults(hits, reference.QueryTermCount);
    }

    private async Task<IReadOnlyList<(string ServiceId, double Score)>> RankAsync(string question, int top, AzureAiSearchOptions settings, CancellationToken cancellationToken)
    {
        var query = new SearchOptions { QueryType = SearchQueryType.Simple, SearchMode = SearchMode.Any, Size = top };
        foreach (var field in ServiceIndexSchema.SearchedFields)
        {
            query.SearchFields.Add(field);
        }

        query.Select.Add(ServiceIndexSchema.ServiceIdField);
        if (!string.IsNullOrWhiteSpace(settings.SemanticConfiguration))
        {
            query.QueryType = SearchQueryType.Semantic;
            query.SemanticSearch = new SemanticSearchOptions { SemanticConfigurationName = settings.SemanticConfiguration };
        }

        if (!string.IsNullOrWhiteSpace(settings.VectorField))
        {
            var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var embedding = await generator.GenerateAsync([question], cancellationToken: cancellationToken);
            query.VectorSearch = new VectorSearchOptions { Queries = { new VectorizedQuery(embedding[0].Vector) { KNearestNeighborsCount = top, Fields = { settings.VectorField } } } };
        }

        var response = await azure.SearchAsync<ServiceSearchDocument>(question, query, cancellationToken);
        var ranked = new List<(string, double)>();
        await foreach (var result in response.Value.GetResultsAsync().WithCancellation(cancellationToken))
        {
            ranked.Add((result.Document.ServiceId, result.SemanticSearch?.RerankerScore ?? result.Score ?? 0));
            if (ranked.Count == top)
            {
                break;
            }
        }

        return ranked;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Search did not answer a question (HTTP {Status}, {ExceptionType}); the local index answers alone for {PauseSeconds} s")]
    private partial void LogQueryFailed(int status, string exceptionType, double pauseSeconds);
}
