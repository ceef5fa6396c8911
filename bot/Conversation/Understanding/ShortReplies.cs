using CitizenBot.Answering;

namespace CitizenBot.Conversation.Understanding;

/// <summary>
/// Messages that are a reply rather than a question: yes, no, cancel; a greeting or thanks; "Verlauf löschen"; "einfacher bitte".
/// Each must be the whole message (apart from politeness), so "ja, und was kostet das?" stays a question.
/// </summary>
public static class ShortReplies
{
    // Words that add nothing to a short reply: "ja bitte", "danke, nein".
    private static readonly string[] Politeness = ["bitte", "please", "danke", "thanks"];

    // Other wording is asked for in a few words ("kannst du das einfacher sagen?"); a longer message is a question of its own.
    private const int MostWordsOfAStyleRequest = 8;

    public static IntentKind? DialogueAct(MessageWords message, WordClasses classes)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(classes);
        var words = message.AllWords.ToList();
        var said = words.Count > 1 ? [.. words.Where(word => !Politeness.Contains(word))] : words;
        if (said.Count == 0)
        {
            return null;
        }

        return IsWhole(classes, "cancel", said) ? IntentKind.Cancel
            : IsWhole(classes, "yes", said) ? IntentKind.Confirm
            : IsWhole(classes, "no", said) ? IntentKind.Decline
            : null;
    }

    public static SmallTalkKind? SmallTalk(IReadOnlyList<SentenceReading> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Count == 0)
        {
            return null;
        }

        if (sentences.Any(sentence => sentence.Has("about-bot")) && sentences.All(sentence => sentence.OnlyOf("about-bot", "greeting", "filler", "thanks")))
        {
            return SmallTalkKind.AboutBot;
        }

        if (!sentences.All(sentence => sentence.OnlyOf("greeting", "thanks", "goodbye", "filler")))
        {
            return null;
        }

        return sentences.Any(sentence => sentence.Has("goodbye")) ? SmallTalkKind.Goodbye
            : sentences.Any(sentence => sentence.Has("thanks")) ? SmallTalkKind.Thanks
            : sentences.Any(sentence => sentence.Has("greeting")) ? SmallTalkKind.Greeting
            : null;
    }

    /// <summary>"Verlauf löschen", "lösch bitte meine Daten", "delete my history": a deletion verb, a history noun, nothing else.</summary>
    public static bool DeletesHistory(IReadOnlyList<SentenceReading> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        return sentences.Count > 0
            && sentences.Any(sentence => sentence.Has("delete") && sentence.Has("history"))
            && sentences.All(sentence => sentence.OnlyOf("delete", "history", "filler", "citizen-possessive", "your", "ability", "all-of"));
    }

    /// <summary>"einfacher bitte", "in Leichter Sprache", "auf Englisch", "translate it": the last answer in other words.</summary>
    public static AnswerStyle? OtherWording(MessageWords message, IReadOnlyList<SentenceReading> sentences)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sentences);
        if (message.WordCount > MostWordsOfAStyleRequest || sentences.Count == 0)
        {
            return null;
        }

        string[] frame = ["wording-verb", "filler", "ability", "style-frame"];
        if (sentences.Any(sentence => sentence.Has("easy-language")) && sentences.All(sentence => sentence.OnlyOf([.. frame, "easy-language"])))
        {
            return AnswerStyle.EasyGerman;
        }

        if (sentences.Any(sentence => sentence.Has("simpler")) && sentences.All(sentence => sentence.OnlyOf([.. frame, "simpler"])))
        {
            return AnswerStyle.Simple;
        }

        return sentences.Any(sentence => sentence.Has("translate") || sentence.Has("language-word"))
            && sentences.All(sentence => sentence.OnlyOf([.. frame, "translate", "language-word"]))
            ? AnswerStyle.Translated
            : null;
    }

    /// <summary>The whole message (apart from politeness) is one entry of the class.</summary>
    public static bool Whole(MessageWords message, WordClasses classes, string name)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(classes);
        return IsWhole(classes, name, [.. message.AllWords.Where(word => !Politeness.Contains(word))]);
    }

    private static bool IsWhole(WordClasses classes, string name, List<string> words) =>
        classes.Find(name, words).Any(match => match.Start == 0 && match.Length == words.Count);
}
