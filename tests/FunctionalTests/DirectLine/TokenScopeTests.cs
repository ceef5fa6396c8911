using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;

namespace CitizenBot.FunctionalTests.DirectLine;

/// <summary>A token is bound to one conversation: one citizen can never read or write another citizen's conversation.</summary>
public sealed class TokenScopeTests : IDisposable
{
    private readonly CitizenBotFactory _factory = new();

    [Fact]
    public async Task A_token_for_conversation_A_gets_403_on_every_endpoint_of_conversation_B()
    {
        var citizenA = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        await citizenA.StartConversationAsync();
        var citizenB = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        var conversationB = await citizenB.StartConversationAsync();
        var b = conversationB.ConversationId();

        await (await citizenA.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{b}/activities")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "WrongConversation");
        await (await citizenA.PostMessageAsync(b, "Ich lese mit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "WrongConversation");
        await (await citizenA.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{b}?watermark=0")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "WrongConversation");
        await (await citizenA.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{b}/upload?userId=x", Upload())).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "WrongConversation");

        var streamOfBWithTokenOfA = conversationB["streamUrl"]!.GetValue<string>().Split("&t=")[0] + "&t=" + Uri.EscapeDataString(citizenA.Credential);
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => DirectLineSocketClient.ConnectAsync(_factory.Server, streamOfBWithTokenOfA));
        refused.Message.ShouldContain("403");

        (await citizenB.GetActivitiesAsync(b)).Activities().ShouldHaveSingleItem().IsBotMessage().ShouldBeTrue();
    }

    [Fact]
    public async Task With_the_secret_an_unknown_conversation_is_404_as_directlinejs_reads_an_ended_conversation()
    {
        var server = new DirectLineTestClient(_factory.CreateClient(), CitizenBotFactory.Secret);

        await (await server.SendAsync(HttpMethod.Get, "/v3/directline/conversations/nope/activities")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "ConversationNotFound");
        await (await server.PostMessageAsync("nope", "Hallo")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "ConversationNotFound");
        await (await server.SendAsync(HttpMethod.Get, "/v3/directline/conversations/nope?watermark=3")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "ConversationNotFound");
    }

    [Fact]
    public async Task An_upload_is_refused_with_415_explaining_that_files_are_not_accepted()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();

        var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/upload?userId=x", Upload());

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "UploadsNotAccepted");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>().ShouldContain("does not accept files");
        (await client.GetActivitiesAsync(id)).Activities().Count.ShouldBe(1);
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>What botframework-directlinejs posts for a message with a file: an activity part and a file part.</summary>
    private static MultipartFormDataContent Upload()
    {
        var activity = new StringContent("""{"type":"message","from":{"id":"x"},"attachments":[{"contentType":"image/png","name":"ausweis.png"}]}""");
        activity.Headers.ContentType = new("application/vnd.microsoft.activity");
        var file = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
        file.Headers.ContentType = new("image/png");
        return new MultipartFormDataContent { { activity, "activity", "blob" }, { file, "file", "ausweis.png" } };
    }
}
