using CitizenBot.Conversation.Understanding;

namespace CitizenBot.UnitTests.Conversation;

/// <summary>Requests for a person are recognised by word classes joined by rules, not by phrases; a person as a service's subject is no request.</summary>
public sealed class PersonRequestTests
{
    [Theory]
    [InlineData("Ich möchte mit einem Menschen sprechen.")]
    [InlineData("Kann ich bitte mit jemandem von der Stadt reden?")]
    [InlineData("Verbinden Sie mich mit dem Standesamt.")]
    [InlineData("Stellen Sie mich bitte zur Zulassungsstelle durch")]
    [InlineData("Bitte leiten Sie mich an eine Sachbearbeiterin weiter")]
    [InlineData("Rückruf bitte")]
    [InlineData("Kann mich jemand zurückrufen?")]
    [InlineData("Kann mir ein echter Mensch helfen?")]
    [InlineData("Wer kann mir da weiterhelfen, wer kann mich beraten?")]
    [InlineData("MITARBEITER!!!")]
    [InlineData("mitarbiter bitte")]
    [InlineData("Einen Menschen, sofort.")]
    [InlineData("Ich will keinen Bot mehr.")]
    [InlineData("Sie verstehen mich einfach nicht.")]
    [InlineData("Das bringt doch nichts hier")]
    [InlineData("Ich möchte mich bei einem Verantwortlichen beschweren.")]
    [InlineData("Gibt es eine Ansprechperson, mit der ich direkt chatten kann?")]
    [InlineData("Zum Kundenservice bitte.")]
    [InlineData("Ich hätte gern ein persönliches Gespräch mit meinem Sachbearbeiter.")]
    [InlineData("Wie erreiche ich einen Mitarbeiter der Ausländerbehörde?")]
    [InlineData("Ist gerade jemand erreichbar?")]
    [InlineData("Es wäre mir lieb, wenn sich eine Sachbearbeiterin bei mir meldet.")]
    [InlineData("I mog mit am Menschn redn.")]
    [InlineData("Des bringt mi ned weiter.")]
    public void German_requests_for_a_person_are_recognised(string text) => Understanding.Of(text).Kind.ShouldBe(IntentKind.AskForPerson, text);

    [Theory]
    [InlineData("I want to talk to a human.")]
    [InlineData("Can I speak to someone from the city?")]
    [InlineData("Please transfer me to an agent")]
    [InlineData("Could someone call me back?")]
    [InlineData("human please")]
    [InlineData("pls get me a humna")]
    [InlineData("You don't understand me at all.")]
    [InlineData("I don't want to talk to a computer.")]
    [InlineData("Is anyone from the registry office available to chat?")]
    [InlineData("Is there someone with a pulse I can talk to?")]
    [InlineData("I'd like an employee to reach out to me about my application.")]
    public void English_requests_for_a_person_are_recognised(string text) => Understanding.Of(text, "en").Kind.ShouldBe(IntentKind.AskForPerson, text);

    [Theory]
    [InlineData("Bist du ein Mensch?", "de")]
    [InlineData("Rede ich hier mit einer Maschine?", "de")]
    [InlineData("Ist da jemand Echtes?", "de")]
    [InlineData("Am I talking to a bot?", "en")]
    public void Asking_whether_a_person_answers_offers_one_and_says_what_the_bot_is(string text, string language)
    {
        var intent = Understanding.Of(text, language);

        intent.Kind.ShouldBe(IntentKind.AskForPerson, text);
        intent.AsksWhatTheBotIs.ShouldBeTrue(text);
    }

    [Theory]
    [InlineData("Parkausweis für Menschen mit Behinderung")]
    [InlineData("Kann eine andere Person meinen Ausweis abholen?")]
    [InlineData("Auskunft aus dem Gewerbezentralregister für juristische Personen")]
    [InlineData("Im Formular steht Kontaktperson, was trage ich da ein?")]
    [InlineData("Was kostet die Einbürgerung pro Person?")]
    [InlineData("Muss ich persönlich erscheinen oder reicht eine Vollmacht?")]
    [InlineData("Muss ich vorher mit dem Standesamt sprechen?")]
    [InlineData("Spricht im Bürgerbüro jemand Türkisch?")]
    [InlineData("Ich möchte einen neuen Mitarbeiter beim Gewerbeamt anmelden.")]
    [InlineData("Ich will nicht mit einem Menschen sprechen, sag mir einfach die Gebühr.")]
    [InlineData("Kann ich die Ummeldung mit der Änderung im Ausweis verbinden?")]
    [InlineData("Wie rufe ich das Bürgerbüro an?")]
    [InlineData("Ich komme morgen vorbei.")]
    [InlineData("Meldet sich das Standesamt bei mir, wenn die Urkunde fertig ist?")]
    [InlineData("Kann ich mit KI-generierten Fotos einen Pass beantragen? Nein, oder?")]
    public void German_service_questions_that_mention_people_are_no_request(string text) => Understanding.Of(text).HandsOver.ShouldBeFalse(text);

    [Theory]
    [InlineData("Do I have to pick up my hunting licence in person?")]
    [InlineData("Can someone else pick up my passport for me?")]
    [InlineData("Parking permit for people with disabilities")]
    [InlineData("My colleague told me about this chat.")]
    [InlineData("When is the next S-Bahn strike?")]
    public void English_questions_that_mention_people_are_no_request(string text) => Understanding.Of(text, "en").HandsOver.ShouldBeFalse(text);

    [Theory]
    [InlineData("Nur mit einem Menschen, ohne KI bitte.", "de")]
    [InlineData("Mein Antrag soll nur von Menschen bearbeitet werden.", "de")]
    [InlineData("Geht das auch ganz ohne KI?", "de")]
    [InlineData("humans only, no AI", "en")]
    [InlineData("KI? Nein danke.", "de")]
    [InlineData("Ab jetzt bitte nur noch Menschen.", "de")]
    public void People_only_is_recognised(string text, string language) => Understanding.Of(text, language).Kind.ShouldBe(IntentKind.PeopleOnly, text);

    [Theory]
    [InlineData("Dürfen nur Personen über 18 einen Antrag stellen?")]
    [InlineData("Darf nur eine Person zum Termin mitkommen?")]
    public void Only_with_a_person_as_a_rule_of_a_service_is_no_people_only(string text) => Understanding.Of(text).Kind.ShouldNotBe(IntentKind.PeopleOnly, text);
}
