using System.Net;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.FunctionalTests.DirectLine;

/// <summary>Web Chat without WebSockets: token from the widget endpoint, then Direct Line 3.0 over HTTP polling.</summary>
public sealed class PollingFlowTests : IDisposable
{
    private readonly CitizenBotFactory _factory = new();

    [Fact]
    public async Task Greeting_then_question_and_labelled_answer_with_increasing_watermarks()
    {
        var http = _factory.CreateClient();
        var widgetToken = await (await http.PostAsync("/api/webchat/token?locale=de-DE", null)).ReadObjectAsync();
        var client = new DirectLineTestClient(http, widgetToken["token"]!.GetValue<string>());

        var started = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", new JsonObject { ["user"] = new JsonObject() });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var conversation = await started.ReadObjectAsync();
        var id = conversation.ConversationId();
        id.ShouldBe(widgetToken["conversationId"]!.GetValue<string>());
        conversation["token"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        conversation["expires_in"]!.GetValue<int>().ShouldBe(1800);
        conversation["streamUrl"]!.GetValue<string>().ShouldStartWith($"ws://localhost/v3/directline/conversations/{id}/stream?");

        var first = await client.GetActivitiesAsync(id);
        var greeting = first.Activities().ShouldHaveSingleItem();
        greeting.IsBotMessage().ShouldBeTrue();
        greeting.HasAiLabel().ShouldBeTrue();
        greeting["conversation"]!["id"]!.GetValue<string>().ShouldBe(id);
        greeting["channelId"]!.GetValue<string>().ShouldBe("directline");
        greeting["timestamp"]!.GetValue<string>().ShouldEndWith("Z");

        var posted = await (await client.PostMessageAsync(id, "Wo beantrage ich einen Personalausweis?")).ReadObjectAsync();
        var postedId = posted["id"]!.GetValue<string>();

        var second = await client.GetActivitiesAsync(id, first["watermark"]!.GetValue<string>());
        second.Watermark().ShouldBeGreaterThan(first.Watermark());
        var (question, answer) = (second.Activities()[0], second.Activities()[1]);
        second.Activities().Count.ShouldBe(2);
        question.Id().ShouldBe(postedId);
        question.Text().ShouldBe("Wo beantrage ich einen Personalausweis?");
        question["from"]!["id"]!.GetValue<string>().ShouldBe(widgetToken["userId"]!.GetValue<string>());
        answer.IsBotReplyTo(postedId).ShouldBeTrue();
        answer.HasAiLabel().ShouldBeTrue();
        answer.Text()!.ShouldContain("Personalausweis");
        answer["recipient"]!["id"]!.GetValue<string>().ShouldBe(widgetToken["userId"]!.GetValue<string>());

        var third = await client.GetActivitiesAsync(id, second["watermark"]!.GetValue<string>());
        third.Activities().ShouldBeEmpty();
        third.Watermark().ShouldBe(second.Watermark());
    }

    [Fact]
    public async Task Starting_the_same_conversation_again_answers_200_and_does_not_greet_twice()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();

        var again = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations");

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.ReadObjectAsync()).ConversationId().ShouldBe(id);
        (await client.GetActivitiesAsync(id)).Activities().Count(a => a.IsBotMessage()).ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_fields_and_channelData_of_a_posted_activity_come_back_unchanged()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();
        var channelData = JsonNode.Parse("""{"clientActivityID":"c-1","clientTimestamp":"2026-06-08T09:15:30.100Z","nested":{"list":[1,{"y":null}]}}""")!;
        var entities = JsonNode.Parse("""[{"type":"clientInfo","locale":"de-DE","country":"DE","platform":"Web"}]""")!;

        var posted = await (await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", new JsonObject
        {
            ["type"] = "message",
            ["text"] = "Hallo",
            ["from"] = new JsonObject { ["id"] = "x", ["name"] = "Erika" },
            ["channelData"] = channelData.DeepClone(),
            ["entities"] = entities.DeepClone(),
            ["textFormat"] = "plain",
            ["futureField"] = new JsonObject { ["deep"] = new JsonArray(1, "zwei", true) },
        })).ReadObjectAsync();

        var echoed = (await client.GetActivitiesAsync(id)).Activities().Single(a => a.Id() == posted["id"]!.GetValue<string>());
        JsonNode.DeepEquals(echoed["channelData"], channelData).ShouldBeTrue(echoed.ToJsonString());
        JsonNode.DeepEquals(echoed["entities"], entities).ShouldBeTrue(echoed.ToJsonString());
        echoed["futureField"]!["deep"]![1]!.GetValue<string>().ShouldBe("zwei");
        echoed["from"]!["name"]!.GetValue<string>().ShouldBe("Erika");
    }

    [Fact]
    public async Task Every_activity_is_stamped_with_the_bots_clock()
    {
        // The clock retention and reports measure by: a conversation and its timestamps must agree with it.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));
        using var app = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var client = await DirectLineTestClient.FromWebChatTokenAsync(app.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();

        (await client.PostMessageAsync(id, "Wo beantrage ich einen Personalausweis?")).EnsureSuccessStatusCode();
        await client.WaitForBotMessagesAsync(id, 2);

        var timestamps = (await client.GetActivitiesAsync(id)).Activities().Select(activity => activity["timestamp"]!.GetValue<string>()).ToList();
        timestamps.Count.ShouldBeGreaterThanOrEqualTo(3);
        timestamps.ShouldAllBe(timestamp => timestamp.StartsWith("2026-03-04T10:00:00", StringComparison.Ordinal));
    }

    public void Dispose() => _factory.Dispose();
}
