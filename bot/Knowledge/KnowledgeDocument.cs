namespace CitizenBot.Knowledge;

/// <summary>One service description from the knowledge folder: front matter plus its ## sections, in file order.</summary>
public sealed record KnowledgeDocument(
    string Id,
    string Title,
    Uri Url,
    IReadOnlyList<string> Synonyms,
    IReadOnlyList<string> Situations,
    IReadOnlyList<string> Audience,
    string? Owner,
    DateOnly? Reviewed,
    string? Source,
    IReadOnlyList<string> Flags,
    IReadOnlyList<KnowledgeSection> Sections,
    string FilePath,
    string ContentHash)
{
    /// <summary>Search words from the DLDB export (meta.keywords); the importer owns them.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Where a citizen books an appointment for this service, when the city offers online booking.</summary>
    public Uri? Appointment { get; init; }

    /// <summary>The editors' versions in Leichte Sprache and other languages, keyed as <see cref="LanguageVersions"/> says.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();
}

/// <summary>A ## section: its heading as the editor wrote it and its Markdown body.</summary>
public sealed record KnowledgeSection(string Heading, string Markdown);

/// <summary>The documents that serve citizens right now; replaced as a whole when the folder changes.</summary>
public sealed record KnowledgeSnapshot(IReadOnlyList<KnowledgeDocument> Documents, long Version, DateTimeOffset LoadedAt);

/// <summary>The current knowledge, and a signal when an editor's change has been loaded.</summary>
public interface IKnowledgeBase
{
    KnowledgeSnapshot Current { get; }

    event EventHandler<KnowledgeSnapshot>? Changed;
}
