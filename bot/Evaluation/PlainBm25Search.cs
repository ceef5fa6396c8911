using CitizenBot.Knowledge;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace CitizenBot.Evaluation;

/// <summary>The yardstick: what a plain site search finds (BM25, standard analyser, title and body, no synonyms or compounds).</summary>
public sealed class PlainBm25Search
{
    private readonly IndexSearcher _searcher;
    private readonly QueryParser _parser;

    public PlainBm25Search(IReadOnlyList<KnowledgeDocument> documents)
    {
        var analyzer = new StandardAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48);
        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, analyzer) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var document in documents)
            {
                writer.AddDocument(new LuceneDocument
                {
                    new StringField("id", document.Id, Field.Store.YES),
                    new TextField("text", $"{document.Title}\n{string.Join("\n", document.Sections.Select(section => section.Markdown))}", Field.Store.NO),
                });
            }
        }

        _searcher = new IndexSearcher(DirectoryReader.Open(directory)) { Similarity = new BM25Similarity() };
        _parser = new QueryParser(Lucene.Net.Util.LuceneVersion.LUCENE_48, "text", analyzer) { DefaultOperator = Operator.OR };
    }

    public IReadOnlyList<string> Search(string question, int top)
    {
        var escaped = QueryParserBase.Escape(question);
        if (string.IsNullOrWhiteSpace(escaped))
        {
            return [];
        }

        return [.. _searcher.Search(_parser.Parse(escaped), top).ScoreDocs
            .Select(hit => _searcher.Doc(hit.Doc).Get("id", System.Globalization.CultureInfo.InvariantCulture))];
    }
}
