using System.Diagnostics;

namespace CitizenBot.Knowledge.Search;

/// <summary>The default search: an in-memory Lucene index rebuilt when editors change the folder and swapped in whole.</summary>
public sealed partial class LuceneKnowledgeSearch : IKnowledgeSearch, IDisposable
{
    private readonly IKnowledgeBase _knowledge;
    private readonly CitizenWords _words;
    private readonly ILogger<LuceneKnowledgeSearch> _logger;
    private readonly Lock _rebuilding = new();
    private KnowledgeIndex _index;

    public LuceneKnowledgeSearch(IKnowledgeBase knowledge, CitizenWords words, ILogger<LuceneKnowledgeSearch> logger)
    {
        _knowledge = knowledge;
        _words = words;
        _logger = logger;
        _index = Build(knowledge.Current);
        knowledge.Changed += OnKnowledgeChanged;
    }

    public SearchResults Search(string query, string language, int top) => Volatile.Read(ref _index).Search(query, language, top);

    public ServiceHit? Find(string knowledgeId, string query, string language) => Volatile.Read(ref _index).Find(knowledgeId, query, language);

    public void Dispose() => _knowledge.Changed -= OnKnowledgeChanged;

    private void OnKnowledgeChanged(object? sender, KnowledgeSnapshot snapshot)
    {
        // Searches keep using the old index until the new one is complete; the old one is left to the garbage collector.
        lock (_rebuilding)
        {
            Volatile.Write(ref _index, Build(snapshot));
        }
    }

    private KnowledgeIndex Build(KnowledgeSnapshot snapshot)
    {
        var stopwatch = Stopwatch.StartNew();
        var built = KnowledgeIndex.Build(snapshot.Documents, _words);
        LogIndexBuilt(snapshot.Documents.Count, snapshot.Version, stopwatch.ElapsedMilliseconds);
        return built;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index built from {DocumentCount} services (knowledge version {Version}) in {ElapsedMilliseconds} ms")]
    private partial void LogIndexBuilt(int documentCount, long version, long elapsedMilliseconds);
}
