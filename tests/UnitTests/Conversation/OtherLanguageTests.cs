using CitizenBot.Answering;
using CitizenBot.Conversation.Understanding;

namespace CitizenBot.UnitTests.Conversation;

/// <summary>In Turkish, Ukrainian, Arabic and Russian the greeting's buttons and the plain words for a person, yes, no and cancel are understood.</summary>
public sealed class OtherLanguageTests
{
    [Theory]
    [InlineData("tr", "Hemen bir insanla konuşun", IntentKind.AskForPerson)]
    [InlineData("tr", "insan", IntentKind.AskForPerson)]
    [InlineData("tr", "Yalnızca insanlar, yapay zekâ yok", IntentKind.PeopleOnly)]
    [InlineData("tr", "Evet", IntentKind.Confirm)]
    [InlineData("tr", "İptal", IntentKind.Cancel)]
    [InlineData("uk", "Поговорити з людиною зараз", IntentKind.AskForPerson)]
    [InlineData("uk", "Лише люди, без ШІ", IntentKind.PeopleOnly)]
    [InlineData("uk", "Ні", IntentKind.Decline)]
    [InlineData("ar", "التحدث مع إنسان الآن", IntentKind.AskForPerson)]
    [InlineData("ar", "بشر فقط، بلا ذكاء اصطناعي", IntentKind.PeopleOnly)]
    [InlineData("ar", "نعم", IntentKind.Confirm)]
    [InlineData("ru", "Поговорить с человеком сейчас", IntentKind.AskForPerson)]
    [InlineData("ru", "человек", IntentKind.AskForPerson)]
    [InlineData("ru", "Только люди, без ИИ", IntentKind.PeopleOnly)]
    [InlineData("ru", "Отмена", IntentKind.Cancel)]
    public void Buttons_and_short_requests_are_understood(string language, string text, IntentKind expected) =>
        Understanding.Of(text, language).Kind.ShouldBe(expected, text);

    [Theory]
    [InlineData("tr", "Leichte Sprache")]
    [InlineData("de", "in Leichter Sprache, bitte")]
    [InlineData("en", "Leichte Sprache please")]
    public void Leichte_Sprache_is_asked_for_as_such_not_as_Einfache_Sprache(string language, string text)
    {
        var intent = Understanding.Of(text, language);

        intent.Kind.ShouldBe(IntentKind.OtherWording);
        intent.Style.ShouldBe(AnswerStyle.EasyGerman);
    }
}
