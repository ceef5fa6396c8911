using CitizenBot.Conversation.Understanding;

namespace CitizenBot.UnitTests.Conversation;

/// <summary>The citizen is answered in the language they write; a message that shows none keeps the conversation's.</summary>
public sealed class MessageLanguageTests
{
    private readonly MessageLanguage _language = new(ShippedTexts.Create());

    [Theory]
    [InlineData("Ich habe meinen Ausweis verloren, was muss ich tun?", "en", "de")]
    [InlineData("How much does a Reisepass cost for my daughter?", "de", "en")]
    [InlineData("I need an appointment for the Anmeldung", "de", "en")]
    [InlineData("Wo kann ich mein Auto ummelden?", "en", "de")]
    [InlineData("Pasaportumu kaybettim, ne yapmalıyım?", "de", "tr")]
    [InlineData("Я втратив паспорт, що робити?", "de", "uk")]
    [InlineData("Я потерял паспорт, что делать?", "de", "ru")]
    [InlineData("فقدت جواز سفري، ماذا أفعل؟", "de", "ar")]
    public void A_message_in_a_served_language_is_recognised(string message, string conversation, string expected) =>
        _language.Of(message, conversation).ShouldBe(expected);

    [Theory]
    [InlineData("Perso", "en")]
    [InlineData("ok", "tr")]
    [InlineData("Reisepass", "ar")]
    [InlineData("👍", "de")]
    [InlineData("12345", "ru")]
    public void A_message_too_short_to_tell_keeps_the_conversations_language(string message, string conversation) =>
        _language.Of(message, conversation).ShouldBe(conversation);
}
