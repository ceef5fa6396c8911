using CitizenBot.FunctionalTests.Infrastructure;

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

    public void Dispose() => _factory.Dispose();
}
