using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.Privacy;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.UnitTests.Privacy;

/// <summary>Each recognizer's rule on examples of our own; the dev set's questions are checked in the quality tests.</summary>
public sealed class PersonalDataRedactorTests
{
    private static readonly KnowledgeDocument ParkingPermit = new(
        "1", "Anwohnerparkausweis beantragen", new Uri("https://example.org/1"), ["Parkausweis"], [], [], null, null, null, [],
        [new KnowledgeSection("Beschreibung", "Mit dem Anwohnerparkausweis parken Sie in Ihrem Viertel. Das Bürgerbüro Pasing in München hilft.")],
        "1.md", "hash");

    private static readonly OrdinaryWords Words = OrdinaryWords.Read(new KnowledgeSearchOptions(), new PrivacyOptions(), [ParkingPermit]);

    private readonly PersonalDataRedactor _redactor =
        PersonalDataRedactor.Create(Words, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("Rufen Sie mich unter 0176 12345678 zurück", "Rufen Sie mich unter [TELEFON] zurück")]
    [InlineData("Festnetz: 030 1234567, bitte abends", "Festnetz: [TELEFON], bitte abends")]
    [InlineData("my number is +44 20 7946 0958", "my number is [TELEFON]")]
    [InlineData("erreichbar unter +49 (0)89 2331-0000", "erreichbar unter [TELEFON]")]
    public void Phone_numbers_german_and_international_become_a_placeholder(string text, string expected) =>
        _redactor.Redact(text).Text.ShouldBe(expected);

    [Theory]
    [InlineData("Der Reisepass kostet 70,00 Euro und gilt 10 Jahre.")]
    [InlineData("Ich wohne seit 2019 in 80331 München.")]
    [InlineData("Ist die 115 auch am Samstag erreichbar?")]
    [InlineData("Mein Anwohnerparkausweis läuft am 30.06. ab, was nun?")]
    [InlineData("Ich habe am 15.01.2026 einen Termin im Bürgerbüro Pasing.")]
    [InlineData("Guten Tag, wo finde ich das Formular?")]
    [InlineData("Ich bin auf Platz 3 der Warteschlange.")]
    [InlineData("I am German and live in Munich.")]
    [InlineData("Hier ist mein Antrag, ist er vollständig?")]
    public void Everyday_questions_keep_every_word(string text)
    {
        var redacted = _redactor.Redact(text);

        redacted.Text.ShouldBe(text);
        redacted.HadPersonalData.ShouldBeFalse();
    }

    [Fact]
    public void An_email_address_becomes_a_placeholder() =>
        _redactor.Redact("Schreiben Sie an jonas.berger+amt@mail.example.org, danke").Text.ShouldBe("Schreiben Sie an [E-MAIL], danke");

    [Theory]
    [InlineData("IBAN: DE02 1203 0000 0000 2020 51 bitte", "IBAN: [IBAN] bitte")]
    [InlineData("account GB82 WEST 1234 5698 7654 32.", "account [IBAN].")]
    [InlineData("DE02120300000000202051", "[IBAN]")]
    public void An_iban_with_correct_check_digits_becomes_a_placeholder(string text, string expected) =>
        _redactor.Redact(text).Text.ShouldBe(expected);

    [Fact]
    public void An_iban_with_a_wrong_check_digit_is_no_iban() =>
        _redactor.Redact("DE03 1203 0000 0000 2020 51").FoundKinds.ShouldNotContain(Placeholders.Iban);

    [Theory]
    [InlineData("Meine Nummer beim Finanzamt: 86 095 742 719", "Meine Nummer beim Finanzamt: [STEUER-ID]")]
    [InlineData("ID 47151826305 gilt?", "ID [STEUER-ID] gilt?")]
    [InlineData("Steueridentifikationsnummer 12 345 678 901", "Steueridentifikationsnummer [STEUER-ID]")]
    public void A_tax_id_with_a_valid_check_digit_or_after_its_name_becomes_a_placeholder(string text, string expected) =>
        _redactor.Redact(text).Text.ShouldBe(expected);

    [Fact]
    public void Eleven_digits_without_check_digit_or_cue_are_no_tax_id() =>
        _redactor.Redact("Vorgang 12345678901 ist offen").FoundKinds.ShouldNotContain(Placeholders.TaxId);

    [Theory]
    [InlineData("Ausweis T22000129 verloren", "Ausweis [AUSWEISNUMMER] verloren")]
    [InlineData("Nummer T220001293 auf der Karte", "Nummer [AUSWEISNUMMER] auf der Karte")]
    [InlineData("Passnummer C01X00T47", "Passnummer [AUSWEISNUMMER]")]
    public void Id_card_and_passport_numbers_become_a_placeholder(string text, string expected) =>
        _redactor.Redact(text).Text.ShouldBe(expected);

    [Theory]
    [InlineData("Code T220001294 gilt")]
    [InlineData("Das KVR hat 12 Stellen")]
    public void Codes_that_fail_the_document_check_digit_or_have_no_digit_stay(string text) =>
        _redactor.Redact(text).FoundKinds.ShouldNotContain(Placeholders.IdentityDocument);

    [Theory]
    [InlineData("geboren am 3. März 2012 in Köln", "geboren am [GEBURTSDATUM] in Köln")]
    [InlineData("Geburtsdatum: 2015-05-17.", "Geburtsdatum: [GEBURTSDATUM].")]
    [InlineData("I was born on July 14, 1979.", "I was born on [GEBURTSDATUM].")]
    [InlineData("Unser Sohn (geb. 04.02.) kommt mit", "Unser Sohn (geb. [GEBURTSDATUM]) kommt mit")]
    [InlineData("seit dem 12.04.1961 verheiratet", "seit dem [GEBURTSDATUM] verheiratet")]
    [InlineData("seit 12/04/1970", "seit [GEBURTSDATUM]")]
    public void Dates_after_a_birth_cue_or_long_ago_become_a_placeholder(string text, string expected) =>
        _redactor.Redact(text).Text.ShouldBe(expected);

    [Theory]
    [InlineData("Ich wohne in der Lindwurmstraße 88, 80337 München.", "Ich wohne in der [ADRESSE].")]
    [InlineData("Leopoldstr. 12a, Hinterhaus", "[ADRESSE], Hinterhaus")]
    [InlineData("Umzug an den Goetheplatz 5 nach Giesing", "Umzug an den [ADRESSE] nach Giesing")]
    [InlineData("Wir ziehen in die Fürstenrieder Straße 270/2.", "Wir ziehen in die [ADRESSE].")]
    public void Street_and_house_number_become_a_placeholder(string text, string expected) =>
        _redactor.Redact(text).Text.ShouldBe(expected);

    [Theory]
    [InlineData("Mein Name ist Jonas Berger und ich ziehe um.", "Mein Name ist [NAME] und ich ziehe um.")]
    [InlineData("ich heiße Jürgen. Was kostet ein Pass?", "ich heiße [NAME]. Was kostet ein Pass?")]
    [InlineData("Hi, my name is Sarah O'Connor.", "Hi, my name is [NAME].")]
    [InlineData("Hier spricht Karolina Nowak aus Pasing", "Hier spricht [NAME] aus Pasing")]
    [InlineData("I'm Priya Sharma and need a residence permit", "I'm [NAME] and need a residence permit")]
    [InlineData("Bitte an Frau Obermaier weiterleiten", "Bitte an Frau [NAME] weiterleiten")]
    [InlineData("Mein Mann Dragan Petrović braucht einen Pass", "Mein Mann [NAME] braucht einen Pass")]
    public void Names_after_a_cue_or_as_two_unusual_capitalised_words_become_a_placeholder(string text, string expected) =>
        _redactor.Redact(text).Text.ShouldBe(expected);

    [Fact]
    public void A_name_is_hidden_wherever_it_recurs() =>
        _redactor.Redact("Ich heiße Lena Vogt. Kann Lena allein kommen?").Text.ShouldBe("Ich heiße [NAME]. Kann [NAME] allein kommen?");

    [Fact]
    public void Several_kinds_in_one_message_are_all_listed_once()
    {
        var redacted = _redactor.Redact("Mein Name ist Jonas Berger, Tel. 0176 12345678, Mail jonas@example.org, Handy 0151 23456789");

        redacted.Text.ShouldBe("Mein Name ist [NAME], Tel. [TELEFON], Mail [E-MAIL], Handy [TELEFON]");
        redacted.FoundKinds.ShouldBe([Placeholders.Name, Placeholders.Phone, Placeholders.Email]);
    }
}
