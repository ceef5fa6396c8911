using CitizenBot.Answering;
using CitizenBot.Conversation.Understanding;

namespace CitizenBot.UnitTests.Conversation;

/// <summary>Replies rather than questions must be the whole message: yes, no, cancel, greetings, "Verlauf löschen", "einfacher bitte".</summary>
public sealed class ShortReplyTests
{
    [Theory]
    [InlineData("Ja", IntentKind.Confirm)]
    [InlineData("ja bitte!", IntentKind.Confirm)]
    [InlineData("Nein, danke.", IntentKind.Decline)]
    [InlineData("abbrechen", IntentKind.Cancel)]
    [InlineData("Hallo!", IntentKind.SmallTalk)]
    [InlineData("Vielen Dank!", IntentKind.SmallTalk)]
    [InlineData("Verlauf löschen", IntentKind.DeleteHistory)]
    [InlineData("Bitte lösch meine Daten", IntentKind.DeleteHistory)]
    [InlineData("einfacher bitte", IntentKind.OtherWording)]
    [InlineData("auf Englisch", IntentKind.OtherWording)]
    [InlineData("Nicht das Richtige", IntentKind.RunnersUp)]
    [InlineData("keins davon", IntentKind.SomethingElse)]
    [InlineData("", IntentKind.Empty)]
    [InlineData("🙂🙂🙂 ???", IntentKind.Empty)]
    public void A_short_reply_is_understood_as_such(string text, IntentKind expected) => Understanding.Of(text).Kind.ShouldBe(expected, text);

    [Theory]
    [InlineData("Ja, und was kostet der Reisepass?")]
    [InlineData("Hallo, ich habe meinen Ausweis verloren.")]
    [InlineData("Wie lösche ich meine Daten beim Melderegister?")]
    [InlineData("Ist die Anmeldung in einfacher Sprache beschrieben und was kostet sie?")]
    public void A_reply_with_a_question_in_it_is_a_question(string text) =>
        Understanding.Of(text).Kind.ShouldNotBeOneOf(IntentKind.Confirm, IntentKind.SmallTalk, IntentKind.DeleteHistory, IntentKind.OtherWording);

    [Fact]
    public void Simpler_wording_and_translation_name_the_style()
    {
        Understanding.Of("Kannst du das einfacher erklären?").Style.ShouldBe(AnswerStyle.Simple);
        Understanding.Of("in English please", "en").Style.ShouldBe(AnswerStyle.Translated);
    }

    [Fact]
    public void Asking_who_the_bot_is_is_small_talk_about_the_bot() =>
        Understanding.Of("Wer bist du?").SmallTalk.ShouldBe(SmallTalkKind.AboutBot);
}
