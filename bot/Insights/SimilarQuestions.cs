using System.Globalization;
using System.Text;

namespace CitizenBot.Insights;

/// <summary>Questions asked in similar words, so editors fix one gap instead of reading the same question twenty times.</summary>
public sealed record QuestionGroup(string Example, int Count, IReadOnlyList<string> Wordings, DateOnly LastAsked);

/// <summary>
/// Groups questions by the overlap of their word sets (Jaccard similarity of the tokens left after dropping filler words):
/// simple, explainable to editors, and good enough for short citizen questions.
/// </summary>
public static class SimilarQuestions
{
    /// <summary>Share of common words from which two questions count as the same question.</summary>
    public const double Threshold = 0.5;

    private const int WordingsShown = 5;

    // Function words carry no topic; kept out so that "Wo kann ich X" and "Wie bekomme ich X" fall together. Written accent-folded.
    private static readonly HashSet<string> FillerWords = new(StringComparer.Ordinal)
    {
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder", "ich", "wir", "sie", "mein",
        "meine", "meinen", "meiner", "mich", "mir", "wie", "was", "wo", "wann", "wer", "kann", "muss", "bitte", "ist", "sind", "bei",
        "mit", "fur", "von", "zum", "zur", "auf", "aus", "an", "in", "im", "am", "es", "hat", "habe", "haben", "noch", "auch", "nicht",
        "the", "a", "and", "or", "my", "how", "what", "where", "when", "can", "do", "does", "is", "are", "to", "for", "of", "please",
    };

    public static IReadOnlyList<QuestionGroup> Group(IEnumerable<(string Question, DateOnly Day)> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var groups = new List<(HashSet<string> Words, List<(string Question, DateOnly Day)> Members)>();
        foreach (var question in questions)
        {
            var words = Words(question.Question);
            var home = groups.FirstOrDefault(group => Similarity(group.Words, words) >= Threshold);
            if (home.Members is null)
            {
                groups.Add((words, [question]));
            }
            else
            {
                home.Members.Add(question);
            }
        }

        return [.. groups
            .Select(group => new QuestionGroup(
                group.Members[0].Question,
                group.Members.Count,
                [.. group.Members.Select(member => member.Question).Distinct(StringComparer.OrdinalIgnoreCase).Take(WordingsShown)],
                group.Members.Max(member => member.Day)))
            .OrderByDescending(group => group.Count)
            .ThenByDescending(group => group.LastAsked)];
    }

    /// <summary>Lower-case word set without filler words and accents, so "Führerschein" and "fuhrerschein" match.</summary>
    public static HashSet<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new StringBuilder(text.Length);
        foreach (var character in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.IsLetterOrDigit(character) ? character : ' ');
            }
        }

        return [.. folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => word.Length > 1 && !FillerWords.Contains(word))];
    }

    public static double Similarity(IReadOnlySet<string> first, IReadOnlySet<string> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count == 0 && second.Count == 0)
        {
            return 1;
        }

        var common = first.Count(second.Contains);
        return (double)common / (first.Count + second.Count - common);
    }
}
