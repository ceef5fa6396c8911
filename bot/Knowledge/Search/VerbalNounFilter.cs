using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Knowledge.Search;

/// <summary>
/// Folds German verbal nouns onto their verb stem after light stemming: citizens say "Gewerbe abmelden", the service is called
/// "Gewerbe-Abmeldung"; both become "abmeld". Only stems long enough to stay unambiguous are folded.
/// </summary>
public sealed class VerbalNounFilter(TokenStream input) : TokenFilter(input)
{
    private const string Suffix = "ung";
    private const int MinimumStemLength = 4;

    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var length = _term.Length;
        if (length >= MinimumStemLength + Suffix.Length
            && _term.Buffer[length - 3] == 'u' && _term.Buffer[length - 2] == 'n' && _term.Buffer[length - 1] == 'g')
        {
            _term.SetLength(length - Suffix.Length);
        }

        return true;
    }
}
