namespace CitizenBot.Transparency.Register;

/// <summary>
/// The city's own statements for the transparency register and the governance records, German and English
/// ("de" and "en" under each text). Everything the running system knows itself (model, knowledge, retention) is not asked for here.
/// </summary>
public sealed class RegisterOptions
{
    public const string Section = "Register";

    /// <summary>The name citizens and the council know the system by.</summary>
    public Dictionary<string, string> Name { get; set; } = [];

    /// <summary>What the system is for and why the city uses it.</summary>
    public Dictionary<string, string> Purpose { get; set; } = [];

    /// <summary>Where it stands: planned, pilot, operational, retired.</summary>
    public Dictionary<string, string> Status { get; set; } = [];

    /// <summary>The law or council decision the use rests on, and the GDPR basis of the processing.</summary>
    public Dictionary<string, string> LegalBasis { get; set; } = [];

    /// <summary>The role (not the person) that answers for the system.</summary>
    public Dictionary<string, string> SeniorResponsibleOwner { get; set; } = [];

    /// <summary>How final responsibility stays with staff.</summary>
    public Dictionary<string, string> FinalResponsibility { get; set; } = [];

    /// <summary>The categories of personal data that can reach the system and whose they are.</summary>
    public Dictionary<string, string> PersonalData { get; set; } = [];

    /// <summary>Who receives data from the system (the hosting provider, the model provider, the contact centre).</summary>
    public Dictionary<string, string> Recipients { get; set; } = [];

    /// <summary>How to reach the data protection officer.</summary>
    public Dictionary<string, string> DataProtectionOfficer { get; set; } = [];

    /// <summary>Where the bot itself runs (the city's data centre, a named cloud region).</summary>
    public Dictionary<string, string> Hosting { get; set; } = [];

    /// <summary>Who provides the language model; asked for only while Generation:Enabled is on.</summary>
    public Dictionary<string, string> ModelProvider { get; set; } = [];

    /// <summary>Where the language model runs; asked for only while Generation:Enabled is on.</summary>
    public Dictionary<string, string> ModelHosting { get; set; } = [];

    /// <summary>The class under the EU AI Act as the city assessed it.</summary>
    public Dictionary<string, string> RiskCategory { get; set; } = [];

    /// <summary>Whether a data protection impact assessment exists, and where.</summary>
    public Dictionary<string, string> ImpactAssessment { get; set; } = [];

    public List<RegisterRisk> Risks { get; set; } = [];

    /// <summary>The version of this register record.</summary>
    public string? Version { get; set; }

    /// <summary>The date this version of the record was approved for publication.</summary>
    public DateOnly? Date { get; set; }

    /// <summary>Evaluation questions (JSON Lines, as for the eval verb) run at start and on every knowledge change; none by default.</summary>
    public string? EvaluationQuestions { get; set; }

    /// <summary>Refuse to start while a governance field is missing, instead of warning and showing it as missing.</summary>
    public bool RequireComplete { get; set; }
}

/// <summary>A risk the city identified and what the system or its staff do about it.</summary>
public sealed class RegisterRisk
{
    public Dictionary<string, string> Risk { get; set; } = [];

    public Dictionary<string, string> Mitigation { get; set; } = [];
}
