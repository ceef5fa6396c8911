using System.Net;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.FunctionalTests.DirectLine;

/// <summary>A server holding the Direct Line secret mints tokens; clients refresh them; expired and revoked ones stop working.</summary>
public sealed class SecretAndTokenTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CitizenBotFactory _factory = new();
    private readonly WebApplicationFactory<Program> _clocked;
    private readonly HttpClient _http;

    public SecretAndTokenTests()
    {
        // The bot with a clock the test moves, so tokens expire without waiting.
        _clocked = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_time)));
        _http = _clocked.CreateClient();
    }

    [Fact]
    public async Task A_generated_token_opens_its_conversation_and_a_refresh_keeps_it()
    {
        var server = new DirectLineTestClient(_http, CitizenBotFactory.Secret);
        var generated = await (await server.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = "dl_erika" },
        })).ReadObjectAsync();
        var id = generated.ConversationId();
        generated["expires_in"]!.GetValue<int>().ShouldBe(1800);
        generated["streamUrl"].ShouldBeNull();

        var client = new DirectLineTestClient(_http, generated["token"]!.GetValue<string>());
        (await client.StartConversationAsync()).ConversationId().ShouldBe(id);

        _time.Advance(TimeSpan.FromMinutes(15));
        var refreshed = await (await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh")).ReadObjectAsync();
        refreshed.ConversationId().ShouldBe(id);
        refreshed["token"]!.GetValue<string>().ShouldNotBe(generated["token"]!.GetValue<string>());

        _time.Advance(TimeSpan.FromMinutes(20));
        var refreshedClient = new DirectLineTestClient(_http, refreshed["token"]!.GetValue<string>());
        var postedId = (await (await refreshedClient.PostMessageAsync(id, "Hallo")).ReadObjectAsync())["id"]!.GetValue<string>();
        var history = (await refreshedClient.GetActivitiesAsync(id)).Activities();
        history.Single(a => a.Id() == postedId)["from"]!["id"]!.GetValue<string>().ShouldBe("dl_erika");
        history.ShouldContain(a => a.IsBotReplyTo(postedId));
    }

    [Fact]
    public async Task An_expired_token_gets_403_TokenExpired_everywhere_so_Web_Chat_asks_for_a_new_one()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_http);
        var id = (await client.StartConversationAsync()).ConversationId();

        _time.Advance(TimeSpan.FromMinutes(31));

        await (await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "TokenExpired");
        await (await client.PostMessageAsync(id, "Hallo?")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "TokenExpired");
        await (await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}?watermark=1")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "TokenExpired");
        await (await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "TokenExpired");
    }

    [Fact]
    public async Task A_wrong_or_missing_credential_gets_401()
    {
        var wrong = new DirectLineTestClient(_http, "not-the-secret-0123456789abcdef-0123456789");

        await (await wrong.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "InvalidCredential");
        await (await wrong.SendAsync(HttpMethod.Post, "/v3/directline/conversations")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "InvalidCredential");
        await (await _http.PostAsync("/v3/directline/conversations", null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "MissingCredential");
    }

    [Fact]
    public async Task A_revoked_secret_gets_403()
    {
        var revoked = new DirectLineTestClient(_http, CitizenBotFactory.RevokedSecret);

        await (await revoked.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "SecretRevoked");
        await (await revoked.SendAsync(HttpMethod.Post, "/v3/directline/conversations")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "SecretRevoked");
    }

    [Fact]
    public async Task Tokens_cannot_mint_tokens_and_secrets_cannot_be_refreshed()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_http);
        var server = new DirectLineTestClient(_http, CitizenBotFactory.Secret);

        await (await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "SecretRequired");
        await (await server.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "TokenRequired");
    }

    [Theory]
    [InlineData("text/plain", "user=dl_erika", HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType")]
    [InlineData("application/json", "{\"user\":", HttpStatusCode.BadRequest, "MalformedJson")]
    [InlineData("application/json", "{\"user\":\"dl_erika\"}", HttpStatusCode.BadRequest, "MalformedJson")]
    public async Task A_bad_token_request_body_is_a_problem_not_a_server_error(string contentType, string body, HttpStatusCode status, string code)
    {
        var server = new DirectLineTestClient(_http, CitizenBotFactory.Secret);

        var response = await server.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", new StringContent(body, null, contentType));

        await response.ShouldBeProblemAsync(status, code);
    }

    public void Dispose()
    {
        _clocked.Dispose();
        _factory.Dispose();
    }
}
