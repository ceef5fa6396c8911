using System.Diagnostics;

namespace CitizenBot.Knowledge.Search;

/// <summary>The default search: an in-memory Lucene index rebuilt when editors change the folder and swapped in whole.</summary>
public sealed partial class LuceneKnowledgeSearch : IKnowledgeSearch, IDisposable
{
    private readonly IKnowledgeBase knowledge;
    private readonly CitizenWords words;
    private readonly ILogger<LuceneKnowledgeSearch> logger;
    private readonly Lock rebuilding = new();
    private KnowledgeIndex index;

    public LuceneKnowledgeSearch(IKnowledgeBase knowledge, CitizenWords words, ILogger<LuceneKnowledgeSearch> logger)
    {
        this.knowledge = knowledge;
        this.words = words;
        this.logger = logger;
        index = Build(knowledge.Current);
        knowledge.Changed += OnKnowledgeChanged;
    }

    public SearchResults Search(string query, string language, int top) => Volatile.Read(ref index).Search(query, language, top);

    public ServiceHit? Find(string knowledgeId, string query, string language) => Volatile.Read(ref index).Find(knowledgeId, query, language);

    public void Dispose() => knowledge.Changed -= OnKnowledgeChanged;

    private void OnKnowledgeChanged(object? sender, KnowledgeSnapshot snapshot)
    {
        // Searches keep using the old index until the new one is complete; the old one is left to the garbage collector.
        lock (rebuilding)
        {
            Volatile.Write(ref index, Build(snapshot));
        }
    }

    private KnowledgeIndex Build(KnowledgeSnapshot snapshot)
    {
        var stopwatch = Stopwatch.StartNew();
        var built = KnowledgeIndex.Build(snapshot.Documents, words);
        LogIndexBuilt(snapshot.Documents.Count, snapshot.Version, stopwatch.ElapsedMilliseconds);
        return built;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index built from {DocumentCount} services (knowledge version {Version}) in {ElapsedMilliseconds} ms")]
    private partial void LogIndexBuilt(int documentCount, long version, long elapsedMilliseconds);
}
