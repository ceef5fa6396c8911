using CitizenBot.Knowledge.Search;

namespace CitizenBot.UnitTests.Knowledge;

/// <summary>An editor names a concept once; citizens inflect it, and an English question still meets the office words.</summary>
public sealed class CitizenWordsTests : IDisposable
{
    private readonly CitizenWords _words = new(["naturalise, get naturalised, register a car = Einbürgerung Zulassung", "licence plates = Kennzeichen"], thesaurus: null);

    [Theory]
    [InlineData("naturalised")]
    [InlineData("naturalising")]
    [InlineData("registering a car")]
    [InlineData("licence plate")]
    public void An_inflected_English_phrase_finds_the_editors_line(string phrase) =>
        _words.EnglishEditorExpansion(phrase).ShouldNotBeNull();

    [Fact]
    public void Another_spelling_is_another_word_the_list_has_to_name() =>
        _words.EnglishEditorExpansion("naturalizing").ShouldBeNull();

    [Fact]
    public void German_phrases_are_looked_up_as_written()
    {
        _words.EditorExpansion("naturalised").ShouldBeNull();
        _words.EditorExpansion("naturalise").ShouldBe("Einbürgerung Zulassung");
    }

    [Theory]
    [InlineData("registered", "register")]
    [InlineData("registering", "register")]
    [InlineData("cities", "city")]
    [InlineData("passes", "pass")]
    [InlineData("passport's", "passport")]
    [InlineData("bus", "bus")]
    public void English_stems_drop_the_inflection_only(string word, string stem) =>
        CitizenWords.EnglishStems(word).ShouldBe(CitizenWords.EnglishStems(stem));

    public void Dispose() => _words.Dispose();
}
