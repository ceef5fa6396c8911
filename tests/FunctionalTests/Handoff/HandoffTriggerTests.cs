using CitizenBot.Conversation;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Handoff;
using CitizenBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>Every way a citizen reaches a person: asking, the button, choosing people only, the bot failing twice, a crisis.</summary>
public sealed class HandoffTriggerTests : IDisposable
{
    private readonly HandoffBot _bot = new();

    [Theory]
    [InlineData("de", "Ich möchte bitte mit einem Mensch reden", "Darf die Person den bisherigen Gesprächsverlauf sehen?")]
    [InlineData("de", "Wo ist mein Sachbearbeiter?", "Darf die Person den bisherigen Gesprächsverlauf sehen?")]
    [InlineData("de", "Ich will keinen Bot!", "Darf die Person den bisherigen Gesprächsverlauf sehen?")]
    [InlineData("de", "Mit einem Menschen sprechen", "Darf die Person den bisherigen Gesprächsverlauf sehen?")]
    [InlineData("en", "agent please", "May they see our conversation so far?")]
    [InlineData("en", "I want a human", "May they see our conversation so far?")]
    [InlineData("en", "Talk to a person", "May they see our conversation so far?")]
    public async Task Asking_for_a_person_in_German_or_English_is_answered_with_the_consent_question(string language, string request, string question)
    {
        var citizen = await _bot.StartCitizenAsync(language);

        var asked = await citizen.AskAsync(request, question);

        Citizen.Buttons(asked).Count.ShouldBe(3, "yes, no, cancel");
        asked.HasAiLabel().ShouldBeTrue("the bot's own question is still AI-labelled");
    }

    [Theory]
    [InlineData("de", "Mit einem Menschen sprechen")]
    [InlineData("en", "Talk to a person")]
    public async Task The_greeting_offers_the_button_to_talk_to_a_person(string language, string button)
    {
        var citizen = await _bot.StartCitizenAsync(language);

        var greeting = (await citizen.BotMessagesAsync())[0];

        Citizen.Buttons(greeting).ShouldContain(button);
    }

    [Fact]
    public async Task An_ordinary_question_is_answered_by_the_bot_not_passed_on()
    {
        var citizen = await _bot.StartCitizenAsync();

        var answer = await citizen.AskAsync("Was kostet ein Reisepass?", "Reisepass");

        answer.Text()!.ShouldNotContain("Gesprächsverlauf");
    }

    [Theory]
    [InlineData("de", "Ich denke an Suizid", "0800 111 0 111")]
    [InlineData("de", "Das ist ein Notfall", "112")]
    [InlineData("en", "There is violence at home", "0800 111 0 111")]
    public async Task Crisis_words_first_show_the_emergency_numbers_then_hand_off_with_priority(string language, string text, string number)
    {
        var waiting = await _bot.StartCitizenAsync();
        await waiting.AskAsync("Mensch", "Gesprächsverlauf");
        await waiting.AskAsync("Ja", "Platz **1**");
        var citizen = await _bot.StartCitizenAsync(language);

        var before = (await citizen.AllAsync()).Count;
        await citizen.SayAsync(text);
        var consent = await citizen.WaitForAsync(m => Citizen.Buttons(m).Count == 3);
        var replies = (await citizen.AllAsync()).Skip(before).Where(a => a.IsBotMessage()).ToList();
        replies[0].Text()!.ShouldContain(number);
        replies[0].Text()!.ShouldContain("110");
        replies[1].Id().ShouldBe(consent.Id());

        await citizen.AskAsync(language == "de" ? "Ja" : "Yes", "**1**");
        await waiting.WaitForTextAsync("Platz **2**");
    }

    [Fact]
    public async Task After_choosing_people_only_the_bot_gives_no_AI_answers_in_that_conversation()
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Ich möchte nur von Menschen bedient werden", "nur noch Menschen");
        await citizen.AskAsync("Abbrechen", "abgebrochen");

        var next = await citizen.AskAsync("Was kostet ein Reisepass?", "Gesprächsverlauf");

        (await citizen.BotMessagesAsync()).ShouldNotContain(m => m.Text()!.Contains("Mehr dazu"), "no AI answer after choosing people only");
        next.Text().ShouldNotBeNull();
    }

    [Fact]
    public async Task Two_abstentions_in_a_row_pass_the_citizen_on_but_an_answer_between_them_resets_the_count()
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Was kostet ein Reisepass?", "Reisepass");
        await citizen.AskAsync("Was kostet ein Personalausweis?", "Personalausweis");
        var handoff = _bot.Services.GetRequiredService<CitizenHandoff>();

        (await RecordAsync(handoff, citizen, abstained: true)).ShouldBeFalse();
        (await RecordAsync(handoff, citizen, abstained: false)).ShouldBeFalse();
        (await RecordAsync(handoff, citizen, abstained: true)).ShouldBeFalse();
        (await RecordAsync(handoff, citizen, abstained: true)).ShouldBeTrue();

        await citizen.WaitForTextAsync("Darf die Person den bisherigen Gesprächsverlauf sehen?");
    }

    [Fact]
    public async Task Two_negative_feedbacks_in_a_row_pass_the_citizen_on()
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Was kostet ein Reisepass?", "Reisepass");
        var handoff = _bot.Services.GetRequiredService<CitizenHandoff>();

        (await FeedbackAsync(handoff, citizen, negative: true)).ShouldBeFalse();
        (await FeedbackAsync(handoff, citizen, negative: true)).ShouldBeTrue();

        await citizen.WaitForTextAsync("Darf die Person den bisherigen Gesprächsverlauf sehen?");
    }

    // The answerer that marks abstentions and the feedback buttons arrive with other issues; their hooks are driven here as they will call them.
    private Task<bool> RecordAsync(CitizenHandoff handoff, Citizen citizen, bool abstained) =>
        WithLastTurnAsync(citizen, turn => handoff.RecordAnswerOutcomeAsync(turn, abstained, CancellationToken.None));

    private Task<bool> FeedbackAsync(CitizenHandoff handoff, Citizen citizen, bool negative) =>
        WithLastTurnAsync(citizen, turn => handoff.RecordFeedbackAsync(turn, negative, CancellationToken.None));

    private async Task<bool> WithLastTurnAsync(Citizen citizen, Func<TurnContext, Task<bool>> hook)
    {
        var store = _bot.Services.GetRequiredService<IConversationStore>();
        var key = new ConversationKey("directline", citizen.ConversationId);
        var conversation = (await store.FindAsync(key, CancellationToken.None))!;
        var lastQuestion = (await store.ReadAfterAsync(key, -1, 100, CancellationToken.None)).Last(a => a.Direction == ActivityDirection.Inbound);
        var turn = new TurnContext(lastQuestion.Activity, conversation, new ConversationState { Greeted = true }, _bot.Services.GetRequiredService<OutgoingPipeline>());
        return await hook(turn);
    }

    public void Dispose() => _bot.Dispose();
}
