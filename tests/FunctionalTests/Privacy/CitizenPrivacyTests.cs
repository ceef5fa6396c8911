using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Handoff;
using CitizenBot.Privacy;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.Privacy;

/// <summary>What a citizen who types personal data, asks what the bot is, or wants the history gone sees in the chat.</summary>
public sealed class CitizenPrivacyTests : IDisposable
{
    private readonly CitizenBotFactory _factory = new();

    [Fact]
    public async Task Personal_data_brings_one_kind_notice_and_the_question_is_still_answered()
    {
        var (client, id) = await StartAsync();
        const string First = "Ich heiße Jonas Berger, Tel. 0176 12345678. Ich habe meinen Personalausweis verloren, was muss ich tun?";

        var firstReplies = await AskAsync(client, id, First, expectedReplies: 2);
        var secondReplies = await AskAsync(client, id, "Und meine Tochter Mia Berger, geb. 04.02.2015, braucht einen Reisepass. Was kostet der?", expectedReplies: 1);

        firstReplies[0].Text().ShouldBe(Texts.Get(PrivacyTextKeys.PersonalDataNotice, "de"));
        (firstReplies[1].Text() ?? "").ShouldContain("Personalausweis");
        (firstReplies[1].Text() ?? "").ShouldNotContain("Jonas");
        secondReplies.ShouldHaveSingleItem().Text().ShouldNotBe(Texts.Get(PrivacyTextKeys.PersonalDataNotice, "de"));
        // The citizen's own transcript keeps what they wrote.
        var transcript = (await client.GetActivitiesAsync(id)).Activities();
        transcript.ShouldContain(activity => activity.Text() == First && !activity.IsFromBot());
    }

    [Fact]
    public async Task Asked_whether_it_is_a_person_the_bot_says_it_is_an_ai_system_and_offers_a_person()
    {
        var (client, id) = await StartAsync();

        var replies = await AskAsync(client, id, "Bist du eigentlich ein Mensch?", expectedReplies: 2);

        replies[0].Text().ShouldBe(Texts.Get(HandoffTextKeys.NotAPerson, "de"));
        (replies[0].Text() ?? "").ShouldContain("KI-System");
        replies[0].HasAiLabel().ShouldBeTrue();
        replies[1].Text().ShouldBe(Texts.Get(HandoffTextKeys.ConsentQuestion, "de"));
    }

    [Fact]
    public async Task Who_the_bot_is_is_answered_without_a_handoff()
    {
        var (client, id) = await StartAsync();

        var reply = (await AskAsync(client, id, "Wer bist du?", expectedReplies: 1)).ShouldHaveSingleItem();

        reply.Text().ShouldBe(Texts.Get(TextKeys.AiDisclosure, "de"));
    }

    [Fact]
    public async Task The_greeting_offers_to_delete_the_history_and_the_button_deletes_it_at_once()
    {
        var (client, id) = await StartAsync();
        var greeting = (await client.WaitForBotMessagesAsync(id, 1))[0];
        var button = greeting["suggestedActions"]!["actions"]!.AsArray().OfType<JsonObject>()
            .Single(action => action["title"]!.GetValue<string>() == Texts.Get(PrivacyTextKeys.DeleteHistory, "de"));
        await AskAsync(client, id, "Mein Name ist Jonas Berger. Was kostet ein Reisepass?", expectedReplies: 2);

        var confirmation = (await AskAsync(client, id, button["value"]!.GetValue<string>(), expectedReplies: 1)).ShouldHaveSingleItem();

        confirmation.Text().ShouldBe(Texts.Get(PrivacyTextKeys.HistoryDeleted, "de"));
        var stored = await ExportAsync(id);
        StoredTexts(stored).ShouldBe([Texts.Get(PrivacyTextKeys.HistoryDeleted, "de")]);
    }

    [Theory]
    [InlineData("Verlauf löschen, bitte!")]
    [InlineData("delete my history")]
    public async Task Typing_the_request_deletes_the_history_and_the_chat_goes_on(string request)
    {
        var (client, id) = await StartAsync();
        await AskAsync(client, id, "Was kostet ein Reisepass?", expectedReplies: 1);

        await AskAsync(client, id, request, expectedReplies: 1);
        var after = await AskAsync(client, id, "Was kostet ein Personalausweis?", expectedReplies: 1);

        after.ShouldHaveSingleItem().Text().ShouldNotBeNullOrWhiteSpace();
        var stored = await ExportAsync(id);
        StoredTexts(stored).ShouldNotContain("Was kostet ein Reisepass?");
    }

    [Fact]
    public async Task Staff_with_the_privacy_role_export_and_then_delete_one_conversation_and_the_audit_log_names_them()
    {
        var (client, id) = await StartAsync();
        await AskAsync(client, id, "Ich heiße Jonas Berger. Wie melde ich meinen Hund an?", expectedReplies: 2);
        var privacy = await _factory.SignedInClientAsync("privacy");

        var export = await ExportAsync(id);
        var deleted = await privacy.DeleteAsync($"/admin/conversations/{id}");
        var afterwards = await privacy.GetAsync($"/admin/conversations/{id}");

        export["conversationId"]!.GetValue<string>().ShouldBe(id);
        StoredTexts(export).ShouldContain("Ich heiße Jonas Berger. Wie melde ich meinen Hund an?");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        afterwards.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await privacy.DeleteAsync($"/admin/conversations/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var audit = Regex.Replace(WebUtility.HtmlDecode(await (await _factory.SignedInClientAsync("admin")).GetStringAsync("/admin/audit")), @">\s+<", "><");
        audit.ShouldContain($"<td>privacy</td><td data-action=\"conversation-deleted\">Gespräch gelöscht (deleted a conversation)</td><td>{id}</td>");
        audit.ShouldContain($"<td>privacy</td><td data-action=\"conversation-exported\">Gespräch exportiert (exported a conversation)</td><td>{id}</td>");
        audit.ShouldNotContain("Jonas");
    }

    public void Dispose() => _factory.Dispose();

    private CitizenTexts Texts => _factory.Services.GetRequiredService<CitizenTexts>();

    /// <summary>The texts of the activities an export holds, oldest first.</summary>
    private static List<string?> StoredTexts(JsonObject export) =>
        [.. export["conversations"]![0]!["activities"]!.AsArray().Select(entry => entry!["activity"]!["text"]?.GetValue<string>())];

    private async Task<JsonObject> ExportAsync(string id)
    {
        var response = await (await _factory.SignedInClientAsync("privacy")).GetAsync($"/admin/conversations/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<(DirectLineTestClient Client, string ConversationId)> StartAsync()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        return (client, (await client.StartConversationAsync()).ConversationId());
    }

    /// <summary>Posts a message and waits, bounded, for the given number of bot replies to it.</summary>
    private static async Task<List<JsonObject>> AskAsync(DirectLineTestClient client, string conversationId, string text, int expectedReplies)
    {
        var response = await client.PostMessageAsync(conversationId, text);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var posted = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var replies = (await client.GetActivitiesAsync(conversationId)).Activities().Where(candidate => candidate.IsBotReplyTo(posted)).ToList();
            if (replies.Count >= expectedReplies)
            {
                // A moment more, so an unexpected extra reply would show up too.
                await Task.Delay(200);
                return (await client.GetActivitiesAsync(conversationId)).Activities().Where(candidate => candidate.IsBotReplyTo(posted)).ToList();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The bot sent fewer than {expectedReplies} replies to '{text}'.");
    }
}
