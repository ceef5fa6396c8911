using CitizenBot.Privacy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CitizenBot.Knowledge.Search.Dense;

/// <summary>
/// The word search fused with embedding similarity by reciprocal rank fusion, so a question that shares no word with the right service
/// can still find it. Without vectors, or when the endpoint is slow or fails, the word ranking answers alone.
/// </summary>
public sealed partial class FusedKnowledgeSearch(
    LuceneKnowledgeSearch words,
    ServiceVectors vectors,
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IPersonalDataRedactor redactor,
    IOptions<EmbeddingOptions> options,
    ILogger<FusedKnowledgeSearch> logger) : IKnowledgeSearch
{
    // The usual constant of reciprocal rank fusion: first places count most, without one ranking drowning the other.
    private const double RankConstant = 60;

    public SearchResults Search(string query, string language, int top) => words.Search(query, language, top);

    public ServiceHit? Find(string knowledgeId, string query, string language) => words.Find(knowledgeId, query, language);

    public async Task<SearchResults> SearchAsync(string query, string language, int top, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var lexical = words.Search(query, language, Math.Max(top, settings.FusionDepth));
        if (vectors.Count == 0 || lexical.QueryTermCount == 0)
        {
            return Leading(lexical, top);
        }

        ReadOnlyMemory<float> question;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(settings.QueryTimeout);
            // The question leaves the city's servers here, so only in redacted form.
            var embeddings = await generator.GenerateAsync([redactor.Redact(query).Text], cancellationToken: deadline.Token);
            question = embeddings[0].Vector;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogQueryEmbeddingFailed(exception.GetType().Name);
            return Leading(lexical, top);
        }

        var dense = vectors.Nearest(question.Span, settings.FusionDepth);
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var place = 0; place < lexical.Hits.Count; place++)
        {
            fused[lexical.Hits[place].Document.Id] = 1 / (RankConstant + place + 1);
        }

        for (var place = 0; place < dense.Count; place++)
        {
            fused[dense[place]] = fused.GetValueOrDefault(dense[place]) + (1 / (RankConstant + place + 1));
        }

        var byId = lexical.Hits.ToDictionary(hit => hit.Document.Id, StringComparer.Ordinal);
        var hits = fused.OrderByDescending(pair => pair.Value)
            .Select(pair => byId.GetValueOrDefault(pair.Key) ?? words.Find(pair.Key, query, language))
            .OfType<ServiceHit>()
            .Take(top)
            .ToList();

        // The order changes, the scores by place do not: the confidence model was calibrated on the word search's leading scores.
        return new SearchResults([.. hits.Select((hit, place) => hit with { Score = place < lexical.Hits.Count ? lexical.Hits[place].Score : 0 })], lexical.QueryTermCount);
    }

    private static SearchResults Leading(SearchResults results, int top) =>
        results.Hits.Count <= top ? results : results with { Hits = [.. results.Hits.Take(top)] };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding a question failed ({ExceptionType}); the word search answered alone")]
    private partial void LogQueryEmbeddingFailed(string exceptionType);
}
