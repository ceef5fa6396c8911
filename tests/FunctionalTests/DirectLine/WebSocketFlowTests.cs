using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;

namespace CitizenBot.FunctionalTests.DirectLine;

/// <summary>Web Chat's default: the streamUrl WebSocket, as botframework-directlinejs opens, keeps alive and reconnects it.</summary>
public sealed class WebSocketFlowTests : IDisposable
{
    private readonly CitizenBotFactory _factory = new();

    [Fact]
    public async Task Greeting_sent_before_connecting_arrives_on_connect_and_replies_are_pushed()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        var conversation = await client.StartConversationAsync();
        var id = conversation.ConversationId();

        using var stream = await DirectLineSocketClient.ConnectAsync(_factory.Server, conversation["streamUrl"]!.GetValue<string>());
        var onConnect = await stream.ReceiveSetAsync();
        var greeting = onConnect.Activities().ShouldHaveSingleItem();
        greeting.IsBotMessage().ShouldBeTrue();
        greeting.HasAiLabel().ShouldBeTrue();

        await stream.SendKeepAliveAsync();
        await stream.SendKeepAliveAsync();
        var postedId = (await (await client.PostMessageAsync(id, "Was kostet ein Reisepass?")).ReadObjectAsync())["id"]!.GetValue<string>();

        var pushed = await stream.ReceiveUntilAsync(a => a.IsBotReplyTo(postedId));
        pushed.Select(a => a.Id()).ShouldBe([postedId, pushed[1].Id()]);
        pushed[0].Text().ShouldBe("Was kostet ein Reisepass?");
        pushed[1].HasAiLabel().ShouldBeTrue();
        long.Parse(stream.LastWatermark!, CultureInfo.InvariantCulture).ShouldBeGreaterThan(onConnect.Watermark());
        stream.Socket.State.ShouldBe(WebSocketState.Open);
    }

    [Fact]
    public async Task Reconnecting_with_a_watermark_gives_a_new_streamUrl_that_delivers_only_what_came_after()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        var conversation = await client.StartConversationAsync();
        var id = conversation.ConversationId();
        string watermark;
        List<JsonObject> before;
        using (var stream = await DirectLineSocketClient.ConnectAsync(_factory.Server, conversation["streamUrl"]!.GetValue<string>()))
        {
            await stream.ReceiveSetAsync();
            var firstId = (await (await client.PostMessageAsync(id, "Erste Frage")).ReadObjectAsync())["id"]!.GetValue<string>();
            before = await stream.ReceiveUntilAsync(a => a.IsBotReplyTo(firstId));
            watermark = stream.LastWatermark!;
            await stream.CloseAsync();
        }

        var missedId = (await (await client.PostMessageAsync(id, "Frage während der Funkstille")).ReadObjectAsync())["id"]!.GetValue<string>();
        var reconnected = await (await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}?watermark={watermark}")).ReadObjectAsync();

        reconnected.ConversationId().ShouldBe(id);
        var streamUrl = reconnected["streamUrl"]!.GetValue<string>();
        streamUrl.ShouldNotBe(conversation["streamUrl"]!.GetValue<string>());
        streamUrl.ShouldContain($"watermark={watermark}");
        using var resumed = await DirectLineSocketClient.ConnectAsync(_factory.Server, streamUrl);
        var after = await resumed.ReceiveUntilAsync(a => a.IsBotReplyTo(missedId));
        after[0].Id().ShouldBe(missedId);
        after.Count.ShouldBe(2);
        after.Select(a => a.Id()).Intersect(before.Select(a => a.Id())).ShouldBeEmpty();

        // Web Chat continues with the token the reconnect handed out.
        var continued = new DirectLineTestClient(_factory.CreateClient(), reconnected["token"]!.GetValue<string>());
        var lastId = (await (await continued.PostMessageAsync(id, "Und noch eine")).ReadObjectAsync())["id"]!.GetValue<string>();
        (await resumed.ReceiveUntilAsync(a => a.IsBotReplyTo(lastId))).ShouldContain(a => a.Id() == lastId);
    }

    [Fact]
    public async Task A_plain_HTTP_request_to_the_stream_is_refused_as_a_problem()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        var conversation = await client.StartConversationAsync();

        var response = await _factory.CreateClient().GetAsync(new Uri(conversation["streamUrl"]!.GetValue<string>().Replace("ws://", "http://", StringComparison.Ordinal)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "WebSocketRequired");
    }

    public void Dispose() => _factory.Dispose();
}
