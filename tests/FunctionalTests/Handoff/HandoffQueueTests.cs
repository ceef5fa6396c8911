using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Handoff;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>Consent, the queue with its positions and wait, cancelling, and what happens outside office hours or when nobody accepts.</summary>
public sealed class HandoffQueueTests : IDisposable
{
    private readonly HandoffBot _bot = new();

    [Theory]
    [InlineData("Ja")]
    [InlineData("Nein")]
    public async Task Either_consent_answer_puts_the_citizen_in_the_queue_with_position_and_estimated_wait(string answer)
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Mensch", "Gesprächsverlauf");

        await citizen.AskAsync(answer, "Warteschlange");
        var position = await citizen.WaitForTextAsync("Platz **1**");

        position.Text()!.ShouldContain("etwa **5 Minuten**");
        Citizen.Buttons(position).ShouldBe(["Abbrechen"]);
    }

    [Fact]
    public async Task The_handoff_initiate_event_carries_the_context_and_the_transcript_the_citizen_allowed()
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Was kostet ein Reisepass?", "Reisepass");
        await citizen.AskAsync("Mensch", "Gesprächsverlauf");
        await citizen.AskAsync("Ja", "Warteschlange");

        var initiate = (await citizen.AllAsync()).Single(a => a["type"]!.GetValue<string>() == "event" && a["name"]!.GetValue<string>() == "handoff.initiate");

        initiate["value"]!["reason"]!.GetValue<string>().ShouldBe("Request");
        initiate["value"]!["language"]!.GetValue<string>().ShouldBe("de");
        var attachment = initiate["attachments"]!.AsArray().Single()!;
        attachment["contentType"]!.GetValue<string>().ShouldBe("application/vnd.microsoft.activity.transcript");
        attachment["content"]!["activities"]!.AsArray().ShouldContain(a => a!["text"]!.GetValue<string>() == "Was kostet ein Reisepass?");
    }

    [Fact]
    public async Task Without_consent_the_transcript_starts_after_the_answer()
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Was kostet ein Reisepass?", "Reisepass");
        await citizen.AskAsync("Mensch", "Gesprächsverlauf");
        await citizen.AskAsync("Nein", "Warteschlange");

        var initiate = (await citizen.AllAsync()).Single(a => a["name"]?.GetValue<string>() == "handoff.initiate");

        initiate["value"]!["consentToHistory"]!.GetValue<bool>().ShouldBeFalse();
        initiate["attachments"]![0]!["content"]!["activities"]!.AsArray().ShouldNotContain(a => a!["text"]!.GetValue<string>() == "Was kostet ein Reisepass?");
    }

    [Fact]
    public async Task Another_answer_to_the_consent_question_is_asked_again()
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Mensch", "Gesprächsverlauf");

        var reminder = await citizen.AskAsync("Vielleicht?", "Bitte antworten Sie mit **Ja** oder **Nein**");

        Citizen.Buttons(reminder).ShouldBe(["Ja", "Nein", "Abbrechen"]);
    }

    [Fact]
    public async Task When_someone_ahead_cancels_the_next_citizen_is_told_the_new_position()
    {
        var first = await _bot.StartCitizenAsync();
        await first.AskAsync("Mensch", "Gesprächsverlauf");
        await first.AskAsync("Ja", "Warteschlange");
        await first.WaitForTextAsync("Platz **1**");
        var second = await _bot.StartCitizenAsync();
        await second.AskAsync("Mensch", "Gesprächsverlauf");
        await second.AskAsync("Ja", "Warteschlange");
        await second.WaitForTextAsync("Platz **2**");

        await first.AskAsync("abbrechen", "abgebrochen");

        await second.WaitForTextAsync("Platz **1**");
        var back = await first.AskAsync("Was kostet ein Reisepass?", "Reisepass");
        back.HasAiLabel().ShouldBeTrue("the bot answers again after cancelling");
    }

    [Fact]
    public async Task While_waiting_the_bot_gives_no_AI_answers_but_confirms_the_message_is_noted()
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Mensch", "Gesprächsverlauf");
        await citizen.AskAsync("Ja", "Warteschlange");

        await citizen.AskAsync("Es geht um meinen Reisepass", "notiert");

        (await citizen.BotMessagesAsync()).ShouldNotContain(m => m.Text()!.Contains("Mehr dazu"));
    }

    [Fact]
    public async Task Outside_office_hours_a_callback_is_offered_and_contact_data_is_kept_only_after_consent()
    {
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Mensch", "Gesprächsverlauf");

        var offer = await citizen.AskAsync("Ja", "außerhalb der Servicezeiten");
        offer.Text()!.ShouldContain("115");
        Citizen.Buttons(offer).ShouldBe(["Rückruf anfordern", "Abbrechen"]);
        await citizen.AskAsync("Rückruf anfordern", "nach 14 Tagen");
        await citizen.AskAsync("Ja", "Telefonnummer oder E-Mail-Adresse");
        await citizen.AskAsync("089 1234567, vormittags", "Rückrufwunsch ist notiert");

        var store = _bot.Services.GetRequiredService<HandoffStore>();
        var cases = await store.ListAsync([HandoffState.CallbackRequested], CancellationToken.None);
        (await store.CountCallbackRequestsAsync(cases.Single().Id, CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public async Task Refusing_to_leave_contact_data_stores_none_and_names_the_other_ways()
    {
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero));
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Mensch", "Gesprächsverlauf");
        await citizen.AskAsync("Ja", "außerhalb der Servicezeiten");
        await citizen.AskAsync("Rückruf anfordern", "nach 14 Tagen");

        var other = await citizen.AskAsync("Nein", "Ruppertstraße");

        other.Text()!.ShouldContain("115");
        var store = _bot.Services.GetRequiredService<HandoffStore>();
        var cancelled = (await store.ListAsync([HandoffState.Cancelled], CancellationToken.None)).Single();
        (await store.CountCallbackRequestsAsync(cancelled.Id, CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task When_nobody_accepts_in_time_the_citizen_is_offered_a_callback_and_a_failed_status()
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Mensch", "Gesprächsverlauf");
        await citizen.AskAsync("Ja", "Warteschlange");

        _bot.Time.Advance(TimeSpan.FromMinutes(16));
        await _bot.Services.GetRequiredService<HandoffTimeouts>().CheckAsync(CancellationToken.None);

        var offer = await citizen.WaitForTextAsync("konnte gerade niemand");
        Citizen.Buttons(offer).ShouldBe(["Rückruf anfordern", "Abbrechen"]);
        (await citizen.AllAsync()).ShouldContain(a => a["name"] != null && a["name"]!.GetValue<string>() == "handoff.status"
            && a["value"]!["state"]!.GetValue<string>() == "failed");
    }

    public void Dispose() => _bot.Dispose();
}
