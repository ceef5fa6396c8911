using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;

namespace CitizenBot.FunctionalTests.Channels;

/// <summary>A citizen in a Matrix room: application-service transactions in, client-server API sends out, through a fake homeserver.</summary>
public sealed class MatrixChannelTests : IAsyncLifetime, IDisposable
{
    private FakeMatrixHomeserver _homeserver = null!;
    private CitizenBotFactory _bot = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _homeserver = await FakeMatrixHomeserver.StartAsync();
        _bot = new CitizenBotFactory(settings: FakeMatrixHomeserver.Settings(_homeserver));
        _http = _bot.CreateClient();
    }

    [Fact]
    public async Task An_invitation_is_accepted_with_the_disclosure_and_a_question_is_answered_with_its_source()
    {
        (await PushAsync(FakeMatrixHomeserver.Invite())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PushAsync(FakeMatrixHomeserver.TextMessage("Was kostet ein Reisepass?"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        _homeserver.Calls.First().Kind.ShouldBe("join");
        var sent = _homeserver.SentMessages;
        sent.Count.ShouldBe(2);
        sent.ShouldAllBe(call => call.RoomId == FakeMatrixHomeserver.RoomId && call.Body["msgtype"]!.GetValue<string>() == "m.text"
            && call.Body["format"]!.GetValue<string>() == "org.matrix.custom.html");
        sent[0].PlainBody.ShouldContain("KI-System, kein Mensch");
        sent[0].PlainBody.ShouldContain("1. Jetzt mit einem Menschen sprechen\n2. Nur Menschen, keine KI\n");
        sent[1].PlainBody.ShouldContain("Reisepass");
        sent[1].PlainBody.ShouldContain("KI-Antwort · Quelle: ");
        sent[1].PlainBody.ShouldContain("(https://stadt.muenchen.de/");
        sent[1].FormattedBody.ShouldContain("<a href=\"https://stadt.muenchen.de/");
        sent.Select(call => call.TransactionId).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task Replying_2_to_the_greeting_chooses_people_only()
    {
        await PushAsync(FakeMatrixHomeserver.Invite());

        await PushAsync(FakeMatrixHomeserver.TextMessage("2"));

        var replies = _homeserver.SentMessages.Skip(1).Select(call => call.PlainBody).ToList();
        replies[0].ShouldStartWith("Verstanden: In diesem Gespräch antworten Ihnen nur noch Menschen, keine KI.");
        replies[1].ShouldContain("Darf die Person den bisherigen Gesprächsverlauf sehen?");
    }

    [Fact]
    public async Task Choices_come_as_a_numbered_list_and_a_number_picks_one()
    {
        await PushAsync(FakeMatrixHomeserver.TextMessage("Ausweis"));
        var askBack = _homeserver.SentMessages[^1].PlainBody;
        askBack.ShouldContain("Antworten Sie mit der Nummer Ihrer Wahl:");
        var second = askBack.Split('\n').Single(line => line.StartsWith("2. ", StringComparison.Ordinal))[3..];

        await PushAsync(FakeMatrixHomeserver.TextMessage("2"));

        _homeserver.SentMessages[^1].PlainBody.ShouldContain("KI-Antwort · Quelle: " + second);
    }

    [Theory]
    [InlineData(null, null, HttpStatusCode.Unauthorized, "M_UNAUTHORIZED")]
    [InlineData("wrong-token", null, HttpStatusCode.Forbidden, "M_FORBIDDEN")]
    [InlineData(null, "wrong-token", HttpStatusCode.Forbidden, "M_FORBIDDEN")]
    [InlineData(FakeMatrixHomeserver.AsToken, null, HttpStatusCode.Forbidden, "M_FORBIDDEN")]
    public async Task A_transaction_without_the_homeserver_token_is_refused_and_answers_nobody(string? bearer, string? query, HttpStatusCode expected, string errcode)
    {
        var response = await FakeMatrixHomeserver.PushAsync(
            _http, _homeserver.NextTransactionId(), [FakeMatrixHomeserver.TextMessage("Was kostet ein Reisepass?")], bearer, query);

        response.StatusCode.ShouldBe(expected);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errcode"]!.GetValue<string>().ShouldBe(errcode);
        _homeserver.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_legacy_access_token_query_is_accepted()
    {
        var response = await FakeMatrixHomeserver.PushAsync(
            _http, _homeserver.NextTransactionId(), [FakeMatrixHomeserver.TextMessage("Hallo")], bearer: null, accessTokenQuery: FakeMatrixHomeserver.HsToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _homeserver.SentMessages.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_replayed_transaction_is_processed_once()
    {
        var txnId = _homeserver.NextTransactionId();
        JsonObject[] events = [FakeMatrixHomeserver.TextMessage("Was kostet ein Reisepass?")];

        (await FakeMatrixHomeserver.PushAsync(_http, txnId, events)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FakeMatrixHomeserver.PushAsync(_http, txnId, events)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FakeMatrixHomeserver.PushAsync(_http, _homeserver.NextTransactionId(), events)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _homeserver.SentMessages.Count.ShouldBe(2, "greeting and answer, once");
    }

    [Fact]
    public async Task Edits_redactions_the_bots_own_messages_and_unknown_events_are_ignored()
    {
        var edit = FakeMatrixHomeserver.TextMessage("* Was kostet ein Reisepass?");
        edit["content"]!["m.relates_to"] = new JsonObject { ["rel_type"] = "m.replace", ["event_id"] = "$original" };
        var own = FakeMatrixHomeserver.TextMessage("Guten Tag!", FakeMatrixHomeserver.BotUserId);
        var redaction = FakeMatrixHomeserver.RoomEvent("m.room.redaction", FakeMatrixHomeserver.Citizen, []);
        redaction["redacts"] = "$original";
        var unknown = FakeMatrixHomeserver.RoomEvent("org.example.custom", FakeMatrixHomeserver.Citizen, new JsonObject { ["x"] = 1 });
        var notAnObject = JsonValue.Create(42);

        var response = await _http.PutAsJsonAsync(
            $"/_matrix/app/v1/transactions/{_homeserver.NextTransactionId()}?access_token={FakeMatrixHomeserver.HsToken}",
            new JsonObject { ["events"] = new JsonArray(edit, own, redaction, unknown, notAnObject) });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _homeserver.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_image_or_sticker_gets_a_polite_request_for_a_question_in_words()
    {
        var image = FakeMatrixHomeserver.RoomEvent("m.room.message", FakeMatrixHomeserver.Citizen, new JsonObject
        {
            ["msgtype"] = "m.image",
            ["body"] = "ausweis.jpg",
            ["url"] = "mxc://matrix.stadt.test/abc",
        });
        var sticker = FakeMatrixHomeserver.RoomEvent("m.sticker", FakeMatrixHomeserver.Citizen, new JsonObject
        {
            ["body"] = "thumbs up",
            ["url"] = "mxc://matrix.stadt.test/def",
            ["info"] = new JsonObject(),
        });

        (await PushAsync(image, sticker)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var replies = _homeserver.SentMessages.Skip(1).ToList();
        replies.Count.ShouldBe(2);
        replies.ShouldAllBe(reply => reply.PlainBody.StartsWith("Ich habe keine Frage erkannt.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_transaction_that_is_not_json_is_refused_in_the_matrix_error_format()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/_matrix/app/v1/transactions/{_homeserver.NextTransactionId()}")
        {
            Content = new StringContent("{\"events\": [", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", FakeMatrixHomeserver.HsToken);

        var response = await _http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errcode"]!.GetValue<string>().ShouldBe("M_BAD_JSON");
    }

    [Fact]
    public async Task Without_the_as_token_the_channel_is_off_and_the_bot_still_starts()
    {
        var settings = FakeMatrixHomeserver.Settings(_homeserver);
        settings["Channels:Matrix:AsToken"] = "";
        using var bot = new CitizenBotFactory(settings: settings);
        using var http = bot.CreateClient();

        var response = await FakeMatrixHomeserver.PushAsync(http, "txn-off", [FakeMatrixHomeserver.TextMessage("Hallo")]);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> PushAsync(params JsonObject[] events) =>
        FakeMatrixHomeserver.PushAsync(_http, _homeserver.NextTransactionId(), events);

    public async Task DisposeAsync() => await _homeserver.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _bot.Dispose();
    }
}
