using CitizenBot.Handoff;
using Microsoft.Extensions.Options;

namespace CitizenBot.UnitTests.Handoff;

/// <summary>Trigger words match whole words in any case and punctuation; crisis wins over everything else.</summary>
public sealed class HandoffTriggersTests
{
    private static readonly HandoffTriggers Triggers = new(Options.Create(new HandoffOptions
    {
        Words = new()
        {
            ["de"] = new HandoffWords
            {
                Request = ["Mensch", "ich will keinen Bot"],
                HumanOnly = ["nur Menschen"],
                Crisis = ["Notfall"],
                Cancel = ["abbrechen"],
                Yes = ["ja"],
                No = ["nein"],
            },
        },
    }));

    [Theory]
    [InlineData("MENSCH!", HandoffTrigger.Request)]
    [InlineData("Ich will keinen Bot.", HandoffTrigger.Request)]
    [InlineData("Menschenrechte", HandoffTrigger.None)]
    [InlineData("Bitte nur Menschen, kein Mensch-Ersatz", HandoffTrigger.HumanOnly)]
    [InlineData("Notfall, ich brauche einen Mensch", HandoffTrigger.Crisis)]
    [InlineData("Was kostet ein Pass?", HandoffTrigger.None)]
    public void Detects_the_strongest_trigger(string text, HandoffTrigger expected) => Triggers.Detect(text, "de").ShouldBe(expected);

    [Theory]
    [InlineData("Ja", true)]
    [InlineData("ja.", true)]
    [InlineData("ja, aber erst morgen", false)]
    public void A_yes_must_be_the_whole_answer(string text, bool yes) => Triggers.IsYes(text, "de").ShouldBe(yes);

    [Fact]
    public void An_unsupported_language_falls_back_to_German_words() => Triggers.IsCancel("Abbrechen", "fr").ShouldBeTrue();
}
