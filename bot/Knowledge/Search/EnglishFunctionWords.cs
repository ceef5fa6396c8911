using System.Collections.Frozen;

namespace CitizenBot.Knowledge.Search;

/// <summary>English words that carry grammar, not a topic: they neither match a service nor count against one.</summary>
public static class EnglishFunctionWords
{
    private static readonly FrozenSet<string> Words = FrozenSet.Create(
        StringComparer.Ordinal,
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our", "out", "has", "him", "his", "how",
        "its", "may", "new", "now", "old", "see", "two", "way", "who", "did", "get", "got", "let", "put", "say", "she", "too", "use", "yes", "yet",
        "about", "above", "after", "again", "also", "because", "been", "before", "being", "below", "between", "both", "could", "does", "doing",
        "done", "down", "during", "each", "either", "else", "even", "ever", "every", "from", "further", "have", "having", "here", "hers", "herself",
        "himself", "into", "itself", "just", "like", "many", "might", "more", "most", "much", "must", "myself", "need", "needs", "never", "next",
        "only", "other", "ought", "ours", "over", "own", "same", "shall", "should", "some", "such", "than", "that", "their", "them", "then", "there",
        "these", "they", "this", "those", "through", "under", "until", "very", "want", "wants", "what", "when", "where", "whether", "which", "while",
        "whom", "whose", "why", "will", "with", "within", "without", "would", "your", "yours", "yourself", "please", "thanks", "thank", "hello",
        "know", "tell", "make", "made", "take", "give", "going", "come", "came", "still", "really", "already", "anyone", "someone", "something",
        "anything", "everything", "nothing", "thing", "things", "way", "ways", "much", "long", "soon", "since", "well", "just", "can't", "don't",
        "dont", "cant", "isn", "aren", "doesn", "didn", "wasn", "won", "wouldn", "couldn", "shouldn", "haven", "hasn", "okay", "yeah", "hey",
        "able", "there's", "what's", "where's", "let's", "i'm", "i've", "i'd", "i'll", "you're", "it's", "we're", "they're", "munich", "city");

    public static bool Contains(string word) => Words.Contains(word);
}
