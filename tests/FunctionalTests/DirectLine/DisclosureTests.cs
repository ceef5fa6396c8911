using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CitizenBot.Channels.WebChat;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CitizenBot.FunctionalTests.DirectLine;

public sealed class DisclosureTests : IDisposable
{
    private readonly CitizenBotFactory _factory = new();

    [Fact]
    public async Task Greeting_discloses_the_AI_system_before_the_citizen_types_anything()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        var conversation = await client.StartConversationAsync();

        var greeting = (await client.WaitForBotMessagesAsync(conversation["conversationId"]!.GetValue<string>(), 1))[0];

        var text = greeting["text"]!.GetValue<string>();
        text.ShouldContain("KI-System");
        text.ShouldContain("kein Mensch");
        text.ShouldContain("Mensch");
        text.ShouldContain("http://localhost:5080/transparency");
        greeting["entities"]!.AsArray().ShouldContain(entity =>
            entity!["@type"]!.GetValue<string>() == "Message" && entity["additionalType"]!.AsArray().Any(t => t!.GetValue<string>() == "AIGeneratedContent"));
    }

    [Fact]
    public async Task Greeting_is_in_English_when_the_widget_asks_for_English()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient(), "en");
        var conversation = await client.StartConversationAsync();

        var greeting = (await client.WaitForBotMessagesAsync(conversation["conversationId"]!.GetValue<string>(), 1))[0];

        greeting["text"]!.GetValue<string>().ShouldContain("not a person");
    }

    [Theory]
    [InlineData("de", "Ich kann mich irren.", "Bitte geben Sie keine sensiblen persönlichen Daten ein", "Jetzt mit einem Menschen sprechen")]
    [InlineData("en", "I can make mistakes.", "Please do not enter sensitive personal data", "Talk to a person now")]
    public async Task The_greeting_says_all_four_statements_and_offers_both_ways_to_a_person(string language, string mistakes, string sensitiveData, string reachPerson)
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient(), language);
        var conversationId = (await client.StartConversationAsync()).ConversationId();

        var greeting = (await client.WaitForBotMessagesAsync(conversationId, 1))[0];

        greeting.Text()!.ShouldContain(language == "de" ? "automatisiertes KI-System, kein Mensch" : "automated AI system, not a person");
        greeting.Text()!.ShouldContain(mistakes);
        greeting.Text()!.ShouldContain(sensitiveData);
        greeting.Text()!.ShouldContain(reachPerson);
        greeting.Text()!.ShouldContain("115");
        greeting.Text()!.ShouldNotContain("{Greeting");
    }

    [Fact]
    public async Task A_city_may_reword_a_statement_of_the_greeting()
    {
        using var reworded = new CitizenBotFactory(settings: new Dictionary<string, string?>
        {
            ["Texts:Languages:de:GreetingMistakes"] = "Auch ein Assistent macht Fehler – bitte prüfen Sie Wichtiges in der Quelle.",
        });
        var client = await DirectLineTestClient.FromWebChatTokenAsync(reworded.CreateClient());
        var conversationId = (await client.StartConversationAsync()).ConversationId();

        var greeting = (await client.WaitForBotMessagesAsync(conversationId, 1))[0];

        greeting.Text()!.ShouldContain("Auch ein Assistent macht Fehler – bitte prüfen Sie Wichtiges in der Quelle.");
        greeting.Text()!.ShouldNotContain("Ich kann mich irren.");
    }

    [Theory]
    [InlineData("Texts:Languages:en:Greeting", "Hello! {GreetingAiSystem} {GreetingSensitiveData} {GreetingReachPerson}",
        "Texts:Languages:en:Greeting must contain {GreetingMistakes}: the greeting has to say that the assistant can make mistakes.")]
    [InlineData("Texts:Languages:de:Greeting", "Guten Tag! {GreetingMistakes} {GreetingSensitiveData} {GreetingReachPerson}",
        "Texts:Languages:de:Greeting must contain {GreetingAiSystem}: the greeting has to say that the assistant is an automated AI system, not a person.")]
    [InlineData("Texts:Languages:de:GreetingSensitiveData", " ",
        "Texts:Languages:de:GreetingSensitiveData must not be empty: the greeting has to say not to enter sensitive personal data.")]
    [InlineData("Texts:Languages:tr:Greeting", "Merhaba! {GreetingAiSystem} {GreetingMistakes} {GreetingSensitiveData}",
        "Texts:Languages:tr:Greeting must contain {GreetingReachPerson}: the greeting has to say how to reach a person instead.")]
    public void Start_up_refuses_a_greeting_in_any_configured_language_that_drops_a_statement(string setting, string value, string failure)
    {
        using var dropped = new CitizenBotFactory(settings: new Dictionary<string, string?> { [setting] = value });

        Should.Throw<OptionsValidationException>(() => dropped.CreateClient()).Message.ShouldContain(failure);
    }

    [Fact]
    public async Task A_city_adds_a_language_by_configuration_alone()
    {
        var croatian = CroatianTexts();
        croatian["Texts:Languages:hr:GreetingAiSystem"] = "Ja sam automatizirani sustav umjetne inteligencije, a ne čovjek.";
        croatian["Texts:Languages:hr:ChatTitle"] = "Gradski asistent";
        using var withCroatian = new CitizenBotFactory(settings: croatian);
        var http = withCroatian.CreateClient();
        var client = await DirectLineTestClient.FromWebChatTokenAsync(http, "hr-HR");
        var conversationId = (await client.StartConversationAsync()).ConversationId();

        var greeting = (await client.WaitForBotMessagesAsync(conversationId, 1))[0];
        var widget = (await http.GetFromJsonAsync<JsonObject>($"{WebChatEndpoints.UiTextsPath}?locale=hr"))!;

        greeting.Text()!.ShouldContain("Ja sam automatizirani sustav umjetne inteligencije, a ne čovjek.");
        greeting["locale"]!.GetValue<string>().ShouldBe("hr");
        widget["title"]!.GetValue<string>().ShouldBe("Gradski asistent");
        widget["languages"]!.AsArray().Select(language => (language!["code"]!.GetValue<string>(), language["name"]!.GetValue<string>()))
            .ShouldContain(("hr", "Hrvatski"));
    }

    [Fact]
    public void Start_up_names_each_text_an_added_language_still_lacks()
    {
        var croatian = CroatianTexts();
        croatian.Remove("Texts:Languages:hr:HumanContact");

        using var incomplete = new CitizenBotFactory(settings: croatian);

        Should.Throw<OptionsValidationException>(() => incomplete.CreateClient()).Message.ShouldContain("Missing citizen texts: Texts:Languages:hr:HumanContact");
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>Every English text under "hr", as a city would start a translation before rewording it text by text.</summary>
    private Dictionary<string, string?> CroatianTexts() =>
        _factory.Services.GetRequiredService<IConfiguration>().GetSection("Texts:Languages:en").GetChildren()
            .ToDictionary(text => $"Texts:Languages:hr:{text.Key}", text => text.Value);
}
