using System.Text.RegularExpressions;

namespace CitizenBot.Answering;

/// <summary>Recognises questions that must not be answered from a service description: a wish for a human, or an attempt to make the bot say something else.</summary>
public static partial class QuestionIntents
{
    public static bool AsksForHuman(string text) => HumanRequest().IsMatch(text);

    public static bool TriesToInstructBot(string text) => Instruction().IsMatch(text) || EncodedPayload().IsMatch(text);

    public static bool HasWords(string text) => text.Any(char.IsLetterOrDigit);

    [GeneratedRegex(
        @"\b(mensch|(einem|einen|echten|richtigen|wirklichen)\s+menschen|menschliche[nm]?\s+(ansprechpartner\w*|beratung|bearbeitung)|sachbearbeiter(in)?|mitarbeiter(in|innen)?\s+(der|aus|vom|von)|durch\s+mitarbeiter|fleisch\s+und\s+blut|ohne\s+ki|keine\s+ki|persönliche\s+beratung|mit\s+einer\s+person|zuständige\s+person|echten?\s+person|verantwortlichen|beschweren|kollegen|zurückrufen|rückruf"
        + @"|human|real\s+(person|employee|people)|someone\s+from|call\s+me\s+back|speak\s+to\s+(a|an|someone)|talk\s+to\s+(a|an|someone)|staff\s+member|instead\s+of\s+this\s+(bot|chat))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HumanRequest();

    [GeneratedRegex(
        @"\b(ignorier\w*|vergiss\s+(alle|deine)|anweisungen|systemprompt|system\s*prompt|prompt|jailbreak|beleidig\w*|du\s+wärst|tu\s+so\s+als|gib\s+dich\s+als|sag\s+(ihm|ihr|ihnen)|bestätige\s+das|genau\s+so:|schreib:|fang\s+an\s+mit"
        + @"|ignore\s+(all|your|previous|the)|instructions|pretend|act\s+as|you\s+are\s+now|developer\s+mode|decode|base64|insult|repeat\s+after\s+me|say\s+exactly)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Instruction();

    // Long runs without spaces in the Base64 alphabet carry hidden instructions; no service question needs them.
    [GeneratedRegex(@"[A-Za-z0-9+/]{32,}={0,2}")]
    private static partial Regex EncodedPayload();
}
