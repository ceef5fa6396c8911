using System.Net;
using System.Text;
using CitizenBot.FunctionalTests.Infrastructure;

namespace CitizenBot.FunctionalTests.DirectLine;

/// <summary>Whatever a client sends, it gets a 4xx problem with a stable code, never a server error, and nothing reaches the bot.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly CitizenBotFactory _factory = new();

    [Theory]
    [InlineData("malformed JSON", """{"type":"message","text":""", HttpStatusCode.BadRequest, "MalformedJson")]
    [InlineData("array instead of activity", "[]", HttpStatusCode.BadRequest, "MalformedJson")]
    [InlineData("null", "null", HttpStatusCode.BadRequest, "MissingActivity")]
    [InlineData("missing type", """{"text":"Hallo"}""", HttpStatusCode.BadRequest, "MissingType")]
    [InlineData("blank type", """{"type":"  ","text":"Hallo"}""", HttpStatusCode.BadRequest, "MissingType")]
    [InlineData("number as type", """{"type":5,"text":"Hallo"}""", HttpStatusCode.BadRequest, "MalformedJson")]
    [InlineData("invalid timestamp", """{"type":"message","text":"Hallo","localTimestamp":"gestern"}""", HttpStatusCode.BadRequest, "MalformedJson")]
    [InlineData("entity that is no object", """{"type":"message","text":"Hallo","entities":["x"]}""", HttpStatusCode.BadRequest, "MalformedJson")]
    [InlineData("duplicate field in channelData", """{"type":"message","text":"Hallo","channelData":{"a":1,"a":2}}""", HttpStatusCode.BadRequest, "MalformedJson")]
    [InlineData("duplicate field in an entity", """{"type":"message","text":"Hallo","entities":[{"type":"a","type":"b"}]}""", HttpStatusCode.BadRequest, "MalformedJson")]
    public async Task A_broken_activity_is_refused(string because, string body, HttpStatusCode status, string code)
    {
        var (client, id) = await StartAsync();

        var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", Json(body));

        await response.ShouldBeProblemAsync(status, code);
        await NothingReachedTheBotAsync(client, id, because);
    }

    [Fact]
    public async Task Text_that_is_not_UTF8_is_refused()
    {
        // A Latin-1 "ß" where UTF-8 is required.
        var (client, id) = await StartAsync();
        var content = new ByteArrayContent([.. "{\"type\":\"message\",\"text\":\"Stra"u8, 0xDF, .. "e\"}"u8]);
        content.Headers.ContentType = new("application/json");

        var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "MalformedJson");
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_deep_in_channelData_are_refused_before_the_turn()
    {
        // Found by the fuzz test: the JSON reader checks UTF-8 only when the string is read, which was inside the store (500).
        var (client, id) = await StartAsync();
        var content = new ByteArrayContent([.. "{\"type\":\"message\",\"text\":\"Hallo\",\"channelData\":{\"clientActivityID\":\"a"u8, 0xF8, 0x88, .. "b\"}}"u8]);
        content.Headers.ContentType = new("application/json");

        var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "MalformedJson");
        await NothingReachedTheBotAsync(client, id, "invalid UTF-8 in channelData");
    }

    [Fact]
    public async Task Text_over_2000_characters_is_refused_and_2000_are_accepted()
    {
        var (client, id) = await StartAsync();

        await (await client.PostMessageAsync(id, new string('a', 2001))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "TextTooLong");
        await NothingReachedTheBotAsync(client, id, "text too long");
        (await client.PostMessageAsync(id, new string('a', 2000))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_over_the_byte_limit_is_refused_whether_or_not_it_announces_its_length()
    {
        var (client, id) = await StartAsync();
        var huge = """{"type":"message","text":"Hallo","channelData":{"padding":" """ + new string('x', 300 * 1024) + "\"}}";

        var announced = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", Json(huge));
        var streamed = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(huge)));
        streamed.Headers.ContentType = new("application/json");
        var unannounced = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", streamed);

        await announced.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge");
        await unannounced.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge");
        await NothingReachedTheBotAsync(client, id, "too large");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_JSON_is_refused_with_415(string contentType)
    {
        var (client, id) = await StartAsync();

        var response = await client.SendAsync(
            HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", new StringContent("""{"type":"message","text":"Hallo"}""", null, contentType));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task An_invalid_watermark_is_refused_when_reading_and_when_reconnecting(string watermark)
    {
        var (client, id) = await StartAsync();

        await (await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities?watermark={watermark}"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "InvalidWatermark");
        await (await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}?watermark={watermark}"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "InvalidWatermark");
    }

    public void Dispose() => _factory.Dispose();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<(DirectLineTestClient Client, string ConversationId)> StartAsync()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        return (client, (await client.StartConversationAsync()).ConversationId());
    }

    private static async Task NothingReachedTheBotAsync(DirectLineTestClient client, string id, string because) =>
        (await client.GetActivitiesAsync(id)).Activities().Count.ShouldBe(1, $"only the greeting, nothing stored for: {because}");

    /// <summary>A request body sent in chunks, without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
