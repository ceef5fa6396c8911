using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CitizenBot.Channels.BotFramework;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CitizenBot.FunctionalTests.BotFramework;

/// <summary>/api/messages as Azure Bot Service calls it, with replies going back through a Bot Connector on loopback.</summary>
public sealed class AzureBotServiceTests : IAsyncLifetime, IDisposable
{
    private const string ConversationId = "19:meeting_abc@thread.v2;messageid=1";

    internal const string AuthorityHost = "login.citizenbot.test";

    private FakeAzureBotService _azure = null!;
    private readonly List<IDisposable> _owned = [];
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _azure = await FakeAzureBotService.StartAsync();
        _client = StartBot(Settings(_azure));
    }

    /// <summary>The bot with its Entra ID logins routed to the fake on loopback.</summary>
    private HttpClient StartBot(Dictionary<string, string?> settings)
    {
        var bot = new CitizenBotFactory(settings: settings);
        _owned.Add(bot);
        var client = bot
            .WithWebHostBuilder(host => host.ConfigureTestServices(services => services
                .AddHttpClient(ConnectorTokens.LoginClient)
                .AddHttpMessageHandler(() => new LoginRoute(AuthorityHost, new Uri(_azure.BaseUrl)))))
            .CreateClient();
        _owned.Add(client);
        return client;
    }

    public static Dictionary<string, string?> Settings(FakeAzureBotService azure) => new()
    {
        ["BotFramework:Enabled"] = "true",
        ["BotFramework:AppId"] = FakeAzureBotService.AppId,
        ["BotFramework:AppPassword"] = FakeAzureBotService.AppPassword,
        ["BotFramework:OpenIdMetadataUrl"] = azure.MetadataUrl,
        ["BotFramework:ToChannelFromBotLoginUrl"] = $"https://{AuthorityHost}/botframework.com",
    };

    [Fact]
    public async Task A_signed_message_is_greeted_and_answered_through_the_Connector_with_the_bots_login_token()
    {
        var response = await PostAsync(Message("Wo beantrage ich einen Personalausweis?"), _azure.CreateToken());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
        var delivered = _azure.Delivered;
        delivered.Count.ShouldBe(2);
        delivered[0].Activity["text"]!.GetValue<string>().ShouldContain("KI-System");
        delivered[1].Activity["text"]!.GetValue<string>().ShouldContain("Personalausweis");
        delivered.ShouldAllBe(r => r.Authorization == "Bearer " + _azure.IssuedToken);
        delivered.ShouldAllBe(r => r.ConversationId == ConversationId && r.ReplyToId == "activity-1");
        delivered.ShouldAllBe(r => HasAiLabel(r.Activity));
        delivered.ShouldAllBe(r => r.Activity["recipient"]!["id"]!.GetValue<string>() == "29:citizen");
        var login = _azure.TokenRequests.ShouldHaveSingleItem();
        login["tenant"].ShouldBe("botframework.com");
        login["grant_type"].ShouldBe("client_credentials");
        login["client_id"].ShouldBe(FakeAzureBotService.AppId);
        login["scope"].ShouldBe("https://api.botframework.com/.default");
    }

    [Fact]
    public async Task A_citizen_joining_is_greeted_once_without_a_reply_id()
    {
        var joined = Activity("conversationUpdate");
        joined["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:bot" }, new JsonObject { ["id"] = "29:citizen" });

        (await PostAsync(joined, _azure.CreateToken())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(Message("Hallo"), _azure.CreateToken())).StatusCode.ShouldBe(HttpStatusCode.OK);

        var delivered = _azure.Delivered;
        delivered.Count.ShouldBe(2);
        delivered[0].ReplyToId.ShouldBeNull();
        delivered[0].Activity["text"]!.GetValue<string>().ShouldContain("KI-System");
        delivered[1].Activity["text"]!.GetValue<string>().ShouldNotContain("KI-System");
    }

    [Theory]
    [InlineData("missing", "MissingToken")]
    [InlineData("not a jwt", "MalformedToken")]
    [InlineData("forged signature", "InvalidToken")]
    [InlineData("wrong audience", "InvalidToken")]
    [InlineData("wrong issuer", "UntrustedIssuer")]
    [InlineData("expired", "InvalidToken")]
    public async Task A_request_without_a_valid_Azure_Bot_Service_token_is_refused_and_reaches_nobody(string token, string code)
    {
        using var otherKey = RSA.Create(2048);
        var bearer = token switch
        {
            "missing" => null,
            "not a jwt" => "not-a-token",
            "forged signature" => _azure.CreateToken(signWith: otherKey),
            "wrong audience" => _azure.CreateToken(audience: "some-other-bot"),
            "wrong issuer" => _azure.CreateToken(issuer: "https://evil.example.org"),
            "expired" => _azure.CreateToken(expires: DateTime.UtcNow.AddHours(-1)),
            _ => throw new ArgumentOutOfRangeException(nameof(token)),
        };

        var response = await PostAsync(Message("Hallo"), bearer);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().ShouldBe(code);
        _azure.ConnectorRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_token_for_another_service_url_is_forbidden_and_reaches_nobody()
    {
        var response = await PostAsync(Message("Hallo"), _azure.CreateToken(serviceUrl: "https://smba.trafficmanager.net/emea/"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().ShouldBe("ServiceUrlMismatch");
        _azure.ConnectorRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_activity_from_a_channel_the_key_does_not_endorse_is_forbidden()
    {
        var message = Message("Hallo");
        message["channelId"] = "telegram";

        var response = await PostAsync(message, _azure.CreateToken());

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().ShouldBe("ChannelNotEndorsed");
        _azure.ConnectorRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_signed_request_with_a_broken_body_gets_a_problem_not_an_error()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent("{\"type\": \"message\", ", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _azure.CreateToken());

        var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_single_tenant_bot_accepts_its_tenants_tokens_and_logs_in_at_its_tenant()
    {
        var settings = Settings(_azure);
        settings["BotFramework:AppType"] = "SingleTenant";
        settings["BotFramework:TenantId"] = FakeAzureBotService.TenantId;
        settings["BotFramework:AzureAdOpenIdMetadataUrl"] = _azure.TenantMetadataUrl;
        settings["BotFramework:ToChannelFromBotLoginUrl"] = $"https://{AuthorityHost}/{FakeAzureBotService.TenantId}";
        var client = StartBot(settings);

        var response = await PostAsync(Message("Hallo"), _azure.CreateTenantToken(), client);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _azure.Delivered.Count.ShouldBe(2);
        _azure.Delivered.ShouldAllBe(r => r.Authorization == "Bearer " + _azure.IssuedToken);
        _azure.TokenRequests.ShouldHaveSingleItem()["tenant"].ShouldBe(FakeAzureBotService.TenantId);
    }

    [Fact]
    public async Task Unreachable_signing_keys_give_a_retryable_problem_not_an_error()
    {
        var settings = Settings(_azure);
        settings["BotFramework:OpenIdMetadataUrl"] = _azure.BaseUrl + "/no-such-metadata";
        var client = StartBot(settings);

        var response = await PostAsync(Message("Hallo"), _azure.CreateToken(), client);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        _azure.ConnectorRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_multi_tenant_bot_refuses_tenant_issued_tokens()
    {
        var response = await PostAsync(Message("Hallo"), _azure.CreateTenantToken());

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _azure.ConnectorRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Switched_off_authentication_in_Development_accepts_unsigned_activities()
    {
        var settings = Settings(_azure);
        settings["environment"] = "Development";
        settings["BotFramework:DisableAuthentication"] = "true";
        var client = StartBot(settings);

        var response = await PostAsync(Message("Hallo"), token: null, client);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _azure.Delivered.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(StatusCodes.Status429TooManyRequests)]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    public async Task A_throttled_or_briefly_failing_Connector_gets_the_reply_once_after_a_retry(int failure)
    {
        _azure.FailNextDeliveries(failure);
        var joined = Activity("conversationUpdate");
        joined["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:citizen" });

        var response = await PostAsync(joined, _azure.CreateToken());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _azure.ConnectorRequests.Select(r => r.Status).ShouldBe([failure, StatusCodes.Status200OK]);
        _azure.Delivered.ShouldHaveSingleItem().Activity["text"]!.GetValue<string>().ShouldContain("KI-System");
    }

    [Fact]
    public void Switching_off_authentication_outside_Development_stops_the_bot_from_starting()
    {
        var settings = Settings(_azure);
        settings["BotFramework:DisableAuthentication"] = "true";
        using var bot = new CitizenBotFactory(settings: settings);

        var failure = Should.Throw<OptionsValidationException>(() => bot.CreateClient());

        failure.Message.ShouldContain("DisableAuthentication is only allowed in the Development environment");
    }

    [Fact]
    public void An_enabled_edge_without_credentials_stops_the_bot_from_starting()
    {
        var settings = Settings(_azure);
        settings["BotFramework:AppPassword"] = "";
        using var bot = new CitizenBotFactory(settings: settings);

        Should.Throw<OptionsValidationException>(() => bot.CreateClient()).Message.ShouldContain("BotFramework:AppPassword is required");
    }

    [Fact]
    public async Task Without_an_Azure_registration_api_messages_does_not_exist()
    {
        using var bot = new CitizenBotFactory();

        var response = await bot.CreateClient().PostAsJsonAsync("/api/messages", Message("Hallo"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private JsonObject Message(string text)
    {
        var message = Activity("message");
        message["text"] = text;
        return message;
    }

    private JsonObject Activity(string type) => new()
    {
        ["type"] = type,
        ["id"] = "activity-1",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = _azure.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:citizen", ["name"] = "Erika Mustermann" },
        ["conversation"] = new JsonObject { ["id"] = ConversationId },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "CitizenBot" },
        ["locale"] = "de-DE",
    };

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await (client ?? _client).SendAsync(request);
    }

    private static bool HasAiLabel(JsonObject activity) =>
        activity["entities"]?.AsArray().Any(entity =>
            entity!["@type"]?.GetValue<string>() == "Message"
            && entity["additionalType"]!.AsArray().Any(t => t!.GetValue<string>() == "AIGeneratedContent")) == true;

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }
}
