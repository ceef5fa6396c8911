using System.Globalization;
using System.Text;

namespace CitizenBot.Conversation.Understanding;

/// <summary>A citizen's message as the rules read it: sentences of folded words, with where each sentence asks a question.</summary>
public sealed class MessageWords
{
    private MessageWords(string text, IReadOnlyList<Sentence> sentences)
    {
        Text = text;
        Sentences = sentences;
    }

    public string Text { get; }

    public IReadOnlyList<Sentence> Sentences { get; }

    public int WordCount => Sentences.Sum(sentence => sentence.Words.Count);

    public IEnumerable<string> AllWords => Sentences.SelectMany(sentence => sentence.Words);

    public static MessageWords Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<Sentence>();
        var words = new List<string>();
        var clauseStarts = new List<int>();
        var word = new StringBuilder();
        void EndWord()
        {
            if (word.Length > 0)
            {
                words.Add(Fold(word.ToString()));
                word.Clear();
            }
        }

        void EndSentence(bool question)
        {
            EndWord();
            if (words.Count > 0)
            {
                sentences.Add(new Sentence([.. words], question) { ClauseStarts = [.. clauseStarts] });
                words.Clear();
            }

            clauseStarts.Clear();
        }

        foreach (var character in text)
        {
            if (char.IsLetterOrDigit(character))
            {
                word.Append(character);
            }
            else if (character is '?' or '？' or '؟')
            {
                EndSentence(question: true);
            }
            else if (character is '.' or '!' or ';' or '\n' or '。')
            {
                // "z.B." and "3.5" stay in their sentence: a stop directly followed by a letter or digit is no sentence end.
                if (character == '.' && word.Length > 0 && word.Length <= 2)
                {
                    EndWord();
                    continue;
                }

                EndSentence(question: false);
            }
            else
            {
                EndWord();
                if (character is ',' or '–' or '—' or ':' && words.Count > 0)
                {
                    clauseStarts.Add(words.Count);
                }
            }
        }

        EndSentence(question: false);
        return new MessageWords(text, sentences);
    }

    /// <summary>Lower case; ä, ae and a alike (and ö, ü, ß), so "moechte", "mochte" and "möchte" are one word.</summary>
    public static string Fold(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        // Turkish capital İ has no invariant lower case of its own: "İptal" must meet "iptal".
        var lower = word.Replace('İ', 'I').ToLower(CultureInfo.InvariantCulture);
        var folded = new StringBuilder(lower.Length);
        foreach (var character in lower)
        {
            folded.Append(character switch
            {
                'ä' or 'á' or 'à' or 'â' => "a",
                'ö' or 'ó' or 'ò' or 'ô' => "o",
                'ü' or 'ú' or 'ù' or 'û' => "u",
                'é' or 'è' or 'ê' => "e",
                'ß' => "ss",
                _ => character.ToString(),
            });
        }

        return folded.Replace("ae", "a").Replace("oe", "o").Replace("ue", "u").ToString();
    }
}

/// <summary>One sentence of folded words; <paramref name="EndsWithQuestionMark"/> when the citizen closed it with "?".</summary>
public sealed record Sentence(IReadOnlyList<string> Words, bool EndsWithQuestionMark)
{
    /// <summary>Indices of the words that begin a new clause after a comma or dash.</summary>
    public IReadOnlyList<int> ClauseStarts { get; init; } = [];

    /// <summary>The clause a word belongs to, so a "nicht" in one clause does not negate the next.</summary>
    public int ClauseOf(int index) => ClauseStarts.Count(start => start <= index);
}
