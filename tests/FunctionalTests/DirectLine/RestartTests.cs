using System.Net;
using CitizenBot.FunctionalTests.Infrastructure;

namespace CitizenBot.FunctionalTests.DirectLine;

/// <summary>An operator restarts the bot (update, crash); citizens in the middle of a conversation carry on.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task After_a_restart_the_token_still_works_and_the_conversation_continues_from_the_watermark()
    {
        var dataFolder = CitizenBotFactory.NewDataFolder();
        DirectLineTestClient client;
        string id;
        string watermark;
        using (var before = new CitizenBotFactory(dataFolder))
        {
            client = await DirectLineTestClient.FromWebChatTokenAsync(before.CreateClient());
            id = (await client.StartConversationAsync()).ConversationId();
            await (await client.PostMessageAsync(id, "Erste Frage")).ReadObjectAsync();
            watermark = (await client.GetActivitiesAsync(id))["watermark"]!.GetValue<string>();
        }

        using var after = new CitizenBotFactory(dataFolder);
        var resumed = new DirectLineTestClient(after.CreateClient(), client.Credential);

        var nothingNew = await resumed.GetActivitiesAsync(id, watermark);
        nothingNew.Activities().ShouldBeEmpty();
        nothingNew["watermark"]!.GetValue<string>().ShouldBe(watermark);

        var postedId = (await (await resumed.PostMessageAsync(id, "Zweite Frage nach dem Neustart")).ReadObjectAsync())["id"]!.GetValue<string>();
        var newer = (await resumed.GetActivitiesAsync(id, watermark)).Activities();
        newer.Count.ShouldBe(2);
        newer[0].Id().ShouldBe(postedId);
        newer[1].IsBotReplyTo(postedId).ShouldBeTrue();

        var again = await resumed.SendAsync(HttpMethod.Post, "/v3/directline/conversations");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = (await resumed.GetActivitiesAsync(id)).Activities();
        history.Count(a => a.IsBotMessage() && a.ReplyToId() is null).ShouldBe(1, "the greeting is shown once, not again after the restart");
        history.Select(a => a.Id()).ShouldBeUnique();
    }
}
