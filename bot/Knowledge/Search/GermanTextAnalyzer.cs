using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Compound;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// German analysis: split compounds on words the corpus itself uses (so "Personalausweisverlust" finds "Ausweis" and "Verlust"),
/// then normalise umlauts and stem lightly, so "Führerschein", "fuehrerschein" and "Führerscheine" meet.
/// </summary>
public sealed class GermanTextAnalyzer(CharArraySet compoundParts) : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly WordAnalyzer _words = new(compoundParts);

    // Function words of German and English questions; they match every document and would only add noise.
    private static readonly string[] QuestionWords =
    [
        "bitte", "danke", "hallo", "gibt", "geht", "kann", "könnte", "kannst", "können", "muss", "musst", "müssen", "soll", "sollte",
        "darf", "dürfen", "will", "möchte", "möchten", "brauche", "brauchen", "braucht", "mache", "machen", "macht", "tun", "tue",
        "wie", "was", "wo", "wann", "wer", "wen", "wem", "welche", "welcher", "welches", "warum", "wieso", "woher", "wohin",
        "mal", "eigentlich", "genau", "einfach", "schon", "noch", "ja", "nein", "jetzt", "gerade", "dann", "denn", "bzw", "z.b",
        "habe", "hab", "hat", "haben", "bin", "bist", "ist", "sind", "war", "wäre", "wurde", "wird", "werden", "gerne", "gern",
        "mein", "meine", "meinen", "meinem", "meiner", "unser", "unsere", "unseren", "man", "ihr", "euch",
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "at", "by", "from", "is", "are", "was", "be", "been",
        "do", "does", "did", "can", "could", "should", "would", "will", "must", "have", "has", "had", "i", "i'm", "my", "me", "we",
        "our", "you", "your", "he", "she", "his", "her", "they", "their", "it", "its", "this", "that", "what", "how", "where", "when",
        "who", "which", "why", "there", "here", "get", "need", "want", "still", "so", "if", "not", "no", "yes", "please", "any", "some",
    ];

    /// <summary>German stop words plus the words every question carries (asking, wanting, needing) that say nothing about the service.</summary>
    public static CharArraySet StopWords { get; } = BuildStopWords();

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new StopFilter(Version, stream, StopWords);
        stream = new CachedWordAnalysis(stream, _words);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>The analysed tokens of a text, in order, duplicates kept; a compound's parts follow it at the same position.</summary>
    public IReadOnlyList<AnalysedToken> Tokens(string text)
    {
        var tokens = new List<AnalysedToken>();
        using var stream = GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new AnalysedToken(term.ToString(), position.PositionIncrement));
        }

        stream.End();
        return tokens;
    }

    /// <summary>The analysed terms of a text, in order, duplicates kept.</summary>
    public IReadOnlyList<string> Terms(string text) => [.. Tokens(text).Select(token => token.Term)];

    /// <summary>Lower-cased words of a text as written (no stemming), for dictionary look-ups.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        using var tokenizer = new StandardTokenizer(Version, new StringReader(text));
        var term = tokenizer.AddAttribute<ICharTermAttribute>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken())
        {
            words.Add(term.ToString().ToLowerInvariant());
        }

        tokenizer.End();
        return words;
    }

    private static CharArraySet BuildStopWords()
    {
        var words = new CharArraySet(Version, GermanAnalyzer.DefaultStopSet, ignoreCase: true);
        foreach (var word in QuestionWords)
        {
            words.Add(word);
        }

        return words;
    }

    /// <summary>What the analysis makes of one word: split into corpus words, umlauts folded, stemmed, verbal nouns folded.</summary>
    private sealed class WordAnalyzer(CharArraySet compoundParts) : Analyzer
    {
        // Words repeat across a corpus and across questions: splitting a compound tries every substring, so each word is analysed once.
        private const int MaximumCachedWords = 200_000;

        private readonly ConcurrentDictionary<string, string[]> _analysed = new(StringComparer.Ordinal);

        public string[] Analyse(string word)
        {
            if (_analysed.TryGetValue(word, out var known))
            {
                return known;
            }

            var terms = new List<string>(1);
            using (var stream = GetTokenStream("word", word))
            {
                var term = stream.AddAttribute<ICharTermAttribute>();
                stream.Reset();
                while (stream.IncrementToken())
                {
                    terms.Add(term.ToString());
                }

                stream.End();
            }

            var result = terms.ToArray();
            if (_analysed.Count < MaximumCachedWords)
            {
                _analysed.TryAdd(word, result);
            }

            return result;
        }

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new KeywordTokenizer(reader);
            TokenStream stream = new DictionaryCompoundWordTokenFilter(Version, source, compoundParts, minWordSize: 7, minSubwordSize: 4, maxSubwordSize: 24, onlyLongestMatch: false);
            stream = new GermanNormalizationFilter(stream);
            stream = new GermanLightStemFilter(stream);
            stream = new VerbalNounFilter(stream);
            return new TokenStreamComponents(source, stream);
        }
    }

    /// <summary>Replaces each token by its cached word analysis; a compound's parts follow it at the same position.</summary>
    private sealed class CachedWordAnalysis : TokenFilter
    {
        private readonly WordAnalyzer _words;
        private readonly ICharTermAttribute _term;
        private readonly IPositionIncrementAttribute _position;
        private string[] _pending = [];
        private int _next;

        public CachedWordAnalysis(TokenStream input, WordAnalyzer words)
            : base(input)
        {
            _words = words;
            _term = AddAttribute<ICharTermAttribute>();
            _position = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            if (_next < _pending.Length)
            {
                _term.SetEmpty().Append(_pending[_next++]);
                _position.PositionIncrement = 0;
                return true;
            }

            while (m_input.IncrementToken())
            {
                var analysed = _words.Analyse(_term.ToString());
                if (analysed.Length == 0)
                {
                    continue;
                }

                _term.SetEmpty().Append(analysed[0]);
                _pending = analysed;
                _next = 1;
                return true;
            }

            return false;
        }

        public override void Reset()
        {
            base.Reset();
            _pending = [];
            _next = 0;
        }
    }
}
