using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Conversation;
using CitizenBot.Conversation.Understanding;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Handoff;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.DirectLine;

/// <summary>Clients retry and citizens type fast: every message is stored and answered exactly once, in watermark order.</summary>
public sealed class RetryAndConcurrencyTests : IDisposable
{
    private readonly CitizenBotFactory _factory = new();

    [Fact]
    public async Task A_retried_post_with_the_same_clientActivityID_is_stored_and_answered_once()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();

        // Two questions the bot answers: two unanswered ones in a row would add the offer of a person to the reply.
        var first = await (await client.PostMessageAsync(id, "Was kostet ein Reisepass?", "retry-1")).ReadObjectAsync();
        var retried = await (await client.PostMessageAsync(id, "Was kostet ein Reisepass?", "retry-1")).ReadObjectAsync();
        var racing = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostMessageAsync(id, "Wie melde ich meinen Hund an?", "retry-2")));

        retried["id"]!.GetValue<string>().ShouldBe(first["id"]!.GetValue<string>());
        var racingIds = await Task.WhenAll(racing.Select(async r => (await r.ReadObjectAsync())["id"]!.GetValue<string>()));
        racingIds.Distinct().ShouldHaveSingleItem();
        var history = (await client.GetActivitiesAsync(id)).Activities();
        history.Count(a => a.Text() == "Was kostet ein Reisepass?").ShouldBe(1);
        history.Count(a => a.Text() == "Wie melde ich meinen Hund an?").ShouldBe(1);
        history.Count(a => a.IsBotReplyTo(first["id"]!.GetValue<string>())).ShouldBe(1);
        history.Count(a => a.IsBotReplyTo(racingIds[0])).ShouldBe(1);
    }

    [Fact]
    public async Task A_retry_of_a_message_stored_by_a_replica_that_died_before_answering_gets_exactly_one_answer()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();
        // What a replica leaves behind when it is killed between storing the message and running the turn.
        var store = _factory.Services.GetRequiredService<IConversationStore>();
        var conversation = (await store.FindAsync(DirectLineConversations.KeyOf(id), CancellationToken.None))!;
        var orphan = await store.AppendAsync(conversation.Key, ActivityDirection.Inbound, new Activity
        {
            Type = ActivityTypes.Message,
            Text = "Brauche ich einen Termin?",
            Locale = "de-DE",
            ChannelId = DirectLineConversations.ChannelId,
            ServiceUrl = conversation.ServiceUrl,
            Timestamp = DateTimeOffset.UtcNow,
            Conversation = new ConversationAccount { Id = id },
            From = new ChannelAccount { Id = conversation.UserId, Role = "user" },
            Recipient = new ChannelAccount { Id = "citizenbot", Role = "bot" },
            ChannelData = new JsonObject { ["clientActivityID"] = "orphan-1" },
        }, CancellationToken.None);
        // That turn had got as far as the handoff check, which left the message to the bot, when the process died.
        var firstTurn = new TurnContext(orphan.Stored.Activity, conversation, new ConversationState { Greeted = true }, _factory.Services.GetRequiredService<OutgoingPipeline>(), "de");
        var intent = await _factory.Services.GetRequiredService<CitizenUnderstanding>().UnderstandAsync(firstTurn.Activity, firstTurn.Activity.Text!, "de", CancellationToken.None);
        (await _factory.Services.GetRequiredService<CitizenHandoff>().TryHandleAsync(firstTurn, intent, CancellationToken.None)).ShouldBeFalse();

        var retried = await (await client.PostMessageAsync(id, "Brauche ich einen Termin?", "orphan-1")).ReadObjectAsync();
        var again = await (await client.PostMessageAsync(id, "Brauche ich einen Termin?", "orphan-1")).ReadObjectAsync();

        retried["id"]!.GetValue<string>().ShouldBe(orphan.Stored.Activity.Id);
        again["id"]!.GetValue<string>().ShouldBe(orphan.Stored.Activity.Id);
        var history = (await client.GetActivitiesAsync(id)).Activities();
        history.Count(a => a.Text() == "Brauche ich einen Termin?").ShouldBe(1);
        history.Count(a => a.IsBotReplyTo(orphan.Stored.Activity.Id!)).ShouldBe(1);
    }

    [Fact]
    public async Task Messages_posted_at_once_are_all_answered_after_exactly_one_greeting_with_consistent_watermarks()
    {
        // A conversation from tokens/generate that nobody started: the first messages race to trigger the greeting.
        var server = new DirectLineTestClient(_factory.CreateClient(), CitizenBotFactory.Secret);
        var generated = await (await server.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate")).ReadObjectAsync();
        var id = generated.ConversationId();
        var client = new DirectLineTestClient(_factory.CreateClient(), generated["token"]!.GetValue<string>());
        var questions = Enumerable.Range(1, 4).Select(i => $"Frage {i}").ToList();

        var responses = await Task.WhenAll(questions.Select(q => client.PostMessageAsync(id, q)));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var postedIds = await Task.WhenAll(responses.Select(async r => (await r.ReadObjectAsync())["id"]!.GetValue<string>()));
        postedIds.ShouldBeUnique();
        var set = await client.GetActivitiesAsync(id);
        var history = set.Activities();
        var greetings = history.Where(a => a.IsBotMessage() && a.Text()!.Contains("KI-System", StringComparison.Ordinal)).ToList();
        greetings.Count.ShouldBe(1, "the disclosure is shown once");
        var answers = history.Where(a => a.IsBotMessage()).Except(greetings).ToList();
        var greetingIndex = history.IndexOf(greetings[0]);
        foreach (var postedId in postedIds)
        {
            var question = history.FindIndex(a => a.Id() == postedId);
            question.ShouldBeGreaterThanOrEqualTo(0);
            answers.Count(a => a.ReplyToId() == postedId).ShouldBe(1, "each question is answered once");
            history.IndexOf(answers.Single(a => a.ReplyToId() == postedId)).ShouldBeGreaterThan(question, "each answer comes after its question");
            history.IndexOf(answers.Single(a => a.ReplyToId() == postedId)).ShouldBeGreaterThan(greetingIndex, "the disclosure comes before any answer");
        }

        var sequences = history.Select(Sequence).ToList();
        sequences.ShouldBe(sequences.Order().ToList());
        sequences.ShouldBeUnique();
        set.Watermark().ShouldBe(sequences.Max());
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>Activity ids are "{conversation}|{sequence}", the sequence being the watermark at which it was stored.</summary>
    private static long Sequence(JsonObject activity) => long.Parse(activity.Id().Split('|')[1], CultureInfo.InvariantCulture);
}
