using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Insights;
using CitizenBot.Privacy;
using CitizenBot.SharedKernel;
using CitizenBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.Channels;

/// <summary>A citizen on Telegram: webhook updates in, Bot API sendMessage calls out, through a fake Bot API on loopback.</summary>
public sealed class TelegramChannelTests : IAsyncLifetime, IDisposable
{
    private FakeTelegramBotApi _telegram = null!;
    private CitizenBotFactory _bot = null!;
    private HttpClient _http = null!;

    private CitizenTexts Texts => _bot.Services.GetRequiredService<CitizenTexts>();

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramBotApi.StartAsync();
        _bot = new CitizenBotFactory(settings: FakeTelegramBotApi.Settings(_telegram));
        _http = _bot.CreateClient();
    }

    [Fact]
    public async Task Start_greets_with_the_disclosure_in_words_and_a_question_is_answered_with_its_source()
    {
        (await PostAsync("/start")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync("Was kostet ein Reisepass?")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var sent = _telegram.SentMessages;
        sent.Count.ShouldBe(2);
        sent.ShouldAllBe(message => message["chat_id"]!.GetValue<long>() == FakeTelegramBotApi.ChatId && string.Equals(message["parse_mode"]!.GetValue<string>(), "HTML", StringComparison.OrdinalIgnoreCase));
        FakeTelegramBotApi.Visible(sent[0]).ShouldContain("KI-System, kein Mensch");
        FakeTelegramBotApi.Visible(sent[0]).ShouldEndWith(Texts.Get(TextKeys.AiLabel, "de"));
        FakeTelegramBotApi.Buttons(sent[0]).Select(button => button["text"]!.GetValue<string>()).Take(2).ShouldBe(["Jetzt mit einem Menschen sprechen", "Nur Menschen, keine KI"]);
        var answer = FakeTelegramBotApi.Visible(sent[1]);
        answer.ShouldContain("Reisepass");
        answer.ShouldContain("KI-Antwort · Quelle: ");
        FakeTelegramBotApi.Links(sent[1]).ShouldContain(link => link.StartsWith("https://stadt.muenchen.de/", StringComparison.Ordinal));
        sent.ShouldAllBe(message => FakeTelegramBotApi.Tags(message).All(tag => TelegramTags.Contains(tag)));
    }

    [Fact]
    public async Task Pressing_the_greetings_people_only_button_chooses_people_only()
    {
        await PostAsync("/start");
        var greeting = _telegram.SentMessages[0];
        var peopleOnly = FakeTelegramBotApi.Buttons(greeting)[1];

        (await FakeTelegramBotApi.PostUpdateAsync(_http, _telegram.ButtonPress(greeting, peopleOnly["callback_data"]!.GetValue<string>()))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var replies = _telegram.SentMessages.Skip(1).Select(FakeTelegramBotApi.Visible).ToList();
        replies[0].ShouldStartWith("Verstanden: In diesem Gespräch antworten Ihnen nur noch Menschen, keine KI.");
        replies[1].ShouldContain("Darf die Person den bisherigen Gesprächsverlauf sehen?");
    }

    [Fact]
    public async Task An_ask_back_offers_inline_buttons_and_pressing_one_answers_from_that_service()
    {
        await PostAsync("Ausweis");
        var askBack = _telegram.SentMessages[^1];
        var buttons = FakeTelegramBotApi.Buttons(askBack);
        buttons.Count.ShouldBeGreaterThan(1);
        buttons.ShouldAllBe(button => Encoding.UTF8.GetByteCount(button["callback_data"]!.GetValue<string>()) <= 64);
        var chosen = buttons[1]["text"]!.GetValue<string>();

        var press = _telegram.ButtonPress(askBack, buttons[1]["callback_data"]!.GetValue<string>());
        (await FakeTelegramBotApi.PostUpdateAsync(_http, press)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _telegram.Calls.ShouldContain(call => call.Method == "answerCallbackQuery"
            && call.Body["callback_query_id"]!.GetValue<string>() == press["callback_query"]!["id"]!.GetValue<string>());
        var answer = _telegram.SentMessages[^1];
        FakeTelegramBotApi.Visible(answer).ShouldContain("KI-Antwort · Quelle: " + chosen);
    }

    [Fact]
    public async Task An_answer_offers_one_pair_of_thumbs_and_a_press_counts_as_feedback()
    {
        await PostAsync("Was kostet ein Reisepass?");
        var answer = _telegram.SentMessages[^1];
        var thumbs = FakeTelegramBotApi.Buttons(answer).Where(button => button["text"]!.GetValue<string>().StartsWith("👍", StringComparison.Ordinal)).ToList();
        thumbs.Count.ShouldBe(1);

        var press = _telegram.ButtonPress(answer, thumbs[0]["callback_data"]!.GetValue<string>());
        (await FakeTelegramBotApi.PostUpdateAsync(_http, press)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var figures = await _bot.Services.GetRequiredService<IUsageFigures>().SummariseAsync(today, today, CancellationToken.None);
        figures.Likes.ShouldBe(1);
        figures.Dislikes.ShouldBe(0);
    }

    [Fact]
    public async Task The_mensch_command_asks_for_consent_to_a_handoff()
    {
        await PostAsync("/mensch");

        var consent = _telegram.SentMessages[^1];
        FakeTelegramBotApi.Visible(consent).ShouldStartWith("Ich verbinde Sie mit einer Person aus der Stadtverwaltung.");
        FakeTelegramBotApi.Buttons(consent).Select(b => b["text"]!.GetValue<string>()).ShouldBe(["Ja", "Nein", "Abbrechen"]);
    }

    [Fact]
    public async Task The_history_command_deletes_what_was_said_and_confirms_it()
    {
        await PostAsync("Was kostet ein Reisepass?");

        await PostAsync("/verlauf_loeschen@StadtBot");

        FakeTelegramBotApi.Visible(_telegram.SentMessages[^1]).ShouldContain(Texts.Get(PrivacyTextKeys.HistoryDeleted, "de"));
        var store = _bot.Services.GetRequiredService<IConversationStore>();
        var said = await store.ReadAfterAsync(new ConversationKey("telegram", "4711"), -1, 10, CancellationToken.None);
        said.ShouldNotContain(stored => stored.Activity.Text == "Was kostet ein Reisepass?");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("", HttpStatusCode.Unauthorized)]
    [InlineData("webhook-secret-token-for-testz", HttpStatusCode.Forbidden)]
    [InlineData("webhook-secret-token-for-tests-but-longer", HttpStatusCode.Forbidden)]
    public async Task A_forged_webhook_call_is_refused_and_answers_nobody(string? secret, HttpStatusCode expected)
    {
        var response = await FakeTelegramBotApi.PostUpdateAsync(_http, _telegram.TextUpdate("Was kostet ein Reisepass?"), secret);

        response.StatusCode.ShouldBe(expected);
        _telegram.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_redelivered_update_is_processed_once()
    {
        var update = _telegram.TextUpdate("Was kostet ein Reisepass?");

        (await FakeTelegramBotApi.PostUpdateAsync(_http, update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FakeTelegramBotApi.PostUpdateAsync(_http, update)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _telegram.SentMessages.Count.ShouldBe(2, "greeting and answer, once");
    }

    [Fact]
    public async Task Edited_messages_and_unknown_update_kinds_are_acknowledged_and_ignored()
    {
        var edited = _telegram.TextUpdate("Was kostet ein Reisepass?");
        var message = edited["message"]!.AsObject();
        edited.Remove("message");
        message["edit_date"] = 1_764_000_100;
        edited["edited_message"] = message;
        var unknown = new JsonObject { ["update_id"] = _telegram.NextUpdateId(), ["future_update_kind"] = new JsonObject { ["id"] = 1 } };
        var poll = new JsonObject { ["update_id"] = _telegram.NextUpdateId(), ["poll_answer"] = new JsonObject { ["poll_id"] = "1", ["option_ids"] = new JsonArray(0) } };

        foreach (var update in new[] { edited, unknown, poll })
        {
            (await FakeTelegramBotApi.PostUpdateAsync(_http, update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        _telegram.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_update_without_chat_or_sender_is_acknowledged_and_ignored()
    {
        // Found by the fuzz test: a message without "chat" was a NullReferenceException (500), and Telegram retries a 500.
        var withoutChat = _telegram.TextUpdate("Was kostet ein Reisepass?");
        withoutChat["message"]!.AsObject().Remove("chat");
        var buttonWithoutSender = new JsonObject
        {
            ["update_id"] = _telegram.NextUpdateId(),
            ["callback_query"] = new JsonObject { ["id"] = "1", ["chat_instance"] = "1", ["data"] = "a1.0", ["message"] = _telegram.TextUpdate("x")["message"]!.DeepClone() },
        };

        foreach (var update in new[] { withoutChat, buttonWithoutSender })
        {
            (await FakeTelegramBotApi.PostUpdateAsync(_http, update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        _telegram.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_sticker_or_file_gets_a_polite_request_for_a_question_in_words()
    {
        await PostAsync("/start");
        var sticker = _telegram.MessageUpdate("sticker", new JsonObject
        {
            ["file_id"] = "CAACAgIAAxkBAAIB",
            ["file_unique_id"] = "AgAD",
            ["type"] = "regular",
            ["width"] = 512,
            ["height"] = 512,
            ["is_animated"] = false,
            ["is_video"] = false,
            ["emoji"] = "👍",
        });
        var document = _telegram.MessageUpdate("document", new JsonObject { ["file_id"] = "BQACAgIAAxkBAAIC", ["file_unique_id"] = "AgAE", ["file_name"] = "antrag.pdf" });

        (await FakeTelegramBotApi.PostUpdateAsync(_http, sticker)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FakeTelegramBotApi.PostUpdateAsync(_http, document)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var replies = _telegram.SentMessages.Skip(1).Select(FakeTelegramBotApi.Visible).ToList();
        replies.Count.ShouldBe(2);
        replies.ShouldAllBe(reply => reply.StartsWith("Ich habe keine Frage erkannt.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_body_is_refused_without_a_server_error()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/telegram") { Content = new StringContent("{\"update_id\": \"x\"", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", FakeTelegramBotApi.SecretToken);

        var response = await _http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        _telegram.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_a_secret_token_the_channel_is_off_and_the_bot_still_starts()
    {
        var settings = FakeTelegramBotApi.Settings(_telegram);
        settings["Channels:Telegram:SecretToken"] = null;
        using var bot = new CitizenBotFactory(settings: settings);
        using var http = bot.CreateClient();

        var response = await FakeTelegramBotApi.PostUpdateAsync(http, _telegram.TextUpdate("Hallo"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The tags Telegram's HTML parse mode accepts; anything else makes sendMessage fail.</summary>
    private static readonly string[] TelegramTags = ["b", "strong", "i", "em", "u", "s", "a", "code", "pre", "blockquote"];

    private Task<HttpResponseMessage> PostAsync(string text) => FakeTelegramBotApi.PostUpdateAsync(_http, _telegram.TextUpdate(text));

    public async Task DisposeAsync() => await _telegram.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _bot.Dispose();
    }
}
