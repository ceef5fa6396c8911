namespace CitizenBot.Knowledge.Search;

/// <summary>Where the search finds its German language resources; empty paths switch a resource off.</summary>
public sealed class KnowledgeSearchOptions
{
    public const string Section = "KnowledgeSearch";

    /// <summary>Lucene (default, in process) or AzureAiSearch (KnowledgeSearch:AzureAiSearch), with Lucene answering while Azure is unreachable.</summary>
    public KnowledgeSearchBackend Backend { get; set; } = KnowledgeSearchBackend.Lucene;

    /// <summary>OpenThesaurus in MyThes format (Debian mythes-de); low-weight query expansion.</summary>
    public string? ThesaurusPath { get; set; } = "/usr/share/mythes/th_de_DE_v2.dat";

    /// <summary>Editor-written word lists (citizen word = office words), relative to the app folder or absolute.</summary>
    public List<string> WordListPaths { get; set; } = ["Knowledge/Language/citizen-words.de.txt", "Knowledge/Language/english-words.en.txt"];
}

/// <summary>Which search ranks the services for a question.</summary>
public enum KnowledgeSearchBackend
{
    Lucene,
    AzureAiSearch,
}
