namespace CitizenBot.Conversation.Understanding;

/// <summary>One sentence read against one language's word classes: where each class matches, what is asked, what is negated.</summary>
public sealed class SentenceReading(Sentence sentence, WordClasses classes)
{
    // A "nicht" or "kein" negates what follows within this many words ("nicht mit einem Menschen").
    private const int NegationReach = 4;

    private readonly Dictionary<(string, bool), IReadOnlyList<WordMatch>> _found = [];

    public Sentence Sentence { get; } = sentence;

    public IReadOnlyList<string> Words => Sentence.Words;

    public WordClasses Classes { get; } = classes;

    /// <summary>Closed with "?", opened like a question ("Kann ich …", "Is there …"), or asking indirectly ("ich wüsste gern, ob …").</summary>
    public bool IsQuestion =>
        Sentence.EndsWithQuestionMark || (Words.Count > 0 && Classes.IsWord("ability", Words, 0))
        || Sentence.ClauseStarts.Any(start => start < Words.Count && Words[start] is "ob" or "whether");

    /// <summary>Said as a wish, a question or an order, not as a report of what happened ("mit Ihrem Kollegen habe ich schon gesprochen").</summary>
    public bool AsksSomething => Has("want") || IsQuestion || Has("ability") || Words.Count <= 6 || Classes.IsWord("talk", Words, 0) || Classes.IsWord("transfer", Words, 0);

    public IReadOnlyList<WordMatch> Find(string name, bool typos = false)
    {
        if (!_found.TryGetValue((name, typos), out var matches))
        {
            matches = Classes.Find(name, Words, typos);
            _found[(name, typos)] = matches;
        }

        return matches;
    }

    public bool Has(string name, bool typos = false) => Find(name, typos).Count > 0;

    /// <summary>A word of <paramref name="name"/> ends at most <paramref name="reach"/> words before <paramref name="index"/>, in the same clause.</summary>
    public bool Precedes(string name, int index, int reach) =>
        Find(name).Any(match => match.End <= index && index - match.End < reach && Sentence.ClauseOf(match.Start) == Sentence.ClauseOf(index));

    /// <summary>A word of <paramref name="name"/> starts at most <paramref name="reach"/> words after <paramref name="match"/>, in the same clause.</summary>
    public bool Follows(string name, WordMatch match, int reach) =>
        Find(name).Any(other => other.Start >= match.End && other.Start - match.End < reach && Sentence.ClauseOf(other.Start) == Sentence.ClauseOf(match.Start));

    /// <summary>A stem and its particle later in the sentence: "stellen Sie mich … durch", "ruf mich zurück".</summary>
    public bool HasSeparated(string stem, string particle) =>
        Find(stem).Any(found => Find(particle).Any(other => other.Start > found.Start));

    /// <summary>In a statement, a negation just before <paramref name="index"/> turns the wish around ("ich will nicht mit einem Menschen sprechen").</summary>
    public bool NegatedAt(int index) => !IsQuestion && Precedes("negation", index, NegationReach);

    /// <summary>Every word belongs to one of <paramref name="names"/>: nothing else is said.</summary>
    public bool OnlyOf(params string[] names) => OnlyOf([], names);

    /// <summary>Every word belongs to one of <paramref name="names"/> or to one of the <paramref name="alsoAllowed"/> matches.</summary>
    public bool OnlyOf(IEnumerable<WordMatch> alsoAllowed, params string[] names) => OnlyOf(new WordMatch(0, Words.Count), alsoAllowed, names);

    /// <summary>Every word of the <paramref name="range"/> belongs to one of <paramref name="names"/> or to one of the <paramref name="alsoAllowed"/> matches.</summary>
    public bool OnlyOf(WordMatch range, IEnumerable<WordMatch> alsoAllowed, params string[] names)
    {
        var covered = new bool[Words.Count];
        foreach (var match in names.SelectMany(name => Find(name)).Concat(alsoAllowed))
        {
            for (var i = match.Start; i < match.End; i++)
            {
                covered[i] = true;
            }
        }

        return Enumerable.Range(range.Start, range.Length).All(i => covered[i]);
    }
}
