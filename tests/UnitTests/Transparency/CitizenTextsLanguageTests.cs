using CitizenBot.SharedKernel;

namespace CitizenBot.UnitTests.Transparency;

/// <summary>The shipped languages: each is served, keeps the greeting's four duties, and anything else falls back to German.</summary>
public sealed class CitizenTextsLanguageTests
{
    private readonly CitizenTexts _texts = ShippedTexts.Create();

    [Theory]
    [InlineData("de", "de")]
    [InlineData("de-AT", "de")]
    [InlineData("EN-gb", "en")]
    [InlineData("en_GB", "en")]
    [InlineData("tr-TR", "tr")]
    [InlineData("uk", "uk")]
    [InlineData("ar-SA", "ar")]
    [InlineData("ru-RU", "ru")]
    [InlineData("fr-FR", "de")]
    [InlineData("english", "de")]
    [InlineData("", "de")]
    [InlineData(null, "de")]
    public void Answers_in_a_served_language_and_falls_back_to_German(string? locale, string language) =>
        _texts.LanguageOf(locale).ShouldBe(language);

    [Theory]
    [InlineData("de", "KI-System, kein Mensch", "Ich kann mich irren", "keine sensiblen persönlichen Daten", "Jetzt mit einem Menschen sprechen")]
    [InlineData("en", "AI system, not a person", "I can make mistakes", "do not enter sensitive personal data", "Talk to a person now")]
    [InlineData("tr", "yapay zekâ sistemiyim, insan değilim", "Hata yapabilirim", "hassas kişisel verilerinizi girmeyin", "Hemen bir insanla konuşun")]
    [InlineData("uk", "система штучного інтелекту (ШІ), а не людина", "Я можу помилятися", "не вводьте чутливі персональні дані", "Поговорити з людиною зараз")]
    [InlineData("ar", "نظام ذكاء اصطناعي آلي، ولست إنسانًا", "قد أخطئ", "عدم إدخال بيانات شخصية حساسة", "التحدث مع إنسان الآن")]
    [InlineData("ru", "система искусственного интеллекта (ИИ), а не человек", "Я могу ошибаться", "не вводите конфиденциальные персональные данные", "Поговорить с человеком сейчас")]
    public void Every_language_greets_with_the_four_duties(string language, string aiSystem, string mistakes, string sensitiveData, string reachPerson)
    {
        var greeting = _texts.Get(TextKeys.Greeting, language);

        greeting.ShouldContain(aiSystem);
        greeting.ShouldContain(mistakes);
        greeting.ShouldContain(sensitiveData);
        greeting.ShouldContain(reachPerson);
        greeting.ShouldNotContain("{");
    }

    [Fact]
    public void Six_languages_are_served_and_only_Arabic_is_written_right_to_left()
    {
        _texts.Languages.ShouldBe(["de", "en", "tr", "uk", "ar", "ru"], ignoreOrder: true);
        _texts.Languages.Where(CitizenTexts.IsRightToLeft).ShouldBe(["ar"]);
    }
}
