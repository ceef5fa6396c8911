using CitizenBot.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenBot.BrowserTests;

/// <summary>
/// A citizen rates an answer with Web Chat's own thumb; an editor signs in at /admin and sees the figures as charts
/// drawn by Chart.js under the content security policy, accessible to axe-core.
/// </summary>
public sealed class AdminDashboardTests(EditorFixture browser) : IClassFixture<EditorFixture>
{
    [Fact]
    public async Task A_thumb_pressed_in_the_chat_appears_on_the_dashboard_with_visible_charts_and_no_serious_accessibility_violations()
    {
        await using var citizen = await browser.OpenAsync("/chat.html");
        var chat = citizen.Page;
        await Expect(BotMessages(chat)).ToHaveCountAsync(1);
        await AskAsync(chat, "Wie hoch ist die Zugspitze in Garmisch?", 2);
        await AskAsync(chat, "Wie beantrage ich einen Reisepass?", 3);
        // Web Chat sends the vote half a second after the click, from the answer's status line; the chat stays open meanwhile.
        var like = chat.Locator("[role=feed] > *").Last.GetByRole(AriaRole.Button, new() { Name = "Mit „Gefällt mir“ markieren" });
        await like.ClickAsync();
        await Expect(like).ToHaveAttributeAsync("aria-pressed", "true");

        await using var editor = await SignInAsync();
        var page = editor.Page;
        await ReloadUntilAsync(page, "#total-feedback", "1 / 0");
        await Expect(page.Locator("#total-questions")).ToHaveTextAsync("2");
        await Expect(page.Locator("#total-answered")).ToContainTextAsync("1");
        await Expect(page.Locator("#total-abstained")).ToContainTextAsync("1");
        await Expect(page.Locator("#editors")).ToContainTextAsync("Wie hoch ist die Zugspitze in Garmisch?");
        await Expect(BotMessages(chat)).ToHaveCountAsync(3);
        citizen.Problems.ShouldBeEmpty();

        // The bars are the city blue: a screenshot of each chart must show them, not just an empty frame.
        foreach (var chart in new[] { "#chart-outcomes", "#chart-services" })
        {
            await Expect(page.Locator(chart)).ToBeVisibleAsync();
            (await ColouredPixelsAsync(await page.Locator(chart).ScreenshotAsync())).ShouldBeGreaterThan(200, chart);
        }

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "admin-dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page);
        editor.Problems.ShouldBeEmpty();

        await page.GotoAsync(browser.Bot.Url("/admin/report"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bericht für");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page);
        editor.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_editor_generates_the_quarterly_report_with_knowledge_changes_and_incidents_and_downloads_its_csv()
    {
        await using var editor = await SignInAsync();
        var page = editor.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Quartalsbericht" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Quartal");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Änderungen am Wissen" })).ToBeVisibleAsync();
        // The bot's first start served every service description for the first time: each one is a change of the quarter.
        await Expect(page.Locator("#knowledge")).ToContainTextAsync(" neu, 0 geändert, 0 entfernt.");
        await Expect(page.Locator("#knowledge-changes caption")).ToContainTextAsync("die neuesten 50 von");
        await Expect(page.Locator("#incidents")).ToHaveTextAsync("Keine Vorfälle im Zeitraum erfasst.");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync(browser.Bot.Url("/admin"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).First.ClickAsync());
        var csv = await File.ReadAllLinesAsync(await download.PathAsync());
        csv[0].ShouldBe("section,group,figure,value");
        csv.ShouldContain("incidents,all,count,0");
        csv.ShouldContain(line => line.StartsWith("knowledge_changes,", StringComparison.Ordinal) && line.Contains(",added,", StringComparison.Ordinal));
        editor.Problems.ShouldBeEmpty();
    }

    private async Task<CitizenPage> SignInAsync()
    {
        var editor = await browser.OpenAsync("/admin");
        var page = editor.Page;
        await page.GetByLabel("Name").FillAsync(EditorFixture.EditorName);
        await page.GetByLabel("Passwort").FillAsync(EditorFixture.EditorPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Auswertung des Assistenten");
        return editor;
    }

    private static ILocator BotMessages(IPage chat) => chat.Locator(".webchat__bubble:not(.webchat__bubble--from-user)");

    private static async Task AskAsync(IPage chat, string question, int botMessages)
    {
        await chat.GetByPlaceholder("Nachricht eingeben").FillAsync(question);
        await chat.GetByRole(AriaRole.Button, new() { Name = "Senden" }).ClickAsync();
        await Expect(BotMessages(chat)).ToHaveCountAsync(botMessages);
    }

    /// <summary>The vote travels after Web Chat's short debounce; reload, bounded, until the dashboard counts it.</summary>
    private static async Task ReloadUntilAsync(IPage page, string selector, string text)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            if ((await page.Locator(selector).TextContentAsync())?.Contains(text, StringComparison.Ordinal) == true)
            {
                return;
            }

            await Task.Delay(250);
            await page.ReloadAsync();
        }

        await Expect(page.Locator(selector)).ToContainTextAsync(text);
    }

    /// <summary>Counts clearly coloured (not white, grey or black) pixels of a PNG, decoded by the browser on a blank page.</summary>
    private async Task<int> ColouredPixelsAsync(byte[] png)
    {
        var blank = await browser.Browser.NewPageAsync();
        try
        {
            return await blank.EvaluateAsync<int>(
                """
                async base64 => {
                  const image = new Image();
                  image.src = 'data:image/png;base64,' + base64;
                  await image.decode();
                  const canvas = document.createElement('canvas');
                  canvas.width = image.width;
                  canvas.height = image.height;
                  const context = canvas.getContext('2d');
                  context.drawImage(image, 0, 0);
                  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
                  let coloured = 0;
                  for (let i = 0; i < pixels.length; i += 4) {
                    const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
                    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
                  }
                  return coloured;
                }
                """,
                Convert.ToBase64String(png));
        }
        finally
        {
            await blank.CloseAsync();
        }
    }
}
