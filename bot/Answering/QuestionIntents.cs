using System.Text.RegularExpressions;

namespace CitizenBot.Answering;

/// <summary>Recognises questions that must not be answered from a service description: a wish for a human, or an attempt to make the bot say something else.</summary>
public static partial class QuestionIntents
{
    public static bool AsksForHuman(string text) => HumanRequest().IsMatch(text);

    /// <summary>"Bist du ein Mensch?", "Am I talking to a bot?": asked about the bot itself, answered honestly, never as a request for staff.</summary>
    public static bool AsksWhetherBotIsHuman(string text) => HumanOrMachineQuestion().IsMatch(text);

    public static bool TriesToInstructBot(string text) => Instruction().IsMatch(text) || EncodedPayload().IsMatch(text);

    public static bool HasWords(string text) => text.Any(char.IsLetterOrDigit);

    [GeneratedRegex(
        @"\b(mensch|(einem|einen|echten|richtigen|wirklichen)\s+menschen|menschliche[nm]?\s+(ansprechpartner\w*|beratung|bearbeitung)|sachbearbeiter(in)?|mitarbeiter(in|innen)?\s+(der|aus|vom|von)|durch\s+mitarbeiter|fleisch\s+und\s+blut|ohne\s+ki|keine\s+ki|persönliche\s+beratung|mit\s+einer\s+person|zuständige\s+person|echten?\s+person|verantwortlichen|beschweren|kollegen|zurückrufen|rückruf"
        + @"|human|real\s+(person|employee|people)|someone\s+from|call\s+me\s+back|speak\s+to\s+(a|an|someone)|talk\s+to\s+(a|an|someone)|staff\s+member|instead\s+of\s+this\s+(bot|chat))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HumanRequest();

    [GeneratedRegex(
        @"\b(bist\s+du\s+(\w+\s+){0,2}(ein|eine|ne)\s+(mensch|person|roboter|bot|maschine|ki|computer|echte\w*|richtige\w*)|sind\s+sie\s+(\w+\s+){0,2}(ein|eine)\s+(mensch|person|roboter|bot|maschine|ki|computer|echte\w*)"
        + @"|(spreche|chatte|schreibe|rede)\s+ich\s+(hier\s+)?mit\s+(einem|einer)\s+(mensch|menschen|person|bot|roboter|maschine|ki|computer)|bist\s+du\s+echt|(wer|was)\s+bist\s+du"
        + @"|are\s+you\s+(\w+\s+)?(a|an)\s+(human|person|bot|robot|machine|ai|computer|real)|am\s+i\s+(talking|chatting|speaking)\s+(to|with)\s+(a|an)\s+(human|person|bot|robot|machine|ai|computer|real)|are\s+you\s+real|who\s+are\s+you|what\s+are\s+you)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HumanOrMachineQuestion();

    [GeneratedRegex(
        @"\b(ignorier\w*|vergiss\s+(alle|deine)|anweisungen|regeln\s+verraten|deine\s+regeln|verrat\w*\s+(mir\s+)?(deine|den|die)|beschimpf\w*|verspott\w*|schimpfw\w*|spiel\w*\s+(eine|einen)\s+(rolle|mitarbeiter\w*|beamt\w*)|rollenspiel|sei\s+(ab\s+jetzt\s+)?(ein|eine)\s+(mensch|mitarbeiter\w*|beamt\w*)|systemprompt|system\s*prompt|prompt|jailbreak|beleidig\w*|du\s+wärst|tu\s+so\s+als|gib\s+dich\s+als|sag\s+(ihm|ihr|ihnen)|bestätige\s+das|genau\s+so:|schreib:|fang\s+an\s+mit"
        + @"|ignore\s+(all|your|previous|the)|instructions|your\s+rules|reveal\s+(your|the)|roleplay|role-play|swear\s+at|make\s+fun\s+of|pretend\s+to\s+be|be\s+a\s+human|pretend|act\s+as|you\s+are\s+now|developer\s+mode|decode|base64|insult|repeat\s+after\s+me|say\s+exactly)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Instruction();

    // Long runs without spaces in the Base64 alphabet carry hidden instructions; no service question needs them.
    [GeneratedRegex(@"[A-Za-z0-9+/]{32,}={0,2}")]
    private static partial Regex EncodedPayload();
}
