using System.Text.RegularExpressions;
using CitizenBot.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenBot.BrowserTests;

/// <summary>A citizen in Web Chat and a staff member at the agent console, each in their own browser.</summary>
public sealed class AgentConsoleTests(AgentDeskFixture browser) : IClassFixture<AgentDeskFixture>
{
    [Fact]
    public async Task A_citizen_asks_for_a_person_and_a_staff_member_answers_live_then_hands_back_to_the_bot()
    {
        await using var agent = await SignedInAgentAsync();
        await using var citizen = await browser.OpenAsync("/chat.html");
        var chat = citizen.Page.Locator("html");
        var waiting = await AskForAPersonAsync(citizen, "Ich möchte mit einem Menschen sprechen");

        var queued = agent.Page.Locator("#queue > li").Filter(new() { HasText = "Wunsch nach einem Menschen" });
        await Expect(queued).ToContainTextAsync("Deutsch");
        await queued.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();

        var transcript = agent.Page.GetByRole(AriaRole.List, new() { Name = "Verlauf" });
        await Expect(transcript).ToContainTextAsync("Ich möchte mit einem Menschen sprechen");
        await Expect(chat.Locator("[role=feed]")).ToContainTextAsync("hat Ihr Anliegen übernommen");

        await citizen.Page.GetByPlaceholder("Nachricht eingeben").FillAsync("Ich brauche einen neuen Reisepass.");
        await citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Senden" }).ClickAsync();
        await Expect(transcript.Locator(".from-citizen").Last).ToContainTextAsync("Ich brauche einen neuen Reisepass.");

        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Einen Moment bitte, ich sehe mir Ihr Anliegen an." }).ClickAsync();
        var replyBox = agent.Page.GetByLabel("Antwort an die Bürgerin oder den Bürger");
        await Expect(replyBox).ToHaveValueAsync("Einen Moment bitte, ich sehe mir Ihr Anliegen an.");
        await replyBox.FillAsync("Guten Tag, für den Reisepass buche ich Ihnen gern einen Termin.");
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Senden" }).ClickAsync();
        await Expect(transcript.Locator(".from-staff")).ToContainTextAsync("buche ich Ihnen gern einen Termin");

        var staffReply = chat.Locator("[role=feed] > *").Filter(new() { HasText = "buche ich Ihnen gern einen Termin" });
        await Expect(staffReply).ToBeVisibleAsync();
        await Expect(staffReply.GetByText("KI-generiert", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(waiting.GetByText("KI-generiert", new() { Exact = true })).ToBeVisibleAsync();

        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Gespräch beenden" }).ClickAsync();
        await Expect(agent.Page.Locator("#case")).ToBeHiddenAsync();
        await Expect(chat.Locator("[role=feed]")).ToContainTextAsync("antwortet wieder der digitale Assistent");

        agent.Problems.ShouldBeEmpty();
        citizen.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_console_shows_for_a_bot_answer_the_linked_source_and_the_confidence()
    {
        await using var agent = await SignedInAgentAsync();
        await using var citizen = await browser.OpenAsync("/chat.html");
        var feed = citizen.Page.Locator("[role=feed]");
        await Expect(feed).ToContainTextAsync("KI-System");
        await citizen.Page.GetByPlaceholder("Nachricht eingeben").FillAsync("Wie beantrage ich einen Personalausweis?");
        await citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Senden" }).ClickAsync();
        await Expect(feed.GetByRole(AriaRole.Link, new() { Name = "Personalausweis" }).First).ToBeVisibleAsync();
        await AskForAPersonAsync(citizen, "Ich möchte mit einem Menschen sprechen");

        await agent.Page.Locator("#queue > li").Last.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();

        var answer = agent.Page.GetByRole(AriaRole.List, new() { Name = "Verlauf" }).Locator(".from-bot")
            .Filter(new() { Has = agent.Page.GetByRole(AriaRole.Link) });
        await Expect(answer).ToHaveCountAsync(1);
        await Expect(answer.GetByRole(AriaRole.Link, new() { Name = "Personalausweis" }).First)
            .ToHaveAttributeAsync("href", new Regex("^https://stadt\\.muenchen\\.de/service/info/"));
        await Expect(answer).ToContainTextAsync(new Regex("Sicherheit \\(Confidence\\): \\d{1,3} %"));
        await Expect(agent.Page.Locator(".from-bot").First).ToContainTextAsync("Sicherheit (Confidence): nicht angegeben");

        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Gespräch beenden" }).ClickAsync();
        await Expect(agent.Page.Locator("#case")).ToBeHiddenAsync();
        await CloseAllAsync(agent);
        agent.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_crisis_waits_first_and_is_marked()
    {
        await using var agent = await SignedInAgentAsync();
        await using var asking = await browser.OpenAsync("/chat.html");
        await using var inCrisis = await browser.OpenAsync("/chat.html");
        await AskForAPersonAsync(asking, "Ich möchte mit einem Menschen sprechen");
        await AskForAPersonAsync(inCrisis, "Das ist ein Notfall");

        var first = agent.Page.Locator("#queue > li").First;
        await Expect(first).ToContainTextAsync("Krise – Vorrang");
        await Expect(agent.Page.Locator("#queue > li")).ToHaveCountAsync(2);
        await Expect(agent.Page.Locator("#queue > li").Nth(1)).Not.ToContainTextAsync("Krise");

        await first.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        await Expect(agent.Page.Locator("#queue > li")).ToHaveCountAsync(1);
        await Expect(agent.Page.Locator("#mine > li")).ToContainTextAsync("Krise – Vorrang");
        await agent.Page.GetByLabel("Weitergeben an").SelectOptionAsync(new SelectOptionValue { Value = "" });
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Weitergeben" }).ClickAsync();
        await Expect(agent.Page.Locator("#case")).ToBeHiddenAsync();
        await Expect(agent.Page.Locator("#queue > li")).ToHaveCountAsync(2);
        await Expect(agent.Page.Locator("#queue > li").First).ToContainTextAsync("Krise – Vorrang");

        await CloseAllAsync(agent);
    }

    [Fact]
    public async Task The_console_has_no_serious_accessibility_violations_at_sign_in_and_with_an_accepted_case()
    {
        await using var agent = await browser.OpenAsync("/agent");
        await Expect(agent.Page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden" })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(agent.Page);

        await using var citizen = await browser.OpenAsync("/chat.html");
        await SignInAsync(agent);
        await AskForAPersonAsync(citizen, "Ich möchte mit einem Menschen sprechen");
        await agent.Page.Locator("#queue > li").Last.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        await Expect(agent.Page.GetByRole(AriaRole.List, new() { Name = "Verlauf" })).ToContainTextAsync("Ich möchte mit einem Menschen sprechen");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(agent.Page);

        await CloseAllAsync(agent);
    }

    [Fact]
    public async Task A_wrong_password_is_explained_on_the_page()
    {
        await using var agent = await browser.OpenAsync("/agent");
        await agent.Page.GetByLabel("Benutzername").FillAsync(AgentDeskFixture.AgentName);
        await agent.Page.GetByLabel("Passwort").FillAsync("wrong");
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        await Expect(agent.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Benutzername oder Passwort ist falsch.");
        await Expect(agent.Page.GetByRole(AriaRole.Heading, new() { Name = "Warteschlange" })).ToBeHiddenAsync();
    }

    /// <summary>Serves and closes every waiting case, so the next test starts with an empty queue.</summary>
    private static async Task CloseAllAsync(CitizenPage agent)
    {
        var queue = agent.Page.Locator("#queue > li");
        for (var left = await queue.CountAsync(); left > 0; left--)
        {
            await queue.First.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
            await Expect(agent.Page.Locator("#case")).ToBeVisibleAsync();
            await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Gespräch beenden" }).ClickAsync();
            await Expect(queue).ToHaveCountAsync(left - 1);
        }
    }

    private async Task<CitizenPage> SignedInAgentAsync()
    {
        var agent = await browser.OpenAsync("/agent");
        await SignInAsync(agent);
        return agent;
    }

    private static async Task SignInAsync(CitizenPage agent)
    {
        await agent.Page.GetByLabel("Benutzername").FillAsync(AgentDeskFixture.AgentName);
        await agent.Page.GetByLabel("Passwort").FillAsync(AgentDeskFixture.AgentPassword);
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(agent.Page.GetByRole(AriaRole.Heading, new() { Name = "Warteschlange" })).ToBeVisibleAsync();
        await Expect(agent.Page.Locator("#queue-connection")).ToBeHiddenAsync();
    }

    /// <summary>Asks for a person, agrees to share the conversation, and returns the bot's queue message once it shows.</summary>
    private static async Task<ILocator> AskForAPersonAsync(CitizenPage citizen, string request)
    {
        var feed = citizen.Page.Locator("[role=feed]");
        await Expect(feed).ToContainTextAsync("KI-System");
        await citizen.Page.GetByPlaceholder("Nachricht eingeben").FillAsync(request);
        await citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Senden" }).ClickAsync();
        await Expect(feed).ToContainTextAsync("Darf die Person den bisherigen Gesprächsverlauf sehen?");
        await citizen.Page.GetByRole(AriaRole.Toolbar, new() { Name = "Empfohlene Aktionen" })
            .GetByRole(AriaRole.Button, new() { Name = "Ja", Exact = true }).ClickAsync();
        var waiting = feed.Locator("> *").Filter(new() { HasText = "Sie sind in der Warteschlange" });
        await Expect(waiting).ToBeVisibleAsync();
        return waiting;
    }
}
