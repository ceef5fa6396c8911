using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CitizenBot.Channels.BotFramework;
using CitizenBot.FunctionalTests.BotFramework;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.Channels;

/// <summary>
/// One transcript, four channels: a citizen joins and asks "Was kostet ein Reisepass?" on Direct Line (Web Chat),
/// Telegram, Matrix and /api/messages (Teams through Azure Bot Service). Everyone is told they talk to an AI and gets
/// the same answer from the same source.
/// </summary>
public sealed partial class SameConversationOnEveryChannelTests : IAsyncLifetime, IDisposable
{
    private const string Question = "Was kostet ein Reisepass?";
    private const string Disclosure = "automatisiertes KI-System, kein Mensch";
    private const string Footer = "KI-Antwort · Quelle: ";

    private FakeTelegramBotApi _telegram = null!;
    private FakeMatrixHomeserver _matrix = null!;
    private FakeAzureBotService _azure = null!;
    private CitizenBotFactory _factory = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramBotApi.StartAsync();
        _matrix = await FakeMatrixHomeserver.StartAsync();
        _azure = await FakeAzureBotService.StartAsync();
        var settings = new Dictionary<string, string?>();
        foreach (var (key, value) in FakeTelegramBotApi.Settings(_telegram).Concat(FakeMatrixHomeserver.Settings(_matrix)).Concat(AzureBotServiceTests.Settings(_azure)))
        {
            settings[key] = value;
        }

        _factory = new CitizenBotFactory(settings: settings);
        _http = _factory
            .WithWebHostBuilder(host => host.ConfigureTestServices(services => services
                .AddHttpClient(ConnectorTokens.LoginClient)
                .AddHttpMessageHandler(() => new LoginRoute(AzureBotServiceTests.AuthorityHost, new Uri(_azure.BaseUrl)))))
            .CreateClient();
    }

    [Fact]
    public async Task Every_channel_discloses_the_AI_and_gives_the_same_answer_with_the_same_source()
    {
        var transcripts = new Dictionary<string, Transcript>
        {
            ["Direct Line"] = await DirectLineAsync(),
            ["Telegram"] = await TelegramAsync(),
            ["Matrix"] = await MatrixAsync(),
            ["/api/messages"] = await AzureBotServiceAsync(),
        };

        var reference = transcripts["Direct Line"];
        reference.Sources.ShouldNotBeEmpty();
        var answerWords = Words(AnswerPart(reference.Answer));
        answerWords.Length.ShouldBeGreaterThan(20);
        foreach (var (channel, transcript) in transcripts)
        {
            Words(transcript.Greeting).ShouldContain(Disclosure, Case.Sensitive, channel);
            Words(transcript.Answer).ShouldContain(answerWords, Case.Sensitive, channel);
            transcript.Sources.ShouldBe(reference.Sources, channel);
        }
    }

    private async Task<Transcript> DirectLineAsync()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_http);
        var id = (await client.StartConversationAsync()).ConversationId();
        await client.WaitForBotMessagesAsync(id, 1);
        (await client.PostMessageAsync(id, Question)).EnsureSuccessStatusCode();
        var messages = await client.WaitForBotMessagesAsync(id, 2);
        return new Transcript(messages[0].Text()!, messages[1].Text()!, CitationUrls(messages[1]));
    }

    private async Task<Transcript> TelegramAsync()
    {
        (await FakeTelegramBotApi.PostUpdateAsync(_http, _telegram.TextUpdate("/start"))).EnsureSuccessStatusCode();
        (await FakeTelegramBotApi.PostUpdateAsync(_http, _telegram.TextUpdate(Question))).EnsureSuccessStatusCode();
        var sent = _telegram.SentMessages;
        sent.Count.ShouldBe(2);
        return new Transcript(FakeTelegramBotApi.Visible(sent[0]), FakeTelegramBotApi.Visible(sent[1]), FooterLinks(sent[1]["text"]!.GetValue<string>()));
    }

    private async Task<Transcript> MatrixAsync()
    {
        (await FakeMatrixHomeserver.PushAsync(_http, _matrix.NextTransactionId(), [FakeMatrixHomeserver.Invite()])).EnsureSuccessStatusCode();
        (await FakeMatrixHomeserver.PushAsync(_http, _matrix.NextTransactionId(), [FakeMatrixHomeserver.TextMessage(Question)])).EnsureSuccessStatusCode();
        var sent = _matrix.SentMessages;
        sent.Count.ShouldBe(2);
        return new Transcript(sent[0].PlainBody, sent[1].PlainBody, FooterLinks(sent[1].FormattedBody));
    }

    private async Task<Transcript> AzureBotServiceAsync()
    {
        var joined = ConnectorActivity("conversationUpdate", "join-1");
        joined["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:bot" }, new JsonObject { ["id"] = "29:citizen" });
        (await PostToApiMessagesAsync(joined)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var question = ConnectorActivity("message", "question-1");
        question["text"] = Question;
        (await PostToApiMessagesAsync(question)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var delivered = _azure.Delivered;
        delivered.Count.ShouldBe(2);
        return new Transcript(delivered[0].Activity.Text()!, delivered[1].Activity.Text()!, CitationUrls(delivered[1].Activity));
    }

    private JsonObject ConnectorActivity(string type, string id) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = _azure.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:citizen", ["name"] = "Erika Mustermann" },
        ["conversation"] = new JsonObject { ["id"] = "a:transcript-conversation" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "CitizenBot" },
        ["locale"] = "de-DE",
    };

    private async Task<HttpResponseMessage> PostToApiMessagesAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _azure.CreateToken());
        return await _http.SendAsync(request);
    }

    /// <summary>Web Chat and Teams read the source from the citation on the message entity.</summary>
    private static IReadOnlyList<string> CitationUrls(JsonObject activity) =>
    [
        .. activity["entities"]!.AsArray().OfType<JsonObject>()
            .SelectMany(entity => entity["citation"]?.AsArray().OfType<JsonObject>() ?? [])
            .Select(claim => claim["appearance"]!["url"]!.GetValue<string>()),
    ];

    /// <summary>Messengers without a citation field name the source in the footer ("KI-Antwort · Quelle: …").</summary>
    private static IReadOnlyList<string> FooterLinks(string html)
    {
        var footer = html.LastIndexOf(Footer, StringComparison.Ordinal);
        footer.ShouldBeGreaterThanOrEqualTo(0);
        return [.. Href().Matches(html[footer..]).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value))];
    }

    /// <summary>The answer's opening paragraphs, before the lists and links that each client lays out its own way.</summary>
    private static string AnswerPart(string markdown) => string.Join("\n\n", markdown.Split("\n\n").Take(2));

    /// <summary>What a reader takes in, whatever the markup: no emphasis marks, bullets, link brackets or escapes, single spaces.</summary>
    private static string Words(string text) => Spaces().Replace(Markup().Replace(text, " "), " ").Trim();

    [GeneratedRegex(@"[*_`#•>\[\]\\]|^\s*[-+]\s", RegexOptions.Multiline)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("<a href=\"([^\"]+)\">")]
    private static partial Regex Href();

    private sealed record Transcript(string Greeting, string Answer, IReadOnlyList<string> Sources);

    public async Task DisposeAsync()
    {
        await _telegram.DisposeAsync();
        await _matrix.DisposeAsync();
        await _azure.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
    }
}
