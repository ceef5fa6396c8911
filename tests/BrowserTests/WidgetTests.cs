using System.Text.RegularExpressions;
using CitizenBot.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenBot.BrowserTests;

/// <summary>The widget as a citizen meets it: embedded in a city page by one script tag, in Debian Chromium.</summary>
public sealed class WidgetTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Sample_page_embeds_the_chat_which_discloses_the_AI_before_the_citizen_types()
    {
        await using var citizen = await browser.OpenAsync("/");

        await Expect(citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Digitaler Assistent – Chat schließen" })).ToBeVisibleAsync();
        await Expect(citizen.Page.Locator("iframe[title*='KI-System']")).ToBeVisibleAsync();
        var greeting = BotMessages(citizen.ChatFrame).First;
        await Expect(greeting).ToContainTextAsync("KI-System");
        await Expect(greeting).ToContainTextAsync("kein Mensch");
        await Expect(greeting.GetByRole(AriaRole.Link, new() { Name = "Transparenzhinweis" })).ToHaveAttributeAsync("href", browser.Bot.Url("/transparency"));
        await Expect(citizen.ChatFrame.GetByPlaceholder("Nachricht eingeben")).ToBeVisibleAsync();
        await Expect(citizen.ChatFrame.GetByRole(AriaRole.Button, new() { Name = "Datei hochladen" })).ToHaveCountAsync(0);
        await Expect(citizen.ChatFrame.Locator("input[type=file]")).ToHaveCountAsync(0);
        citizen.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Citizen_sends_a_message_and_gets_a_reply_marked_as_AI_generated()
    {
        await using var citizen = await browser.OpenAsync("/");
        var chat = citizen.ChatFrame;
        await Expect(BotMessages(chat)).ToHaveCountAsync(1);

        await chat.GetByPlaceholder("Nachricht eingeben").FillAsync("Wie beantrage ich einen Personalausweis?");
        await chat.GetByRole(AriaRole.Button, new() { Name = "Senden" }).ClickAsync();

        await Expect(chat.Locator(".webchat__bubble--from-user")).ToContainTextAsync("Wie beantrage ich einen Personalausweis?");
        await Expect(BotMessages(chat)).ToHaveCountAsync(2);
        var reply = chat.Locator("[role=feed] > *").Last;
        // The answer quotes the Personalausweis service and links its public page as the source.
        await Expect(reply.Locator(".webchat__bubble")).ToContainTextAsync("Personalausweis");
        await Expect(reply.GetByRole(AriaRole.Link, new() { Name = "Personalausweis" }).First).ToHaveAttributeAsync("href", new Regex("^https://stadt\\.muenchen\\.de/service/info/"));
        var badge = reply.GetByText("KI-generiert", new() { Exact = true });
        await Expect(badge).ToBeVisibleAsync();
        await Expect(badge).ToBeInViewportAsync();
        // Greeting and reply carry the label; the citizen's own message does not.
        await Expect(chat.GetByText("KI-generiert", new() { Exact = true })).ToHaveCountAsync(2);
        citizen.Problems.ShouldBeEmpty();

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "chat-de.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await citizen.Page.ScreenshotAsync(new() { Path = screenshot });
    }

    [Fact]
    public async Task The_greeting_offers_a_person_now_and_people_only_as_buttons_and_the_choice_is_confirmed()
    {
        await using var citizen = await browser.OpenAsync("/chat.html");
        var chat = citizen.Page;
        var messages = chat.Locator(BotMessageSelector);
        await Expect(messages).ToHaveCountAsync(1);
        var offered = chat.GetByRole(AriaRole.Toolbar, new() { Name = "Empfohlene Aktionen" });
        await Expect(offered.GetByRole(AriaRole.Button, new() { Name = "Jetzt mit einem Menschen sprechen" })).ToBeVisibleAsync();

        await offered.GetByRole(AriaRole.Button, new() { Name = "Nur Menschen, keine KI" }).ClickAsync();

        await Expect(chat.Locator(".webchat__bubble--from-user")).ToContainTextAsync("Nur Menschen, keine KI");
        await Expect(messages.Nth(1)).ToContainTextAsync("In diesem Gespräch antworten Ihnen nur noch Menschen, keine KI.");
        await Expect(messages.Nth(2)).ToContainTextAsync("Darf die Person den bisherigen Gesprächsverlauf sehen?");
        citizen.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Language_switch_changes_the_chat_to_English()
    {
        await using var citizen = await browser.OpenAsync("/");
        var chat = citizen.ChatFrame;
        await Expect(BotMessages(chat)).ToHaveCountAsync(1);

        await chat.GetByRole(AriaRole.Combobox, new() { Name = "Sprache" }).SelectOptionAsync("en");

        await Expect(chat.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(chat.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Digital assistant");
        await Expect(BotMessages(chat).First).ToContainTextAsync("not a person");
        await Expect(chat.GetByPlaceholder("Type your message")).ToBeVisibleAsync();
        await Expect(chat.GetByText("AI-generated", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(BotMessages(chat).First.GetByRole(AriaRole.Link, new() { Name = "transparency notice" })).ToHaveAttributeAsync("href", browser.Bot.Url("/transparency?lang=en"));
        await Expect(chat.GetByRole(AriaRole.Combobox, new() { Name = "Language" })).ToHaveValueAsync("en");
        citizen.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task In_Arabic_the_chat_reads_right_to_left_and_discloses_the_AI_system_in_Arabic()
    {
        await using var citizen = await browser.OpenAsync("/chat.html?locale=ar");
        var chat = citizen.Page;

        await Expect(chat.Locator(BotMessageSelector).First).ToContainTextAsync("نظام ذكاء اصطناعي آلي، ولست إنسانًا");
        await Expect(chat.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(chat.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await Expect(chat.Locator("#webchat [dir='rtl']").First).ToBeAttachedAsync();
        await Expect(chat.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("المساعد الرقمي");
        await Expect(chat.GetByRole(AriaRole.Combobox, new() { Name = "اللغة" })).ToHaveValueAsync("ar");
        citizen.Problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("#7a1f5c", "rgb(122, 31, 92)", "rgb(255, 255, 255)")]
    [InlineData("#ffcc00", "rgb(255, 204, 0)", "rgb(26, 26, 26)")]
    public async Task Script_tag_options_set_language_title_and_a_readable_accent_colour(string accent, string background, string text)
    {
        await using var citizen = await browser.NewPageAsync();
        var page = browser.CitySite.Publish(
            $"""<script src="{browser.Bot.Url("/widget.js")}" data-locale="en" data-title="Ask Sampletown" data-accent="{accent}" defer></script>""");
        await citizen.Page.GotoAsync(browser.CitySite.AllowedOrigin + page);

        var launcher = citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Ask Sampletown – Open chat" });
        await Expect(launcher).ToHaveTextAsync("Ask Sampletown");
        await Expect(launcher).ToHaveCSSAsync("background-color", background);
        await Expect(launcher).ToHaveCSSAsync("color", text);
        await Expect(citizen.Page.Locator("iframe.citizenbot-frame")).ToHaveCountAsync(0);

        await launcher.ClickAsync();

        var chat = citizen.ChatFrame;
        await Expect(chat.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ask Sampletown");
        await Expect(chat.GetByRole(AriaRole.Banner)).ToHaveCSSAsync("background-color", background);
        await Expect(chat.GetByRole(AriaRole.Banner)).ToHaveCSSAsync("color", text);
        await Expect(BotMessages(chat).First).ToContainTextAsync("not a person");
        await Expect(citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Ask Sampletown – Close chat" })).ToBeVisibleAsync();
        citizen.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Chat_cannot_be_framed_by_a_site_that_is_not_an_allowed_embedder()
    {
        await using var citizen = await browser.NewPageAsync();

        var page = browser.CitySite.Publish($"""<script src="{browser.Bot.Url("/widget.js")}" data-open="true" defer></script>""");

        var refusal = await citizen.Page.RunAndWaitForConsoleMessageAsync(
            () => citizen.Page.GotoAsync(browser.CitySite.UnknownOrigin + page),
            new() { Predicate = message => message.Text.Contains("frame-ancestors", StringComparison.Ordinal) });

        refusal.Text.ShouldContain($"Framing '{browser.Bot.Url("/")}' violates");
        await Expect(citizen.Page.Locator("iframe.citizenbot-frame")).ToBeVisibleAsync();
        await Expect(citizen.ChatFrame.GetByPlaceholder("Nachricht eingeben")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Chat_page_is_fully_styled_under_the_content_security_policy()
    {
        await using var citizen = await browser.NewPageAsync();

        var response = await citizen.Page.GotoAsync(browser.Bot.Url("/chat.html"));
        response!.Headers["content-security-policy"].ShouldContain("style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';");
        var greeting = citizen.Page.Locator(BotMessageSelector).First;
        await Expect(greeting).ToContainTextAsync("KI-System");
        // Web Chat's styles come from script-filled <style> elements; blocked, the bubble would have no border radius and no padding.
        await Expect(greeting).ToHaveCSSAsync("border-radius", "6px");
        await Expect(citizen.Page.Locator("[role=feed]").Locator("..")).ToHaveCSSAsync("overflow-y", "auto");
        citizen.Problems.ShouldBeEmpty();
    }

    private const string BotMessageSelector = ".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content";

    private static ILocator BotMessages(IFrameLocator chat) => chat.Locator(BotMessageSelector);
}
