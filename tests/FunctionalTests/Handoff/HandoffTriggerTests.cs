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
    [InlineData("de", "Jetzt mit einem Menschen sprechen", "Darf die Person den bisherigen Gesprächsverlauf sehen?")]
    [InlineData("en", "agent please", "May they see our conversation so far?")]
    [InlineData("en", "I want a human", "May they see our conversation so far?")]
    [InlineData("en", "Talk to a person now", "May they see our conversation so far?")]
    public async Task Asking_for_a_person_in_German_or_English_is_answered_with_the_consent_question(string language, string request, string question)
    {
        var citizen = await _bot.StartCitizenAsync(language);

        var asked = await citizen.AskAsync(request, question);

        Citizen.Buttons(asked).Count.ShouldBe(3, "yes, no, cancel");
        asked.HasAiLabel().ShouldBeTrue("the bot's own question is still AI-labelled");
    }

    [Theory]
    [InlineData("de", "Jetzt mit einem Menschen sprechen", "Nur Menschen, keine KI")]
    [InlineData("en", "Talk to a person now", "Only people, no AI")]
    public async Task The_greeting_offers_a_person_now_and_people_only(string language, string now, string peopleOnly)
    {
        var citizen = await _bot.StartCitizenAsync(language);

        var greeting = (await citizen.BotMessagesAsync())[0];

        Citizen.Buttons(greeting).Take(2).ShouldBe([now, peopleOnly]);
    }

    [Theory]
    [InlineData("de", "Nur Menschen, keine KI", "nur noch Menschen")]
    [InlineData("de", "Bitte ohne KI", "nur noch Menschen")]
    [InlineData("en", "Only people, no AI", "only people will answer you")]
    public async Task Choosing_people_only_by_button_or_in_words_is_confirmed_and_asks_for_consent(string language, string choice, string confirmed)
    {
        var citizen = await _bot.StartCitizenAsync(language);

        await citizen.AskAsync(choice, confirmed);

        var consent = await citizen.WaitForAsync(message => Citizen.Buttons(message).Count == 3);
        consent.Text()!.ShouldContain(language == "de" ? "Gesprächsverlauf" : "conversation so far");
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
    public async Task People_only_holds_after_staff_close_the_case_until_the_citizen_cancels()
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Nur Menschen, keine KI", "nur noch Menschen");
        await citizen.AskAsync("Ja", "Warteschlange");
        var caseId = (await citizen.AllAsync()).Single(a => a["name"]?.GetValue<string>() == "handoff.initiate")["value"]!["caseId"]!.GetValue<string>();
        var agent = await AgentDeskTests.SignInAsync(_bot, "agent1");
        (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).EnsureSuccessStatusCode();
        (await agent.PostAsync($"/api/agent/cases/{caseId}/close", null)).EnsureSuccessStatusCode();
        await citizen.WaitForTextAsync("Wenn Sie wieder schreiben, verbinde ich Sie erneut");

        await citizen.AskAsync("Was kostet ein Reisepass?", "Gesprächsverlauf");
        (await citizen.BotMessagesAsync()).ShouldNotContain(m => m.Text()!.Contains("Mehr dazu"), "no AI answer while people only holds");
        await citizen.AskAsync("Abbrechen", "abgebrochen");
        var answer = await citizen.AskAsync("Was kostet ein Reisepass?", "Mehr dazu");

        answer.HasAiLabel().ShouldBeTrue("after cancelling, the assistant answers again");
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
        var turn = new TurnContext(lastQuestion.Activity, conversation, new ConversationState { Greeted = true }, _bot.Services.GetRequiredService<OutgoingPipeline>(), "de");
        return await hook(turn);
    }

    public void Dispose() => _bot.Dispose();
}
