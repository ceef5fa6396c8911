using Lucene.Net.Index;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// Looks up the terms of one query the way <see cref="TermContext.Build"/> does, but with one terms enumerator per field and segment
/// for the whole query instead of a new one per clause: a question has dozens of clauses, and each new enumerator allocated kilobytes.
/// </summary>
internal sealed class TermStates(IndexReaderContext top)
{
    private readonly Dictionary<(string Field, int Leaf), TermsEnum?> _enumerators = [];

    public TermContext Of(Term term)
    {
        var states = new TermContext(top);
        foreach (var leaf in top.Leaves)
        {
            var enumerator = EnumeratorOf(term.Field, leaf);
            if (enumerator is not null && enumerator.SeekExact(term.Bytes))
            {
                states.Register(enumerator.GetTermState(), leaf.Ord, enumerator.DocFreq, enumerator.TotalTermFreq);
            }
        }

        return states;
    }

    private TermsEnum? EnumeratorOf(string field, AtomicReaderContext leaf)
    {
        if (!_enumerators.TryGetValue((field, leaf.Ord), out var enumerator))
        {
            enumerator = leaf.AtomicReader.Fields?.GetTerms(field)?.GetEnumerator();
            _enumerators[(field, leaf.Ord)] = enumerator;
        }

        return enumerator;
    }
}
