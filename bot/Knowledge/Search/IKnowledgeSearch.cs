namespace CitizenBot.Knowledge.Search;

/// <summary>Finds the services that answer a citizen's question; Lucene here, Azure AI Search can replace it.</summary>
public interface IKnowledgeSearch
{
    SearchResults Search(string query, string language, int top);

    /// <summary>The same ranking where a search needs to wait for an outside service (an embedding endpoint); the word search does not.</summary>
    Task<SearchResults> SearchAsync(string query, string language, int top, CancellationToken cancellationToken) =>
        Task.FromResult(Search(query, language, top));

    /// <summary>The service with this knowledge id in the current index, if any.</summary>
    ServiceHit? Find(string knowledgeId, string query, string language);
}

/// <summary>The ranked services for one question, best first.</summary>
public sealed record SearchResults(IReadOnlyList<ServiceHit> Hits, int QueryTermCount)
{
    public static SearchResults None { get; } = new([], 0);
}

/// <summary>One service, how well it matched (Coverage: share of the question's IDF-weighted terms found in it), and its passages that best answer the question.</summary>
public sealed record ServiceHit(KnowledgeDocument Document, double Score, double Coverage, IReadOnlyList<Passage> Passages)
{
    /// <summary>Every passage of the service in file order, each scored against the question.</summary>
    public IReadOnlyList<Passage> AllPassages { get; init; } = Passages;
}

/// <summary>A paragraph of one section, as written by the editor.</summary>
public record Passage(string Heading, string Text, double Score);
