using CitizenBot.Answering;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CitizenBot.UnitTests.Answering;

public sealed class KnowledgeAnswererTests
{
    private static readonly KnowledgeDocument Passport = Document("1", "Reisepass beantragen", ["Pass"],
        ("Beschreibung", "Einen Reisepass beantragen Sie persönlich im Bürgerbüro."),
        ("Gebühren", "Der Reisepass kostet 70 Euro."),
        ("Zuständige Stellen", "Bürgerbüro Ruppertstraße, Ruppertstraße 19, 80337 München"));

    private static readonly KnowledgeDocument IdCard = Document("2", "Personalausweis beantragen", ["Perso"],
        ("Beschreibung", "Den Personalausweis beantragen Sie im Bürgerbüro. Bei Verlust melden Sie ihn zuerst."),
        ("Gebühren", "Der Personalausweis kostet 37 Euro."));

    private static readonly KnowledgeDocument Dog = Document("3", "Hundesteuer anmelden", [],
        ("Beschreibung", "Wer einen Hund hält, meldet ihn zur Hundesteuer an."),
        ("Gebühren", "Die Hundesteuer beträgt 100 Euro im Jahr."));

    private readonly KnowledgeAnswerer _answerer = Answerer(Passport, IdCard, Dog);

    [Theory]
    [InlineData("Was kostet der Reisepass? Привет 你好 مرحبا")]
    [InlineData("reisepass 🙂 kosten")]
    public void Mixed_scripts_and_emoji_around_a_question_still_find_the_service(string text)
    {
        var answer = _answerer.Answer(new Question(text, "de"));

        answer.Kind.ShouldBe(AnswerKind.Service);
        answer.Text.ShouldContain("70 Euro");
    }

    [Fact]
    public void A_very_long_question_gets_a_reply()
    {
        var text = string.Concat(Enumerable.Repeat("Reisepass Gebühren Hund Ausweis Wetter ", 60))[..2000];

        var answer = _answerer.Answer(new Question(text, "de"));

        answer.Text.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_cost_question_quotes_the_fee_and_cites_the_service()
    {
        var answer = _answerer.Answer(new Question("Was kostet ein Reisepass?", "de"));

        answer.Kind.ShouldBe(AnswerKind.Service);
        answer.Text.ShouldContain("70 Euro");
        answer.Text.ShouldContain("Mehr dazu");
        answer.Citations.Single().KnowledgeId.ShouldBe("1");
        answer.Citations.Single().Url.ShouldBe(Passport.Url);
    }

    [Fact]
    public void Compounds_and_typos_find_the_service()
    {
        _answerer.Answer(new Question("personalausweisverlust", "de")).RankedServiceIds[0].ShouldBe("2");
        _answerer.Answer(new Question("hundesteur", "de")).RankedServiceIds[0].ShouldBe("3");
    }

    [Fact]
    public void An_unsure_ranking_offers_the_leading_services_instead_of_guessing()
    {
        var unsure = Answerer(new AnsweringOptions { AnswerFromConfidence = 0.99 }, Passport, IdCard, Dog);

        var answer = unsure.Answer(new Question("Ausweis oder Pass beantragen", "de"));

        answer.Kind.ShouldBe(AnswerKind.AskBack);
        answer.Citations.ShouldBeEmpty();
        answer.Choices.Select(choice => choice.KnowledgeId).ShouldBe(["1", "2"], ignoreOrder: true);
    }

    [Fact]
    public void The_runners_up_of_the_last_answer_are_offered_on_request()
    {
        var answer = _answerer.Answer(new Question("Was kostet ein Reisepass?", "de") { Alternatives = ["2", "3"] });

        answer.Kind.ShouldBe(AnswerKind.AskBack);
        answer.Choices.Select(choice => choice.KnowledgeId).ShouldBe(["2", "3"]);
    }

    [Fact]
    public void An_english_question_gets_the_german_source_in_an_english_frame()
    {
        var answer = _answerer.Answer(new Question("How much does a passport cost?", "en"));

        answer.Kind.ShouldBe(AnswerKind.Service);
        answer.Text.ShouldContain("German service description");
        answer.Text.ShouldContain("70 Euro");
    }

    [Fact]
    public void A_chosen_service_is_answered_from_that_service()
    {
        var answer = _answerer.Answer(new Question("Was kostet das?", "de", KnowledgeId: "3"));

        answer.Citations.Single().KnowledgeId.ShouldBe("3");
        answer.Text.ShouldContain("100 Euro");
    }

    [Fact]
    public void The_sibling_whose_editor_situation_the_citizen_describes_comes_first()
    {
        var regular = Document("10", "Reisepass", ["Pass beantragen"], ("Beschreibung", "Den Reisepass beantragen Sie im Bürgerbüro. Er ist zehn Jahre gültig.")) with
        {
            Situations = ["Pass abgelaufen", "Fernreise geplant"],
        };
        var urgent = Document("11", "Vorläufiger Reisepass", ["Notpass"], ("Beschreibung", "Der vorläufige Reisepass wird sofort ausgestellt, wenn die Zeit für einen Reisepass nicht reicht.")) with
        {
            Situations = ["morgen in den Urlaub, kein Pass", "Pass kurz vor Abflug abgelaufen"],
        };
        var siblings = Answerer(regular, urgent, Dog);

        siblings.Answer(new Question("Wir fliegen morgen in den Urlaub und ich habe keinen Pass!", "de")).RankedServiceIds[0].ShouldBe("11");
        siblings.Answer(new Question("Mein Pass ist abgelaufen, ich plane eine Fernreise.", "de")).RankedServiceIds[0].ShouldBe("10");
    }

    [Theory]
    [InlineData("Ich will mein Gewerbe abmelden.", "21")]
    [InlineData("Wie melde ich mein Gewerbe ab?", "21")]
    [InlineData("Ich möchte ein Gewerbe anmelden.", "20")]
    public void Verbs_find_the_service_named_by_their_noun_even_when_german_splits_them(string question, string expected)
    {
        var registration = Document("20", "Gewerbe-Anmeldung", [], ("Beschreibung", "Die Anmeldung eines Gewerbes ist vor Beginn der Tätigkeit nötig."));
        var deregistration = Document("21", "Gewerbe-Abmeldung", [], ("Beschreibung", "Die Abmeldung eines Gewerbes ist nach der Aufgabe des Betriebs nötig."));
        var trade = Answerer(registration, deregistration, Dog);

        trade.Answer(new Question(question, "de")).RankedServiceIds[0].ShouldBe(expected);
    }

    [Fact]
    public void Asked_how_long_something_is_valid_the_answer_quotes_the_sentence_that_says_so()
    {
        var filler = string.Join(' ', Enumerable.Repeat("Den vorläufigen Reisepass beantragen Sie im Bürgerbüro Ihrer Wahl.", 13));
        var urgent = Document("40", "Vorläufiger Reisepass", ["Notpass"],
            ("Beschreibung", $"{filler}\n\nEinen vorläufigen Reisepass nehmen Sie sofort mit. {filler}\n\nDieses Dokument ist ein Jahr gültig."));

        var answer = Answerer(urgent, Passport, Dog).Answer(new Question("Und wie lange gilt so ein vorläufiger Reisepass dann?", "de"));

        answer.Kind.ShouldBe(AnswerKind.Service);
        answer.Text.ShouldContain("ein Jahr gültig");
    }

    [Fact]
    public void Asked_when_the_answer_quotes_the_sentence_with_the_days_and_times()
    {
        var filler = string.Join(' ', Enumerable.Repeat("Die Ausgabe der Parkausweise erfolgt nur mit Termin im Bürgerbüro.", 13));
        var permits = Document("50", "Bewohnerparkausweis", [],
            ("Beschreibung", $"{filler}\n\nNeue Termine werden dienstags und freitags um 7.30 Uhr freigeschaltet."),
            ("Zuständige Stellen", "### Bürgerbüro Ruppertstraße\n- Adresse: Ruppertstraße 19, 80337 München"));

        var answer = Answerer(permits, Passport, Dog).Answer(new Question("Wann gibt es neue Termine für den Bewohnerparkausweis?", "de"));

        answer.Text.ShouldContain("dienstags und freitags um 7.30 Uhr");
        answer.Text.ShouldContain("Ruppertstraße 19");
    }

    [Theory]
    [InlineData("Brauche ich für einen Parkausweis für Handwerker einen Termin?", AnswerKind.Service)]
    [InlineData("Brauche ich für einen Parkausweis einen Termin?", AnswerKind.AskBack)]
    public void A_question_that_names_the_narrower_of_two_close_services_is_answered_from_it(string question, AnswerKind expected)
    {
        var broad = Document("60", "Parkausweis", [], ("Beschreibung", "Einen Parkausweis beantragen Sie mit Termin."));
        var narrow = Document("61", "Parkausweis für Handwerker", [], ("Beschreibung", "Handwerker beantragen den Parkausweis mit Termin."));
        // Every runner-up counts as close: only the naming decides.
        var closeCalls = Answerer(new AnsweringOptions { AnswerFromConfidence = 0, AskBackScoreRatio = 0.001 }, broad, narrow, Dog);

        var answer = closeCalls.Answer(new Question(question, "de"));

        answer.Kind.ShouldBe(expected);
        if (expected == AnswerKind.Service)
        {
            answer.Citations.Single().KnowledgeId.ShouldBe("61");
        }
    }

    [Fact]
    public void A_described_service_beats_an_undescribed_sibling_that_matches_as_well()
    {
        var described = Document("20", "Personalausweis beantragen", [], ("Beschreibung", "Den Personalausweis beantragen Sie im Bürgerbüro."));
        var undescribed = Document("21", "Personalausweis beantragen (Selbstbedienung)", [], ("Beschreibung", "Personalausweis beantragen.")) with
        {
            Flags = ["no-description"],
        };

        Answerer(undescribed, described, Dog).Answer(new Question("Personalausweis beantragen", "de")).RankedServiceIds[0].ShouldBe("20");
    }

    [Fact]
    public void A_personal_name_in_the_question_does_not_hide_the_service()
    {
        var named = _answerer.Answer(new Question("Hallo, hier Stefan Kowalczyk: Was kostet ein Reisepass?", "de"));
        var plain = _answerer.Answer(new Question("Hallo, hier: Was kostet ein Reisepass?", "de"));

        named.RankedServiceIds[0].ShouldBe("1");
        named.Confidence.ShouldBe(plain.Confidence, tolerance: 0.01);
    }

    [Fact]
    public void An_unknown_place_still_counts_against_the_answer()
    {
        var answer = _answerer.Answer(new Question("Was kostet die Hundesteuer in Regensburg und Passau?", "de"));

        answer.Confidence.ShouldBeLessThan(_answerer.Answer(new Question("Was kostet die Hundesteuer?", "de")).Confidence);
    }

    private static KnowledgeDocument Document(string id, string title, IReadOnlyList<string> synonyms, params (string Heading, string Markdown)[] sections) =>
        new(id, title, new Uri($"https://stadt.example/service/{id}/"), synonyms, [], [], null, null, null, [],
            [.. sections.Select(section => new KnowledgeSection(section.Heading, section.Markdown))], $"{id}.md", id);

    // The confidence model is fitted on the whole catalogue; on three services its scale means nothing, so these tests answer whenever they can.
    private static KnowledgeAnswerer Answerer(params KnowledgeDocument[] documents) => Answerer(new AnsweringOptions { AnswerFromConfidence = 0 }, documents);

    private static KnowledgeAnswerer Answerer(AnsweringOptions settings, params KnowledgeDocument[] documents)
    {
        var words = new CitizenWords(Options.Create(new KnowledgeSearchOptions { ThesaurusPath = null }));
        var search = new LuceneKnowledgeSearch(new FixedKnowledge(documents), words, NullLogger<LuceneKnowledgeSearch>.Instance);
        var texts = ShippedTexts.Create();
        var options = Options.Create(settings);
        return new KnowledgeAnswerer(search, new AnswerComposer(texts, options), texts, options);
    }

    private sealed class FixedKnowledge(IReadOnlyList<KnowledgeDocument> documents) : IKnowledgeBase
    {
        public KnowledgeSnapshot Current { get; } = new(documents, 1, DateTimeOffset.UnixEpoch);

        public event EventHandler<KnowledgeSnapshot>? Changed
        {
            add { }
            remove { }
        }
    }
}
