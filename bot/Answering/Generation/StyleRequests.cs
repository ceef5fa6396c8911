using System.Text.RegularExpressions;

namespace CitizenBot.Answering.Generation;

/// <summary>Recognises a short message that asks for the last answer in other words ("einfacher bitte", "in simple words", "auf Englisch").</summary>
public static partial class StyleRequests
{
    /// <summary>The style asked for, or Standard when the message is a question of its own.</summary>
    public static AnswerStyle Of(string text) =>
        text.Length > 80 ? AnswerStyle.Standard
        : SimplerWording().IsMatch(text) ? AnswerStyle.Simple
        : Translation().IsMatch(text) ? AnswerStyle.Translated
        : AnswerStyle.Standard;

    [GeneratedRegex(@"^\W*(?:bitte\s+|please\s+|kannst\s+du\s+das\s+|können\s+sie\s+das\s+|can\s+you\s+)?(?:noch\s+)?(?:(?:viel\s+|etwas\s+)?einfacher(?:\s+erklären|\s+sagen|\s+formulieren)?|in\s+einfache[rn]?\s+sprache|in\s+leichte[rn]?\s+sprache|einfache\s+sprache|leichte\s+sprache|(?:explain\s+(?:it\s+|that\s+)?)?(?:more\s+simply|in\s+simple(?:r)?\s+(?:words|language|terms))|simpler|plain\s+language|easy\s+read|explain\s+more\s+simply)(?:\s+bitte|\s+please)?\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex SimplerWording();

    [GeneratedRegex(@"^\W*(?:bitte\s+|please\s+|can\s+you\s+)?(?:(?:auf|in)\s+englisch|in\s+english|(?:bitte\s+)?übersetzen|translate(?:\s+(?:it|this|that))?(?:\s+(?:in)?to\s+english)?)(?:\s+bitte|\s+please)?\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex Translation();
}
