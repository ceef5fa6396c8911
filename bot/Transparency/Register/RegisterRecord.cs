using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Answering.Generation;
using CitizenBot.Evaluation;
using CitizenBot.Handoff;
using CitizenBot.Insights;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.SharedKernel;
using CitizenBot.Storage;

namespace CitizenBot.Transparency.Register;

/// <summary>A text in German and English; a statement the city has not made reads "nicht angegeben" / "not provided".</summary>
public sealed record LocalText(string De, string En)
{
    public static LocalText NotProvided { get; } = new("nicht angegeben", "not provided");

    public string In(string language) => language == "en" ? En : De;

    /// <summary>The configured text; where either language is missing, the not-provided marker, never a guess.</summary>
    public static LocalText From(Dictionary<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var german = text.GetValueOrDefault("de");
        var english = text.GetValueOrDefault("en");
        return new LocalText(
            string.IsNullOrWhiteSpace(german) ? NotProvided.De : german,
            string.IsNullOrWhiteSpace(english) ? NotProvided.En : english);
    }
}

/// <summary>
/// The register record (/transparency.json): the fields of the Dutch algorithm register standard and the UK Algorithmic
/// Transparency Recording Standard (tiers 1 and 2), filled from the city's Register section and from the running system.
/// </summary>
public sealed record RegisterRecord(
    IReadOnlyList<string> Standards,
    LocalText Name,
    LocalText Description,
    LocalText Status,
    string Website,
    string Organisation,
    string Team,
    LocalText SeniorResponsibleOwner,
    RegisterContact Contact,
    LocalText LegalBasis,
    LocalText RiskCategory,
    HumanInvolvement HumanInvolvement,
    DataSources DataSources,
    ModelUse Model,
    LocalText Hosting,
    PersonalDataUse PersonalData,
    IReadOnlyList<RiskAndMitigation> Risks,
    RegisterEvaluation Evaluation,
    string? Version,
    DateOnly? Date,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<string> MissingFields)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>Puts the record together; pure, so the web page, the JSON and the records verb say the same.</summary>
    public static RegisterRecord Build(RegisterInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var register = inputs.Register;
        var city = inputs.City;
        var usesModel = inputs.Generation.Enabled;
        var documents = inputs.Knowledge.Documents;
        return new RegisterRecord(
            ["Algoritmeregister metadata standard (NL)", "Algorithmic Transparency Recording Standard, tiers 1 and 2 (UK)"],
            LocalText.From(register.Name),
            LocalText.From(register.Purpose),
            LocalText.From(register.Status),
            city.AssistantUrl.TrimEnd('/') + TransparencyEndpoints.Path,
            city.Name,
            city.ResponsibleOffice,
            LocalText.From(register.SeniorResponsibleOwner),
            new RegisterContact(city.Email, city.Phone, city.PhoneHours, city.ContactPageUrl, LocalText.From(register.DataProtectionOfficer)),
            LocalText.From(register.LegalBasis),
            LocalText.From(register.RiskCategory),
            new HumanInvolvement(
                DecidesOnApplications: false,
                HandoffToStaff: true,
                HandoffWords: Words(inputs.Handoff, examples => examples.Request),
                HumanOnlyWords: Words(inputs.Handoff, examples => examples.PeopleOnly),
                AlternativeChannels: [.. city.Offices.Select(office => new OfficeChannel(office.Name, office.Address, office.Phone, office.OpeningHours))],
                FinalResponsibility: LocalText.From(register.FinalResponsibility)),
            new DataSources(
                inputs.KnowledgeFolder,
                documents.Count,
                inputs.Knowledge.LoadedAt,
                documents.Select(document => document.Reviewed).Max(),
                [.. documents.Select(document => document.Source).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                inputs.Storage == StorageProvider.PostgreSql ? "postgresql" : "sqlite",
                inputs.Search == KnowledgeSearchBackend.AzureAiSearch ? DataSources.AzureAiSearch : "local"),
            usesModel
                ? new ModelUse(true, inputs.Generation.Model, LocalText.From(register.ModelProvider), LocalText.From(register.ModelHosting), null)
                : new ModelUse(false, null, null, null, new LocalText(
                    "kein Sprachmodell: Antworten sind wörtliche Auszüge aus den Leistungsbeschreibungen",
                    "no language model: answers quote the service descriptions verbatim")),
            LocalText.From(register.Hosting),
            new PersonalDataUse(
                LocalText.From(register.PersonalData),
                inputs.RedactsPersonalData,
                inputs.ConversationRetentionDays,
                inputs.Handoff.CallbackRetentionDays,
                LocalText.From(register.Recipients),
                LocalText.From(register.ImpactAssessment)),
            [.. register.Risks.Select(risk => new RiskAndMitigation(LocalText.From(risk.Risk), LocalText.From(risk.Mitigation)))],
            RegisterEvaluation.From(inputs.Evaluation, inputs.Production),
            string.IsNullOrWhiteSpace(register.Version) ? null : register.Version,
            register.Date,
            inputs.Now,
            [.. RegisterCompleteness.MissingFields(register, usesModel), .. inputs.ConversationRetentionDays is null ? [ConversationRetentionKey] : Array.Empty<string>()]);
    }

    /// <summary>Where the retention job reads its days; the register reports it, it does not set it.</summary>
    public const string ConversationRetentionKey = "Privacy:RetentionDays";

    private static Dictionary<string, IReadOnlyList<string>> Words(HandoffOptions handoff, Func<HandoffExamples, List<string>> examples) =>
        handoff.Examples.ToDictionary(language => language.Key, language => (IReadOnlyList<string>)examples(language.Value), StringComparer.Ordinal);
}

/// <summary>What the register is made from: the city's statements, the running configuration and the system's state.</summary>
public sealed record RegisterInputs(
    RegisterOptions Register,
    CityOptions City,
    GenerationOptions Generation,
    HandoffOptions Handoff,
    string KnowledgeFolder,
    KnowledgeSnapshot Knowledge,
    StorageProvider Storage,
    KnowledgeSearchBackend Search,
    int? ConversationRetentionDays,
    bool RedactsPersonalData,
    EvaluationState Evaluation,
    UsageSummary? Production,
    DateTimeOffset Now);

public sealed record RegisterContact(string Email, string Phone, string PhoneHours, string ContactPage, LocalText DataProtectionOfficer);

public sealed record OfficeChannel(string Name, string Address, string? Phone, string? OpeningHours);

/// <summary>How people stay involved: the bot decides nothing, any citizen can reach a person, staff answer for the service.</summary>
public sealed record HumanInvolvement(
    bool DecidesOnApplications,
    bool HandoffToStaff,
    IReadOnlyDictionary<string, IReadOnlyList<string>> HandoffWords,
    IReadOnlyDictionary<string, IReadOnlyList<string>> HumanOnlyWords,
    IReadOnlyList<OfficeChannel> AlternativeChannels,
    LocalText FinalResponsibility);

/// <summary>The knowledge the bot answers from, as it is loaded right now.</summary>
/// <summary>Where the bot's data lives: <see cref="Storage"/> "sqlite" or "postgresql", <see cref="SearchIndex"/> "local" or "azure_ai_search".</summary>
public sealed record DataSources(
    string KnowledgeFolder, int Services, DateTimeOffset LastUpdate, DateOnly? NewestReview, IReadOnlyList<string> Origins, string Storage, string SearchIndex)
{
    public const string AzureAiSearch = "azure_ai_search";
}

/// <summary>Whether a language model words answers, which one, from whom and where it runs.</summary>
public sealed record ModelUse(bool UsesLanguageModel, string? Model, LocalText? Provider, LocalText? Hosting, LocalText? Statement);

public sealed record PersonalDataUse(
    LocalText Categories, bool Redaction, int? ConversationRetentionDays, int CallbackRetentionDays, LocalText Recipients, LocalText ImpactAssessment);

public sealed record RiskAndMitigation(LocalText Risk, LocalText Mitigation);

/// <summary>The latest evaluation run, or why there is none.</summary>
public sealed record EvaluationState(bool Configured, string? QuestionSet, LiveEvaluationRun? Latest, string? Failure);

/// <summary>One evaluation run over the knowledge as it was then.</summary>
public sealed record LiveEvaluationRun(DateTimeOffset RunAt, long KnowledgeVersion, EvaluationReport Report);

/// <summary>The register's evaluation section: figures of the latest run, its breakdown by group and, where counted, production figures.</summary>
public sealed record RegisterEvaluation(
    string Status,
    string? QuestionSet,
    DateTimeOffset? RunAt,
    long? KnowledgeVersion,
    int? Questions,
    int? AnswerableQuestions,
    double? Top1,
    double? Top3,
    double? AnswerContains,
    double? Abstention,
    double? OutOfScopeAbstention,
    IReadOnlyList<GroupFigures> Groups,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UsageSummary? Production)
{
    public const string NotConfigured = "not_configured";
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static RegisterEvaluation From(EvaluationState state, UsageSummary? production)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Latest is not { } run)
        {
            var status = !state.Configured ? NotConfigured : state.Failure is null ? Pending : Failed;
            return new RegisterEvaluation(status, state.QuestionSet, null, null, null, null, null, null, null, null, null, [], production);
        }

        var report = run.Report;
        return new RegisterEvaluation(
            Completed, state.QuestionSet, run.RunAt, run.KnowledgeVersion, report.Outcomes.Count, report.ServiceQuestions.Count,
            Number(report.Top1), Number(report.Top3), Number(report.AnswerContains), Number(report.AnswerableAbstention),
            Number(report.OutOfScopeAbstention), report.Groups(), production);
    }

    private static double? Number(double value) => double.IsNaN(value) ? null : Math.Round(value, 4);
}
