using CitizenBot.BrowserTests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenBot.BrowserTests;

/// <summary>axe-core over every page a citizen sees; serious and critical violations fail.</summary>
public sealed class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/", "KI-System")]
    [InlineData("/chat.html", "KI-System")]
    [InlineData("/chat.html?locale=en", "AI system")]
    [InlineData("/chat.html?locale=ar", "نظام ذكاء اصطناعي")]
    [InlineData("/chat.html?locale=tr", "yapay zekâ sistemi")]
    [InlineData("/chat.html?locale=uk", "система штучного інтелекту")]
    [InlineData("/chat.html?locale=ru", "система искусственного интеллекта")]
    public async Task Chat_pages_have_no_serious_accessibility_violations_once_the_greeting_shows(string path, string greetingText)
    {
        await using var citizen = await browser.OpenAsync(path);
        var chat = path == "/" ? citizen.ChatFrame.Locator("html") : citizen.Page.Locator("html");
        await Expect(chat.Locator(".webchat__bubble__content").First).ToContainTextAsync(greetingText);

        await AssertNoSeriousViolationsAsync(citizen.Page);
    }

    [Theory]
    [InlineData("/transparency", "Transparenzhinweis")]
    [InlineData("/transparency?lang=en", "Transparency notice")]
    public async Task Transparency_notice_has_no_serious_accessibility_violations(string path, string heading)
    {
        await using var citizen = await browser.OpenAsync(path);
        await Expect(citizen.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);

        await AssertNoSeriousViolationsAsync(citizen.Page);
    }

    internal static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();

        var serious = result.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .SelectMany(violation => violation.Nodes.Select(node => $"{violation.Id} ({violation.Impact}) at {node.Target}: {node.Html}"))
            .ToList();
        serious.ShouldBeEmpty();
    }
}
