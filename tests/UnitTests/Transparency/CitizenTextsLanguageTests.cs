using CitizenBot.Transparency;

namespace CitizenBot.UnitTests.Transparency;

public sealed class CitizenTextsLanguageTests
{
    [Theory]
    [InlineData("de", "de")]
    [InlineData("de-DE", "de")]
    [InlineData("de-AT", "de")]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("EN-gb", "en")]
    [InlineData("en_GB", "en")]
    [InlineData("fr-FR", "de")]
    [InlineData("english", "de")]
    [InlineData("", "de")]
    [InlineData(" ", "de")]
    [InlineData(null, "de")]
    public void Answers_in_a_supported_language_and_falls_back_to_German(string? locale, string language) =>
        CitizenTexts.LanguageOf(locale).ShouldBe(language);
}
