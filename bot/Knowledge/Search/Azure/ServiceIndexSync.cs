using Azure;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using Azure.Search.Documents.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CitizenBot.Knowledge.Search.Azure;

/// <summary>
/// Keeps the Azure index in step with the knowledge folder: the schema and synonym map at start, then after every change only the
/// services whose content hash differs from what the index holds are pushed, and those no longer in the folder deleted.
/// A failed run is retried later; the local index answers meanwhile.
/// </summary>
public sealed partial class ServiceIndexSync(
    IKnowledgeBase knowledge,
    SearchIndexClient indexes,
    CitizenWords words,
    AzureIndexHealth health,
    IServiceProvider services,
    IOptions<AzureAiSearchOptions> options,
    TimeProvider time,
    ILogger<ServiceIndexSync> logger) : KnowledgeFollower(knowledge)
{
    // Azure skips at most 100,000 results; a city's services fit many times over.
    private const int PageSize = 1000;
    private const int MaximumPages = 100;

    private bool _schemaReady;

    protected override async Task FollowAsync(KnowledgeSnapshot snapshot, CancellationToken stoppingToken)
    {
        if (!await TrySyncAsync(snapshot, stoppingToken))
        {
            await Task.Delay(options.Value.RetryAfter, time, stoppingToken);
            RunAgain();
        }
    }

    /// <summary>One run; false when Azure refused or could not be reached. Only status codes and counts are logged, never service text.</summary>
    private async Task<bool> TrySyncAsync(KnowledgeSnapshot snapshot, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(settings, cancellationToken);
                _schemaReady = true;
            }

            var (pushed, deleted, refused) = await PushChangesAsync(snapshot, settings, cancellationToken);
            // One refused service must not keep Azure from ranking all the others; the index keeps its old version until the retry.
            health.MarkInStep();
            if (refused > 0)
            {
                LogServicesRefused(refused, settings.RetryAfter.TotalSeconds);
                return false;
            }

            LogSynced(pushed, deleted, snapshot.Documents.Count, snapshot.Version);
            return true;
        }
        catch (RequestFailedException failure) when (failure.Status is 401 or 403)
        {
            LogKeyRefused(failure.Status, settings.RetryAfter.TotalSeconds);
        }
        catch (RequestFailedException failure)
        {
            LogSyncFailed(failure.Status, failure.ErrorCode ?? "none", settings.RetryAfter.TotalSeconds);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSyncUnreachable(failure.GetType().Name, settings.RetryAfter.TotalSeconds);
        }

        return false;
    }

    private async Task EnsureSchemaAsync(AzureAiSearchOptions settings, CancellationToken cancellationToken)
    {
        // The map must exist before a field names it.
        var synonyms = ServiceIndexSchema.SynonymMap(settings.IndexName, words);
        if (synonyms is not null)
        {
            await indexes.CreateOrUpdateSynonymMapAsync(synonyms, cancellationToken: cancellationToken);
        }

        await indexes.CreateOrUpdateIndexAsync(ServiceIndexSchema.Index(settings, synonyms is not null), cancellationToken: cancellationToken);
        LogSchemaReady(settings.IndexName, synonyms is not null);
    }

    private async Task<(int Pushed, int Deleted, int Refused)> PushChangesAsync(KnowledgeSnapshot snapshot, AzureAiSearchOptions settings, CancellationToken cancellationToken)
    {
        var search = indexes.GetSearchClient(settings.IndexName);
        var held = await HeldHashesAsync(search, cancellationToken);
        var dimensions = string.IsNullOrWhiteSpace(settings.VectorField) ? 0 : settings.VectorDimensions;
        var wanted = snapshot.Documents.ToDictionary(document => ServiceSearchDocument.KeyOf(document.Id), StringComparer.Ordinal);
        var changed = wanted.Values
            .Where(document => held.GetValueOrDefault(ServiceSearchDocument.KeyOf(document.Id)) != ServiceSearchDocument.StoredHash(document, dimensions))
            .ToList();
        var removed = held.Keys.Where(key => !wanted.ContainsKey(key)).ToList();

        var refused = 0;
        foreach (var batch in changed.Chunk(settings.BatchSize))
        {
            var documents = batch.Select(document => ServiceSearchDocument.From(document, dimensions)).ToList();
            if (dimensions > 0)
            {
                await AddVectorsAsync(batch, documents, settings.VectorField!, cancellationToken);
            }

            refused += await IndexAsync(search, IndexDocumentsBatch.MergeOrUpload(documents), cancellationToken);
        }

        foreach (var batch in removed.Chunk(settings.BatchSize))
        {
            refused += await IndexAsync(search, IndexDocumentsBatch.Delete(batch.Select(key => new ServiceSearchDocument { Key = key })), cancellationToken);
        }

        return (changed.Count, removed.Count, refused);
    }

    private static async Task<int> IndexAsync(SearchClient search, IndexDocumentsBatch<ServiceSearchDocument> batch, CancellationToken cancellationToken)
    {
        // A partly refused batch answers 207 with a status per key; those keys keep their old hash in the index and are pushed again.
        var response = await search.IndexDocumentsAsync(batch, new IndexDocumentsOptions { ThrowOnAnyError = false }, cancellationToken);
        return response.Value.Results.Count(result => !result.Succeeded);
    }

    /// <summary>Key → content hash of every service the index holds now, so that another replica's push is not repeated.</summary>
    private static async Task<Dictionary<string, string?>> HeldHashesAsync(SearchClient search, CancellationToken cancellationToken)
    {
        var held = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var page = 0; page < MaximumPages; page++)
        {
            var query = new SearchOptions { Size = PageSize, Skip = page * PageSize, OrderBy = { ServiceIndexSchema.KeyField } };
            query.Select.Add(ServiceIndexSchema.KeyField);
            query.Select.Add(ServiceIndexSchema.ContentHashField);
            var response = await search.SearchAsync<ServiceSearchDocument>("*", query, cancellationToken);
            var count = 0;
            await foreach (var item in response.Value.GetResultsAsync().WithCancellation(cancellationToken))
            {
                held[item.Document.Key] = item.Document.ContentHash;
                count++;
            }

            if (count < PageSize)
            {
                break;
            }
        }

        return held;
    }

    private async Task AddVectorsAsync(KnowledgeDocument[] batch, List<ServiceSearchDocument> documents, string field, CancellationToken cancellationToken)
    {
        // Resolved only here: without a vector field the bot needs no embedding endpoint at all.
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var embeddings = await generator.GenerateAsync(batch.Select(ServiceSearchDocument.EmbeddedText), cancellationToken: cancellationToken);
        for (var i = 0; i < batch.Length; i++)
        {
            documents[i].Extra = new Dictionary<string, object> { [field] = embeddings[i].Vector.ToArray() };
        }
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Azure AI Search index {IndexName} is ready (editors' synonym map: {WithSynonyms})")]
    private partial void LogSchemaReady(string indexName, bool withSynonyms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure AI Search: pushed {PushedCount} new or changed services and deleted {DeletedCount}; {ServiceCount} services for knowledge version {Version}")]
    private partial void LogSynced(int pushedCount, int deletedCount, int serviceCount, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Search refused {RefusedCount} services; they are pushed again in {RetrySeconds} s")]
    private partial void LogServicesRefused(int refusedCount, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure AI Search refused the API key (HTTP {Status}): check " + AzureAiSearchOptions.Section + ":ApiKey (an admin key is needed). Questions are answered from the local index; retrying in {RetrySeconds} s")]
    private partial void LogKeyRefused(int status, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Search sync failed (HTTP {Status}, error code {ErrorCode}); questions are answered from the local index, retrying in {RetrySeconds} s")]
    private partial void LogSyncFailed(int status, string errorCode, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Search could not be reached ({ExceptionType}); questions are answered from the local index, retrying in {RetrySeconds} s")]
    private partial void LogSyncUnreachable(string exceptionType, double retrySeconds);
}
