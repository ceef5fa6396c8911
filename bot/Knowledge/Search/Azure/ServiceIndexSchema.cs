using System.Text;
using Azure.Search.Documents.Indexes.Models;

namespace CitizenBot.Knowledge.Search.Azure;

/// <summary>The index the bot creates or updates at start: German Microsoft analyzer, the editors' synonyms, optional vectors and semantic ranking.</summary>
public static class ServiceIndexSchema
{
    public const string KeyField = "id";
    public const string ServiceIdField = "serviceId";
    public const string TitleField = "title";
    public const string SummaryField = "summary";
    public const string BodyField = "body";
    public const string UrlField = "url";
    public const string ContentHashField = "contentHash";

    private const string VectorAlgorithm = "services-hnsw";
    private const string VectorProfile = "services-vectors";

    /// <summary>The fields a question is matched against, in the order of their weight to a citizen.</summary>
    public static IReadOnlyList<string> SearchedFields { get; } = [TitleField, SummaryField, BodyField];

    public static string SynonymMapName(string indexName) => $"{indexName}-citizen-words";

    /// <summary>The index definition; <paramref name="withSynonyms"/> is false when the editors' lists are empty (Azure refuses an empty map).</summary>
    public static SearchIndex Index(AzureAiSearchOptions options, bool withSynonyms)
    {
        ArgumentNullException.ThrowIfNull(options);
        var synonyms = withSynonyms ? SynonymMapName(options.IndexName) : null;
        var index = new SearchIndex(options.IndexName)
        {
            Fields =
            {
                new SimpleField(KeyField, SearchFieldDataType.String) { IsKey = true, IsSortable = true },
                new SimpleField(ServiceIdField, SearchFieldDataType.String) { IsFilterable = true },
                Searchable(TitleField, synonyms),
                Searchable(SummaryField, synonyms),
                Searchable(BodyField, synonyms),
                new SimpleField(UrlField, SearchFieldDataType.String),
                new SimpleField(ContentHashField, SearchFieldDataType.String) { IsFilterable = true },
            },
        };

        if (!string.IsNullOrWhiteSpace(options.VectorField))
        {
            index.Fields.Add(new VectorSearchField(options.VectorField, options.VectorDimensions, VectorProfile));
            index.VectorSearch = new VectorSearch
            {
                Algorithms = { new HnswAlgorithmConfiguration(VectorAlgorithm) },
                Profiles = { new VectorSearchProfile(VectorProfile, VectorAlgorithm) },
            };
        }

        if (!string.IsNullOrWhiteSpace(options.SemanticConfiguration))
        {
            var fields = new SemanticPrioritizedFields { TitleField = new SemanticField(TitleField) };
            fields.ContentFields.Add(new SemanticField(BodyField));
            fields.KeywordsFields.Add(new SemanticField(SummaryField));
            index.SemanticSearch = new SemanticSearch { Configurations = { new SemanticConfiguration(options.SemanticConfiguration, fields) } };
        }

        return index;
    }

    /// <summary>
    /// The editors' word lists in Solr format: "perso => perso, personalausweis". The citizen's word stays in the query beside the
    /// office words, as in the local search, because an explicit mapping would otherwise replace it.
    /// </summary>
    public static SynonymMap? SynonymMap(string indexName, CitizenWords words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var rules = new StringBuilder();
        foreach (var (phrase, expansion) in words.EditorPhrases.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var alternatives = GermanTextAnalyzer.Words(expansion).Prepend(phrase).Distinct(StringComparer.Ordinal);
            rules.Append(phrase).Append(" => ").AppendJoin(", ", alternatives).Append('\n');
        }

        return rules.Length == 0 ? null : new SynonymMap(SynonymMapName(indexName), rules.ToString());
    }

    private static SearchableField Searchable(string name, string? synonymMap)
    {
        var field = new SearchableField(name) { AnalyzerName = LexicalAnalyzerName.DeMicrosoft };
        if (synonymMap is not null)
        {
            field.SynonymMapNames.Add(synonymMap);
        }

        return field;
    }
}
