using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Knowledge.Search;

/// <summary>One analysed term and how far it moves on from the previous one (0 for a compound's parts).</summary>
public readonly record struct AnalysedToken(string Term, int PositionIncrement);

/// <summary>Tokens analysed once, handed to Lucene as they are, so building the index does not analyse a text twice.</summary>
public sealed class AnalysedTokens : TokenStream
{
    private readonly IReadOnlyList<AnalysedToken> _tokens;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private int _next;

    public AnalysedTokens(IReadOnlyList<AnalysedToken> tokens)
    {
        _tokens = tokens;
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_next >= _tokens.Count)
        {
            return false;
        }

        ClearAttributes();
        var token = _tokens[_next++];
        _term.SetEmpty().Append(token.Term);
        _position.PositionIncrement = token.PositionIncrement;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }
}
