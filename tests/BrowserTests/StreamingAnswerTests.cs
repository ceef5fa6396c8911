using CitizenBot.BrowserTests.Infrastructure;
using CitizenBot.FunctionalTests.Generation;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenBot.BrowserTests;

/// <summary>A language model's answer as a citizen sees it in Web Chat: growing sentence by sentence, then one cited message.</summary>
public sealed class StreamingAnswerTests(ModelBrowserFixture browser) : IClassFixture<ModelBrowserFixture>
{
    private const string BotMessageSelector = ".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content";

    [Fact]
    public async Task A_model_answer_grows_in_the_chat_and_ends_as_one_labelled_message_with_its_source()
    {
        browser.Model.ChunkDelay = TimeSpan.FromMilliseconds(80);
        browser.Model.Reply = request => request.SourceSentence(1) + " [1] " + request.SourceSentence(1) + " [1]";
        await using var citizen = await browser.OpenAsync("/");
        var chat = citizen.ChatFrame;
        await Expect(chat.Locator(BotMessageSelector)).ToHaveCountAsync(1);
        // Every text the conversation shows while the answer arrives, as the citizen would have seen it.
        await chat.Locator("[role=feed]").EvaluateAsync(
            "(feed, selector) => { window.seenTexts = []; new MutationObserver(() => { const bubbles = feed.querySelectorAll(selector); "
            + "window.seenTexts.push(bubbles.length ? bubbles[bubbles.length - 1].innerText : ''); }).observe(feed, { subtree: true, childList: true, characterData: true }); }",
            BotMessageSelector);

        await chat.GetByPlaceholder("Nachricht eingeben").FillAsync("Was kostet ein Personalausweis?");
        await chat.GetByRole(AriaRole.Button, new() { Name = "Senden" }).ClickAsync();

        var reply = chat.Locator("[role=feed] > *").Last;
        await Expect(chat.Locator(BotMessageSelector)).ToHaveCountAsync(2);
        await Expect(reply.GetByText("KI-generiert", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(reply.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^https://stadt\\.muenchen\\.de/"));
        var sentence = new ModelRequest(browser.Model.Requests.Last()).SourceSentence(1);
        var opening = sentence[..Math.Min(24, sentence.Length)];
        await Expect(reply).ToContainTextAsync(opening);
        var finalText = await chat.Locator(BotMessageSelector).Last.InnerTextAsync();
        var seen = await chat.Locator("[role=feed]").EvaluateAsync<string[]>("() => window.seenTexts");
        Occurrences(finalText, opening).ShouldBe(2);
        seen.ShouldContain(text => Occurrences(text, opening) == 1, "the first sentence stood alone before the second arrived");
        citizen.Problems.ShouldBeEmpty();
    }

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;
}
