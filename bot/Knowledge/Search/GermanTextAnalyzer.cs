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
        stream = new DictionaryCompoundWordTokenFilter(Version, stream, compoundParts, minWordSize: 7, minSubwordSize: 4, maxSubwordSize: 24, onlyLongestMatch: false);
        stream = new GermanNormalizationFilter(stream);
        stream = new GermanLightStemFilter(stream);
        stream = new VerbalNounFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>The analysed terms of a text, in order, duplicates kept.</summary>
    public IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

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

}
