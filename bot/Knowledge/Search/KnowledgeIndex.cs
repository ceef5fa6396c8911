using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace CitizenBot.Knowledge.Search;

/// <summary>One immutable Lucene index over a knowledge snapshot, with the passages of every service; replaced as a whole.</summary>
public sealed partial class KnowledgeIndex
{
    private const string CatalogueLanguage = "de";
    private const string IdField = "id";
    private const double TitleBonus = 1.5;
    private const double NameBonus = 2.5;
    private const double PassageBonus = 0.5;
    private const double DistinctionBonus = 1.0;

    // Below this length one letter makes another word too often ("pass", "paß", "park"): such terms are not corrected.
    private const int ShortestCorrectedTerm = 4;

    // Words that ask which part of a service the citizen wants: the answer composer picks that part, the ranking should not weigh them.
    private static readonly FrozenSet<string> AspectWords = FrozenSet.Create(
        StringComparer.Ordinal,
        "kostet", "kosten", "kostenlos", "gebühr", "gebühren", "preis", "teuer", "bezahlen", "zahlen", "dauert", "dauer", "lange", "frist",
        "unterlagen", "dokumente", "mitbringen", "benötige", "benötigt", "formular", "öffnungszeiten", "geöffnet", "termin", "cost", "costs",
        "fee", "fees", "price", "much", "pay", "long", "documents", "bring", "form", "opening", "hours", "appointment");

    // Siblings of one family ("Kennzeichen", "Aufenthaltserlaubnis") crowd the first places; the ask-back offers up to three of five.
    private const int SiblingWindow = 5;

    // Services the export marks as not public or without a description lose against a described sibling that matches about as well.
    private const double UndescribedFactor = 0.8;

    // How much a match counts by where it is: the title names the service, synonyms and situations are the editors' curated words for it,
    // the export's keywords are broader.
    private static readonly (string Field, float Boost)[] WeightedFields =
        [("title", 3f), ("synonyms", 2.5f), ("situations", 2f), ("keywords", 1f), ("headings", 0.5f), ("body", 1f)];

    private readonly IndexSearcher _searcher;
    private readonly Dictionary<string, int> _documentFrequency;
    private readonly Dictionary<string, int> _fieldsOfTerm;
    private readonly Dictionary<string, double> _idf;
    private readonly double _unknownIdf;
    private readonly Dictionary<string, ServiceEntry> _services;
    private readonly ServiceEntry[] _byLuceneId;
    private readonly ILookup<(char First, int Length), string> _vocabularyByShape;
    private readonly CitizenWords _words;

    private KnowledgeIndex(
        IndexSearcher searcher, GermanTextAnalyzer analyzer, ServiceEntry[] byLuceneId, Dictionary<string, int> documentFrequency, Dictionary<string, int> fieldsOfTerm, CitizenWords words)
    {
        _searcher = searcher;
        Analyzer = analyzer;
        _byLuceneId = byLuceneId;
        _documentFrequency = documentFrequency;
        _fieldsOfTerm = fieldsOfTerm;

        // Every question asks for the weights of its terms in each candidate's passages and names: computed once per index, not per look-up.
        _idf = documentFrequency.ToDictionary(pair => pair.Key, pair => InverseFrequency(byLuceneId.Length, pair.Value), StringComparer.Ordinal);
        _unknownIdf = InverseFrequency(byLuceneId.Length, 0);
        _words = words;
        _services = byLuceneId.ToDictionary(service => service.Document.Id, StringComparer.Ordinal);
        _vocabularyByShape = documentFrequency.Keys.ToLookup(term => (term[0], term.Length));
    }

    public GermanTextAnalyzer Analyzer { get; }

    public int Count => _byLuceneId.Length;

    public static KnowledgeIndex Build(IReadOnlyList<KnowledgeDocument> documents, CitizenWords words)
    {
        var analyzer = new GermanTextAnalyzer(CompoundParts(documents));
        var directory = new RAMDirectory();

        // One flush at the end instead of many small segments merged along the way.
        var config = new IndexWriterConfig(GermanTextAnalyzer.Version, analyzer)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 256,
            MaxBufferedDocs = IndexWriterConfig.DISABLE_AUTO_FLUSH,
            UseCompoundFile = false,
        };
        var entries = new ServiceEntry[documents.Count];
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var fieldsOfTerm = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var writer = new IndexWriter(directory, config))
        {
            for (var i = 0; i < documents.Count; i++)
            {
                var (entry, fields) = Analyse(documents[i], analyzer);
                entries[i] = entry;
                foreach (var term in entry.Terms)
                {
                    documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                }

                var luceneDocument = new LuceneDocument { new StringField(IdField, entry.Document.Id, Field.Store.YES) };
                foreach (var (field, tokens) in fields)
                {
                    luceneDocument.Add(new TextField(field, new AnalysedTokens(tokens)));
                    var bit = FieldBit(field);
                    foreach (var token in tokens)
                    {
                        fieldsOfTerm[token.Term] = fieldsOfTerm.GetValueOrDefault(token.Term) | bit;
                    }
                }

                writer.AddDocument(luceneDocument);
            }

            writer.Commit();
        }

        var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var byLuceneId = new ServiceEntry[reader.MaxDoc];
        var ids = entries.ToDictionary(entry => entry.Document.Id, StringComparer.Ordinal);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            byLuceneId[doc] = ids[reader.Document(doc).Get(IdField, System.Globalization.CultureInfo.InvariantCulture)];
        }

        return new KnowledgeIndex(searcher, analyzer, byLuceneId, documentFrequency, fieldsOfTerm, words);
    }

    /// <summary>Analyses every text of a service exactly once: the paragraphs make the passages and the body, the names the title, synonyms and situations.</summary>
    private static (ServiceEntry Entry, List<(string Field, List<AnalysedToken> Tokens)> Fields) Analyse(KnowledgeDocument document, GermanTextAnalyzer analyzer)
    {
        var title = analyzer.Tokens(document.Title);
        var synonyms = document.Synonyms.Select(analyzer.Tokens).ToList();
        var situations = document.Situations.Select(analyzer.Tokens).ToList();
        var keywords = document.Keywords.Select(analyzer.Tokens).ToList();
        var headings = new List<AnalysedToken>();
        var body = new List<AnalysedToken>();
        var passages = new List<IndexedPassage>();
        foreach (var section in document.Sections)
        {
            var heading = analyzer.Tokens(section.Heading);
            headings.AddRange(heading);
            foreach (var paragraph in ParagraphBreak().Split(section.Markdown).Select(paragraph => paragraph.Trim()).Where(paragraph => paragraph.Length > 0))
            {
                var tokens = analyzer.Tokens(paragraph);
                body.AddRange(tokens);
                passages.Add(new IndexedPassage(section.Heading, paragraph, [.. heading.Concat(tokens).Select(token => token.Term)]));
            }
        }

        List<(string Field, List<AnalysedToken> Tokens)> fields =
        [
            ("title", [.. title]), ("synonyms", [.. synonyms.SelectMany(tokens => tokens)]), ("situations", [.. situations.SelectMany(tokens => tokens)]),
            ("keywords", [.. keywords.SelectMany(tokens => tokens)]), ("headings", headings), ("body", body),
        ];
        var names = new[] { title }.Concat(synonyms).Concat(situations)
            .Select(name => name.Select(token => token.Term).ToHashSet(StringComparer.Ordinal))
            .Where(terms => terms.Count > 0)
            .ToList();
        var undescribed = document.Flags.Contains("no-description") || document.Flags.Contains("not-public");
        var entry = new ServiceEntry(
            document, passages, [.. fields.SelectMany(field => field.Tokens).Select(token => token.Term)], [.. title.Select(token => token.Term)], names, undescribed);
        return (entry, fields);
    }

    public SearchResults Search(string query, string language, int top)
    {
        var terms = QueryTerms(query, language);
        var originals = terms.Where(term => term.Original).ToList();
        if (originals.Count == 0 && terms.Count == 0)
        {
            return SearchResults.None;
        }

        var lucene = new BooleanQuery(disableCoord: true);
        var termStates = new TermStates(_searcher.TopReaderContext);
        foreach (var term in terms)
        {
            var inFields = _fieldsOfTerm.GetValueOrDefault(term.Text);
            foreach (var (field, boost) in WeightedFields)
            {
                // A clause for a field without the term scores nothing (BM25 has no query norm, coord is off) but costs a term-dictionary seek.
                if ((inFields & FieldBit(field)) != 0)
                {
                    var luceneTerm = new Term(field, term.Text);
                    lucene.Add(new TermQuery(luceneTerm, termStates.Of(luceneTerm)) { Boost = boost * (float)term.Weight }, Occur.SHOULD);
                }
            }
        }

        // Re-ranking reorders the leaders, it does not rescue services Lucene puts below twenty; more candidates only cost time.
        var candidates = _searcher.Search(lucene, Math.Max(top * 4, 20)).ScoreDocs;
        var hits = candidates
            .Select(candidate => (Entry: _byLuceneId[candidate.Doc], Hit: Hit(_byLuceneId[candidate.Doc], candidate.Score, terms)))
            .OrderByDescending(scored => scored.Hit.Score)
            .ToList();
        return new SearchResults([.. Distinguished(hits, terms).Take(top)], originals.Count);
    }

    public ServiceHit? Find(string knowledgeId, string query, string language) =>
        _services.TryGetValue(knowledgeId, out var entry) ? Hit(entry, 0, QueryTerms(query, language)) : null;

    private ServiceHit Hit(ServiceEntry entry, double luceneScore, IReadOnlyList<WeightedTerm> terms)
    {
        var coverage = Coverage(entry, terms);
        var passages = entry.Passages
            .Select(passage => passage with { Score = PassageScore(passage, terms) })
            .ToList();
        var ranked = passages.Where(passage => passage.Score > 0).OrderByDescending(passage => passage.Score).Take(3).ToList();
        var score = luceneScore * coverage * coverage
            * (1 + (TitleBonus * TitleCoverage(entry, terms)) + (NameBonus * NameFit(entry, terms)) + (PassageBonus * PassageFit(passages, terms)))
            * (entry.Undescribed ? UndescribedFactor : 1);
        return new ServiceHit(entry.Document, score, coverage, ranked.Count > 0 ? ranked : passages.Take(1).ToList())
        {
            AllPassages = passages,
        };
    }

    /// <summary>
    /// Re-ranks the leading candidates by the question terms that set each apart: siblings ("Reisepass", "Vorläufiger Reisepass") share
    /// most words, so the rare question word only one of them names in its title, synonyms or situations decides between them.
    /// </summary>
    private IEnumerable<ServiceHit> Distinguished(List<(ServiceEntry Entry, ServiceHit Hit)> hits, IReadOnlyList<WeightedTerm> terms)
    {
        var window = hits.Take(SiblingWindow).ToList();
        var questionMass = terms.Where(term => term.Original).Sum(term => Idf(term.Text) * term.Weight);
        if (window.Count < 2 || questionMass == 0)
        {
            return hits.Select(scored => scored.Hit);
        }

        var named = window.Select(scored => scored.Entry.Names.SelectMany(name => name).ToHashSet(StringComparer.Ordinal)).ToList();
        var rescored = window.Select((scored, i) =>
        {
            double distinct = 0;
            foreach (var term in terms.Where(term => named[i].Contains(term.Text)))
            {
                var sharedBy = named.Count(names => names.Contains(term.Text));
                distinct += Idf(term.Text) * term.Weight * (window.Count - sharedBy) / (window.Count - 1);
            }

            return (scored.Hit, Rank: scored.Hit.Score * (1 + (DistinctionBonus * Math.Min(1, distinct / questionMass))));
        });

        // The order changes, the scores by place do not: how sure the answerer may be still rests on how well the best match fits.
        return rescored.OrderByDescending(scored => scored.Rank)
            .Select((scored, place) => scored.Hit with { Score = window[place].Hit.Score })
            .Concat(hits.Skip(window.Count).Select(scored => scored.Hit));
    }

    /// <summary>Share of the title's terms the question names: "Vorläufiger Reisepass" beats "Reisepass" when the citizen says "vorläufig".</summary>
    private static double TitleCoverage(ServiceEntry entry, IReadOnlyList<WeightedTerm> terms) =>
        entry.TitleTerms.Count == 0 ? 0 : (double)entry.TitleTerms.Count(title => terms.Any(term => term.Text == title && term.Weight >= 0.7)) / entry.TitleTerms.Count;

    /// <summary>
    /// How well one of the service's names (title, synonym or situation as the editors wrote it) fits the question: the share of the name
    /// the question contains, times the share of the question the name explains. Siblings share words; the one whose name says what the
    /// citizen said wins.
    /// </summary>
    private double NameFit(ServiceEntry entry, IReadOnlyList<WeightedTerm> terms)
    {
        var asked = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            asked[term.Text] = term.Weight;
        }

        var questionMass = terms.Where(term => term.Original).Sum(term => Idf(term.Text) * term.Weight);
        if (questionMass == 0)
        {
            return 0;
        }

        double best = 0;
        foreach (var name in entry.Names)
        {
            double nameMass = 0, found = 0;
            foreach (var term in name)
            {
                var idf = Idf(term);
                nameMass += idf;
                found += idf * asked.GetValueOrDefault(term);
            }

            best = Math.Max(best, found / nameMass * (0.5 + (0.5 * Math.Min(1, found / questionMass))));
        }

        return best;
    }

    /// <summary>Share of the question found together in one paragraph: words that belong together in the answer stand close together.</summary>
    private double PassageFit(List<IndexedPassage> passages, IReadOnlyList<WeightedTerm> terms)
    {
        var questionMass = terms.Where(term => term.Original).Sum(term => Idf(term.Text) * term.Weight);
        return questionMass == 0 || passages.Count == 0 ? 0 : Math.Min(1, passages.Max(passage => passage.Score) / questionMass);
    }

    /// <summary>Share of the citizen's own (weighted) terms found anywhere in the service.</summary>
    private double Coverage(ServiceEntry entry, IReadOnlyList<WeightedTerm> terms)
    {
        double found = 0, total = 0;
        foreach (var term in terms.Where(term => term.Original))
        {
            var weight = Idf(term.Text) * term.Weight;
            total += weight;
            if (entry.Terms.Contains(term.Text))
            {
                found += weight;
            }
        }

        return total == 0 ? 0 : found / total;
    }

    private double PassageScore(Passage passage, IReadOnlyList<WeightedTerm> terms)
    {
        var passageTerms = ((IndexedPassage)passage).Terms;
        return terms.Where(term => passageTerms.Contains(term.Text)).Sum(term => Idf(term.Text) * term.Weight);
    }

    private static int FieldBit(string field) => 1 << Array.FindIndex(WeightedFields, weighted => weighted.Field == field);

    private double Idf(string term) => _idf.TryGetValue(term, out var idf) ? idf : _unknownIdf;

    private static double InverseFrequency(int documents, int frequency) => Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));

    /// <summary>
    /// The citizen's analysed terms plus lower-weight expansions. A word the catalogue does not know counts against the coverage
    /// (a question about "Regensburg" is not answered by a Munich service); it is read as a typo only when one or two letters
    /// make it a word that stands in a service beside the rest of the question.
    /// </summary>
    private List<WeightedTerm> QueryTerms(string query, string language)
    {
        var english = language == "en";
        // The catalogue is German: of a question in another language only the German office words in it can be read.
        var foreign = !english && language != CatalogueLanguage;
        var result = new Dictionary<string, WeightedTerm>(StringComparer.Ordinal);
        void Add(string text, double weight, bool original)
        {
            if (!result.TryGetValue(text, out var existing) || existing.Weight < weight)
            {
                result[text] = new WeightedTerm(text, weight, original || existing?.Original == true);
            }
        }

        var names = PersonalNameTerms(query);
        var aspects = AspectTerms(query);
        var terms = Analyzer.Terms(query).Distinct().ToList();
        var known = terms.Where(term => _documentFrequency.ContainsKey(term) && !term.All(char.IsDigit)).ToList();
        var realWords = english ? [] : RealWordTerms(query);
        foreach (var term in terms)
        {
            if (_documentFrequency.ContainsKey(term) && term.All(char.IsDigit))
            {
                // An age, a date or a house number in a question seldom names a service; a matching number in a text is mostly chance.
                Add(term, 0.3, original: false);
            }
            else if (aspects.Contains(term))
            {
                // Words for cost, duration, place or papers say which part of a service is asked, not which service: they help, but do not count against one.
                Add(term, 0.5, original: false);
            }
            else if (_documentFrequency.ContainsKey(term))
            {
                Add(term, 1, original: true);
            }
            else if (names.Contains(term) || foreign)
            {
                // A person's name, or a word of another language, says nothing about the service: neither corrected into a word of the corpus nor counted as a foreign topic.
                continue;
            }
            else if (!english && !realWords.Contains(term) && NearestTerm(term, known) is { } corrected)
            {
                Add(corrected, 0.8, original: true);
            }
            else if (!english && term.All(IsLatin) && !term.Any(char.IsDigit))
            {
                // Matches nothing, but counts against coverage. Words in other scripts are greetings or names here,
                // and numbers are dates, IBANs or house numbers, not a different topic.
                Add(term, 1, original: true);
            }
        }

        if (!english)
        {
            foreach (var term in SeparableVerbs.Joined(query).SelectMany(Analyzer.Terms).Where(_documentFrequency.ContainsKey))
            {
                Add(term, 1, original: true);
            }
        }

        var surface = GermanTextAnalyzer.Words(query);
        var explained = new bool[surface.Count];
        foreach (var (expansion, start, length) in EditorExpansions(surface, english))
        {
            Array.Fill(explained, true, start, length);
            foreach (var term in Analyzer.Terms(expansion).Where(_documentFrequency.ContainsKey))
            {
                Add(term, english ? 1 : 0.7, original: english);
            }
        }

        if (english)
        {
            // An English content word that neither the word lists nor the catalogue explain is a part of the question no service answers.
            for (var i = 0; i < surface.Count; i++)
            {
                var word = surface[i];
                if (!explained[i] && word.Length >= 3 && word.All(char.IsLetter) && !EnglishFunctionWords.Contains(word)
                    && Analyzer.Terms(word).All(term => !_documentFrequency.ContainsKey(term) && !names.Contains(term)))
                {
                    Add("en:" + word, 1, original: true);
                }
            }
        }
        else
        {
            foreach (var word in surface.Where(word => !GermanTextAnalyzer.StopWords.Contains(word)))
            {
                foreach (var synonym in _words.Synonyms(word).Take(12))
                {
                    foreach (var term in Analyzer.Terms(synonym).Where(_documentFrequency.ContainsKey))
                    {
                        Add(term, 0.4, original: false);
                    }
                }
            }
        }

        return [.. result.Values];
    }

    private static bool IsLatin(char c) => c < '\u0250';

    /// <summary>Terms of the words that ask for a part of a service (costs, time, place, documents) rather than name one.</summary>
    private HashSet<string> AspectTerms(string query) =>
        [.. GermanTextAnalyzer.Words(query).Where(AspectWords.Contains).SelectMany(Analyzer.Terms)];

    /// <summary>Terms of words the thesaurus knows: "Wetter" is a word of its own, not a misspelt "weiter".</summary>
    private HashSet<string> RealWordTerms(string query) =>
        [.. GermanTextAnalyzer.Words(query).Where(word => _words.Synonyms(word).Count > 0).SelectMany(Analyzer.Terms)];

    /// <summary>
    /// Terms of words that look like a person's name: two or more capitalised words in a row ("Petra Lehmann") of which the corpus
    /// does not know the word. A single unknown capitalised word ("Regensburg") still counts as a different topic.
    /// </summary>
    private HashSet<string> PersonalNameTerms(string query)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match run in CapitalisedRun().Matches(query))
        {
            foreach (var word in run.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var terms = Analyzer.Terms(word);
                if (terms.Count > 0 && !terms.Any(_documentFrequency.ContainsKey))
                {
                    names.UnionWith(terms);
                }
            }
        }

        return names;
    }

    /// <summary>The office words of every editor phrase in the question, with where the phrase stands.</summary>
    private IEnumerable<(string Expansion, int Start, int Length)> EditorExpansions(IReadOnlyList<string> surface, bool english)
    {
        for (var length = Math.Min(_words.LongestPhrase, surface.Count); length >= 1; length--)
        {
            for (var start = 0; start + length <= surface.Count; start++)
            {
                var phrase = string.Join(' ', surface.Skip(start).Take(length));
                if ((english ? _words.EnglishEditorExpansion(phrase) : _words.EditorExpansion(phrase)) is { } expansion)
                {
                    yield return (expansion, start, length);
                }
            }
        }
    }

    /// <summary>
    /// For a term the index does not know: the indexed term at most one edit away (two for terms longer than six letters) that stands
    /// in a service together with another word of the question, the most common one on ties; none for very short terms.
    /// </summary>
    private string? NearestTerm(string term, IReadOnlyList<string> questionTerms)
    {
        if (term.Length < ShortestCorrectedTerm)
        {
            return null;
        }

        var maxEdits = term.Length > 6 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        for (var length = term.Length - maxEdits; length <= term.Length + maxEdits; length++)
        {
            foreach (var candidate in _vocabularyByShape[(term[0], length)])
            {
                var distance = EditDistance.Of(term, candidate, maxEdits);
                if (distance > maxEdits || !FitsTheQuestion(candidate, questionTerms))
                {
                    continue;
                }

                if (distance < bestDistance || (distance == bestDistance && best is not null && _documentFrequency[candidate] > _documentFrequency[best]))
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }

        return best;
    }

    /// <summary>A correction fits when a service names it beside one of the question's other known words (or the question has none).</summary>
    private bool FitsTheQuestion(string candidate, IReadOnlyList<string> questionTerms) =>
        questionTerms.Count == 0 || _byLuceneId.Any(service => service.Terms.Contains(candidate) && questionTerms.Any(service.Terms.Contains));

    private static Dictionary<string, string> FieldTexts(KnowledgeDocument document) => new()
    {
        ["title"] = document.Title,
        ["synonyms"] = string.Join('\n', document.Synonyms),
        ["situations"] = string.Join('\n', document.Situations),
        ["keywords"] = string.Join('\n', document.Keywords),
        ["headings"] = string.Join('\n', document.Sections.Select(section => section.Heading)),
        ["body"] = string.Join("\n\n", document.Sections.Select(section => section.Markdown)),
    };

    /// <summary>Words of the corpus that compounds may be split into; the dictionary is consulted before umlauts are normalised, so it keeps them.</summary>
    private static CharArraySet CompoundParts(IReadOnlyList<KnowledgeDocument> documents)
    {
        var parts = new CharArraySet(GermanTextAnalyzer.Version, 4096, ignoreCase: true);
        foreach (var document in documents)
        {
            foreach (var text in FieldTexts(document).Values)
            {
                foreach (var word in GermanTextAnalyzer.Words(text))
                {
                    if (word.Length >= 4 && word.All(char.IsLetter) && !GermanTextAnalyzer.StopWords.Contains(word))
                    {
                        parts.Add(word);
                    }
                }
            }
        }

        return parts;
    }

    [GeneratedRegex(@"\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)+")]
    private static partial Regex CapitalisedRun();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    private sealed record ServiceEntry(
        KnowledgeDocument Document, IReadOnlyList<IndexedPassage> Passages, HashSet<string> Terms, HashSet<string> TitleTerms, IReadOnlyList<HashSet<string>> Names, bool Undescribed);

    private sealed record WeightedTerm(string Text, double Weight, bool Original);
}

/// <summary>A passage with its analysed terms, so ranking passages needs no analysis at question time.</summary>
internal sealed record IndexedPassage(string Heading, string Text, HashSet<string> Terms) : Passage(Heading, Text, 0);
