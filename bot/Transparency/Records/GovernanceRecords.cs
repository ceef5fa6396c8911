using System.Globalization;
using CitizenBot.Transparency.Register;

namespace CitizenBot.Transparency.Records;

/// <summary>
/// The data protection and council documents, written from the register record so they say what the running system does:
/// the GDPR Art. 30 record of processing, the inputs of a data protection impact assessment, and the description of the automated system.
/// </summary>
public static class GovernanceRecords
{
    public const string Processing = "processing";
    public const string ImpactAssessment = "dpia";
    public const string AutomatedSystem = "automated-system";

    public static IReadOnlyList<string> Ids { get; } = [Processing, ImpactAssessment, AutomatedSystem];

    public static IReadOnlyList<string> Formats { get; } = ["md", "json", "html"];

    public static GovernanceRecord Build(string id, RegisterRecord register, string language)
    {
        ArgumentNullException.ThrowIfNull(register);
        var writer = new RecordWriter(register, language);
        return id switch
        {
            Processing => writer.ProcessingRecord(),
            ImpactAssessment => writer.ImpactAssessmentInputs(),
            AutomatedSystem => writer.AutomatedSystemDescription(),
            _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown record"),
        };
    }

    /// <summary>The JSON schema each record's JSON form follows, such as processing.schema.json; shipped inside the assembly.</summary>
    public static string SchemaFileName(string id) => $"{id}.schema.json";

    /// <summary>The embedded schema a file name asks for, or null when it names none.</summary>
    public static string? SchemaResource(string file) => Ids.FirstOrDefault(id => SchemaFileName(id) == file) is { } known ? SchemaFileName(known) : null;

    /// <summary>The file a record is written to and served as, such as processing.de.md.</summary>
    public static string FileName(string id, string language, string format) => $"{id}.{language}.{format}";

    public static string Render(GovernanceRecord record, string format)
    {
        ArgumentNullException.ThrowIfNull(record);
        return format switch
        {
            "md" => record.ToMarkdown(),
            "json" => record.ToJson(),
            "html" => record.ToHtml(),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format"),
        };
    }

    public static string ContentType(string format) => format switch
    {
        "md" => "text/markdown; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };

    private sealed class RecordWriter(RegisterRecord register, string language)
    {
        private bool German => language == "de";

        private string Say(string german, string english) => German ? german : english;

        private RecordEntry Text(string key, string label, LocalText text) =>
            new(key, label, [text.In(language)], text.In(language) == LocalText.NotProvided.In(language));

        private static RecordEntry Fact(string key, string label, params string[] values) => new(key, label, values, false);

        private RecordEntry Missing(string key, string label) => new(key, label, [LocalText.NotProvided.In(language)], true);

        private RecordSection Controller() => new("controller", Say("Verantwortliche Stelle", "Controller"),
        [
            Fact("organisation", Say("Organisation", "Organisation"), register.Organisation),
            Fact("office", Say("Zuständige Stelle", "Responsible office"), register.Team),
            Text("senior_responsible_owner", Say("Verantwortliche Rolle", "Senior responsible owner"), register.SeniorResponsibleOwner),
            Fact("contact", Say("Kontakt", "Contact"), $"{register.Contact.Email}, {register.Contact.Phone}"),
            Text("data_protection_officer", Say("Datenschutzbeauftragte Stelle", "Data protection officer"), register.Contact.DataProtectionOfficer),
        ]);

        private RecordEntry ModelEntry() => register.Model.UsesLanguageModel
            ? new RecordEntry("model", Say("Sprachmodell", "Language model"),
                [$"{register.Model.Model}", $"{Say("Anbieter", "Provider")}: {register.Model.Provider!.In(language)}", $"{Say("Betrieb", "Hosted")}: {register.Model.Hosting!.In(language)}"],
                register.Model.Provider!.In(language) == LocalText.NotProvided.In(language) || register.Model.Hosting!.In(language) == LocalText.NotProvided.In(language))
            : Fact("model", Say("Sprachmodell", "Language model"), register.Model.Statement!.In(language));

        private RecordEntry Retention() => register.PersonalData.ConversationRetentionDays is { } days
            ? Fact("conversation_retention", Say("Löschfrist Gespräche", "Conversations deleted after"), Say($"{days} Tage nach der letzten Nachricht", $"{days} days after the last message"))
            : Missing("conversation_retention", Say("Löschfrist Gespräche", "Conversations deleted after"));

        private string[] MeasuresAsBuilt()
        {
            var measures = new List<string>
            {
                Say("Jede Nachricht des Assistenten ist als KI-generiert gekennzeichnet; der Begrüßungstext legt offen, dass kein Mensch antwortet.",
                    "Every assistant message is labelled as AI-generated; the greeting discloses that no person is answering."),
                Say("Protokolle enthalten keine Nachrichtentexte.", "Logs contain no message text."),
                Say("Der Zugangsschlüssel des Chats bleibt auf dem Server; der Browser erhält nur ein auf ein Gespräch beschränktes Token.",
                    "The chat's secret stays on the server; the browser only gets a token bound to one conversation."),
                Say("Verwaltungsseiten (/admin) nur vom Server selbst oder hinter einem prüfenden Reverse Proxy erreichbar.",
                    "Admin pages (/admin) are reachable only from the server itself or behind a reverse proxy that checks who asks."),
                Say("Mitarbeitende sehen den bisherigen Verlauf nur mit Einwilligung der Bürgerin oder des Bürgers.",
                    "Staff see the earlier transcript only with the citizen's consent."),
                Say($"Kontaktdaten für Rückrufe werden nach {register.PersonalData.CallbackRetentionDays} Tagen gelöscht.",
                    $"Callback contact details are deleted after {register.PersonalData.CallbackRetentionDays} days."),
            };
            measures.Add(register.PersonalData.Redaction
                ? Say("Erkannte persönliche Daten werden vor Protokollen, Auswertungen und dem Sprachmodell geschwärzt.", "Recognised personal data is redacted before logs, analytics and the language model.")
                : Say("Keine automatische Schwärzung persönlicher Daten eingerichtet.", "No automatic redaction of personal data installed."));
            if (register.PersonalData.ConversationRetentionDays is { } days)
            {
                measures.Add(Say($"Gespräche werden {days} Tage nach der letzten Nachricht automatisch gelöscht.", $"Conversations are deleted automatically {days} days after the last message."));
            }

            return [.. measures];
        }

        public GovernanceRecord ProcessingRecord() => new(
            Processing, language,
            Say("Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO): digitaler Assistent", "Record of processing activities (GDPR Art. 30): digital assistant"),
            Say("Aus der Konfiguration und dem laufenden System erzeugt. Fehlende Angaben sind als „nicht angegeben“ markiert.",
                "Generated from the configuration and the running system. Missing statements are marked \"not provided\"."),
            register.GeneratedAt,
            [
                Controller(),
                new("processing", Say("Verarbeitung", "Processing"),
                [
                    Text("name", Say("Bezeichnung", "Name"), register.Name),
                    Text("purposes", Say("Zwecke", "Purposes"), register.Description),
                    Text("legal_basis", Say("Rechtsgrundlage", "Legal basis"), register.LegalBasis),
                    Text("categories", Say("Kategorien betroffener Personen und Daten", "Categories of data subjects and data"), register.PersonalData.Categories),
                    Text("recipients", Say("Empfänger", "Recipients"), register.PersonalData.Recipients),
                    ModelEntry(),
                    Text("hosting", Say("Betrieb", "Hosting"), register.Hosting),
                ]),
                new("retention", Say("Löschfristen", "Retention"),
                [
                    Retention(),
                    Fact("callback_retention", Say("Löschfrist Rückrufwünsche", "Callback requests deleted after"), Say($"{register.PersonalData.CallbackRetentionDays} Tage", $"{register.PersonalData.CallbackRetentionDays} days")),
                ]),
                new("measures", Say("Technische und organisatorische Maßnahmen (wie gebaut)", "Technical and organisational measures (as built)"),
                [
                    Fact("technical", Say("Maßnahmen", "Measures"), MeasuresAsBuilt()),
                    Text("final_responsibility", Say("Organisatorisch", "Organisational"), register.HumanInvolvement.FinalResponsibility),
                ]),
            ]);

        public GovernanceRecord ImpactAssessmentInputs()
        {
            var flows = new List<string>
            {
                Say("Browser (Chat-Widget) → Direct-Line-Schnittstelle des Assistenten (Nachrichtentext, Sprache, Gesprächskennung)",
                    "Browser (chat widget) → the assistant's Direct Line API (message text, language, conversation id)"),
                register.DataSources.Storage == "postgresql"
                    ? Say("Assistent → PostgreSQL-Datenbank der Stadt, von allen Instanzen geteilt (Gesprächsverlauf bis zur Löschung)", "Assistant → the city's PostgreSQL database, shared by all instances (transcript until deletion)")
                    : Say("Assistent → eigene SQLite-Datei auf dem Server der Stadt (Gesprächsverlauf bis zur Löschung)", "Assistant → its own SQLite file on the city's server (transcript until deletion)"),
                Say($"Assistent → Wissensordner „{register.DataSources.KnowledgeFolder}“ (nur lesend, keine personenbezogenen Daten)",
                    $"Assistant → knowledge folder \"{register.DataSources.KnowledgeFolder}\" (read only, no personal data)"),
                register.Model.UsesLanguageModel
                    ? Say($"Assistent → Sprachmodell {register.Model.Model} ({register.Model.Provider!.De}): Frage und Auszüge der Leistungsbeschreibung{(register.PersonalData.Redaction ? ", persönliche Daten vorher geschwärzt" : "")}",
                        $"Assistant → language model {register.Model.Model} ({register.Model.Provider!.En}): question and excerpts of the service description{(register.PersonalData.Redaction ? ", personal data redacted first" : "")}")
                    : Say("Kein Sprachmodell: keine Daten verlassen den Assistenten zu einem Modellanbieter.", "No language model: no data leaves the assistant for a model provider."),
                Say("Assistent → Agenten-Desk der Mitarbeitenden bei Übergabe (Verlauf nur mit Einwilligung)", "Assistant → staff agent desk on handoff (transcript only with consent)"),
            };
            if (register.DataSources.SearchIndex == DataSources.AzureAiSearch)
            {
                flows.Insert(3, Say("Assistent → Azure AI Search der Stadt: Leistungsbeschreibungen als Suchindex und die Frage, persönliche Daten vorher geschwärzt",
                    "Assistant → the city's Azure AI Search: the service descriptions as a search index, and the question with personal data redacted first"));
            }

            var mitigations = new List<string>
            {
                register.PersonalData.Redaction
                    ? Say("Schwärzung: eingerichtet", "Redaction: installed")
                    : Say("Schwärzung: nicht eingerichtet", "Redaction: not installed"),
                register.PersonalData.ConversationRetentionDays is { } days
                    ? Say($"Löschung: Gespräche nach {days} Tagen, Rückrufwünsche nach {register.PersonalData.CallbackRetentionDays} Tagen", $"Retention: conversations after {days} days, callback requests after {register.PersonalData.CallbackRetentionDays} days")
                    : Say($"Löschung: Gespräche nicht angegeben, Rückrufwünsche nach {register.PersonalData.CallbackRetentionDays} Tagen", $"Retention: conversations not provided, callback requests after {register.PersonalData.CallbackRetentionDays} days"),
                Say("Einwilligung: vor der Weitergabe des Verlaufs an Mitarbeitende und vor dem Speichern von Kontaktdaten für einen Rückruf",
                    "Consent: before the transcript is shown to staff and before contact details are stored for a callback"),
                Say("Übergabe: jederzeit an einen Menschen; Modus „nur Menschen“ ohne KI-Antworten", "Handoff: to a person at any time; a people-only mode without AI answers"),
            };
            return new GovernanceRecord(
                ImpactAssessment, language,
                Say("Eingaben für die Datenschutz-Folgenabschätzung: digitaler Assistent", "Data protection impact assessment inputs: digital assistant"),
                Say("Datenflüsse und Maßnahmen, wie sie im laufenden System gebaut sind, und die Risiken aus dem Register. Die Bewertung selbst nimmt die verantwortliche Stelle vor.",
                    "Data flows and measures as built in the running system, and the risks from the register. The assessment itself is the responsible office's."),
                register.GeneratedAt,
                [
                    Controller(),
                    new("data_flows", Say("Datenflüsse", "Data flows"), [Fact("flows", Say("Vom Widget über die Speicherung zum Modell", "From widget through storage to model"), [.. flows])]),
                    new("mitigations_as_built", Say("Maßnahmen wie gebaut", "Mitigations as built"), [Fact("built", Say("Maßnahmen", "Measures"), [.. mitigations])]),
                    new("risks", Say("Risiken und Gegenmaßnahmen", "Risks and mitigations"),
                        register.Risks.Count == 0
                            ? [Missing("risks", Say("Risiken", "Risks"))]
                            : [.. register.Risks.Select((risk, index) => new RecordEntry(
                                $"risk_{index + 1}", risk.Risk.In(language), [risk.Mitigation.In(language)],
                                risk.Risk.In(language) == LocalText.NotProvided.In(language) || risk.Mitigation.In(language) == LocalText.NotProvided.In(language)))]),
                    new("assessment", Say("Stand der Folgenabschätzung", "Impact assessment status"),
                    [
                        Text("impact_assessment", Say("Folgenabschätzung", "Impact assessment"), register.PersonalData.ImpactAssessment),
                        Text("risk_category", Say("Risikoklasse (KI-Verordnung)", "Risk category (EU AI Act)"), register.RiskCategory),
                    ]),
                ]);
        }

        public GovernanceRecord AutomatedSystemDescription()
        {
            var evaluation = register.Evaluation;
            var figures = evaluation.Status == RegisterEvaluation.Completed
                ? Fact("evaluation", Say("Letzte Bewertung", "Latest evaluation"),
                    string.Create(CultureInfo.InvariantCulture, $"{evaluation.RunAt:yyyy-MM-dd HH:mm} UTC, {evaluation.Questions} {Say("Fragen", "questions")}: top-1 {Percent(evaluation.Top1)}, top-3 {Percent(evaluation.Top3)}, {Say("Enthaltung", "abstention")} {Percent(evaluation.Abstention)}"),
                    Say("Gruppen mit Rückstand: ", "Groups lagging: ") + (evaluation.Groups.Any(group => group.Flagged)
                        ? string.Join(", ", evaluation.Groups.Where(group => group.Flagged).Select(group => $"{group.Dimension}/{group.Group}"))
                        : Say("keine", "none")))
                : Fact("evaluation", Say("Letzte Bewertung", "Latest evaluation"), Say("keine Bewertung vorhanden", "no evaluation available") + $" ({evaluation.Status})");
            return new GovernanceRecord(
                AutomatedSystem, language,
                Say("Beschreibung des automatisierten Systems: digitaler Assistent", "Description of the automated system: digital assistant"),
                Say("Für die Dokumentationspflichten der Verwaltung: was das System entscheidet, was es beantwortet, wer verantwortlich ist und wie ein Mensch übernimmt.",
                    "For the administration's documentation duties: what the system decides, what it answers, who is responsible and how a person takes over."),
                register.GeneratedAt,
                [
                    new("decisions", Say("Was das System entscheidet", "What the system decides"),
                    [
                        Fact("decides", Say("Entscheidungen", "Decisions"), Say("Keine. Der Assistent erlässt keine Verwaltungsakte und entscheidet nicht über Anträge oder Ansprüche.",
                            "None. The assistant issues no administrative acts and decides nothing about applications or entitlements.")),
                    ]),
                    new("answers", Say("Was das System beantwortet", "What the system answers"),
                    [
                        Text("purpose", Say("Zweck", "Purpose"), register.Description),
                        Fact("knowledge", Say("Wissensgrundlage", "Knowledge"), Say($"{register.DataSources.Services} Leistungsbeschreibungen, Stand {register.DataSources.LastUpdate:yyyy-MM-dd}", $"{register.DataSources.Services} service descriptions as of {register.DataSources.LastUpdate:yyyy-MM-dd}")),
                        ModelEntry(),
                        figures,
                    ]),
                    Controller(),
                    new("human_takeover", Say("Wie ein Mensch übernimmt", "How a person takes over"),
                    [
                        Fact("handoff", Say("Übergabe im Chat", "Handoff in the chat"), Say("Auf Wunsch jederzeit, mit Worten wie: ", "On request at any time, with words such as: ")
                            + string.Join(", ", register.HumanInvolvement.HandoffWords.GetValueOrDefault(language) ?? [])),
                        Fact("human_only", Say("Nur Menschen", "People only"), Say("Auf Wunsch antworten im Gespräch nur noch Menschen: ", "On request only people answer in the conversation: ")
                            + string.Join(", ", register.HumanInvolvement.HumanOnlyWords.GetValueOrDefault(language) ?? [])),
                        Fact("other_channels", Say("Ohne Chat", "Without the chat"),
                            [$"{register.Contact.Phone} ({register.Contact.PhoneHours})", register.Contact.Email, .. register.HumanInvolvement.AlternativeChannels.Select(office => $"{office.Name}, {office.Address}")]),
                        Text("final_responsibility", Say("Letztverantwortung", "Final responsibility"), register.HumanInvolvement.FinalResponsibility),
                    ]),
                ]);
        }

        private static string Percent(double? share) => share is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.0} %") : "–";
    }
}
