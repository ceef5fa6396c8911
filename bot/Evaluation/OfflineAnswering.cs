using CitizenBot.Answering;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.Privacy;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Evaluation;

/// <summary>The chat's answerer over a knowledge folder, put together outside the web host for the eval verb, tests and benchmarks.</summary>
public static class OfflineAnswering
{
    /// <summary>The services of a knowledge folder as the bot would serve them, read by the bot's own folder loader.</summary>
    public static IReadOnlyList<KnowledgeDocument> LoadFolder(string folder)
    {
        var options = Options.Create(new KnowledgeOptions { Folder = Path.GetFullPath(folder) });
        using var loader = new KnowledgeFolder(options, new HostingEnvironment { ContentRootPath = Path.GetFullPath(folder) }, TimeProvider.System, NullLogger<KnowledgeFolder>.Instance);
        loader.Rescan();
        return loader.Current.Documents;
    }

    /// <summary>The answerer with the texts, thresholds and word lists of <paramref name="configuration"/> (the bot's appsettings.json).</summary>
    public static KnowledgeAnswerer Answerer(IReadOnlyList<KnowledgeDocument> documents, IConfiguration configuration) =>
        Answerer(Search(documents, configuration), configuration);

    /// <summary>The chat's search over fixed documents, with the word lists of <paramref name="configuration"/>.</summary>
    public static LuceneKnowledgeSearch Search(IReadOnlyList<KnowledgeDocument> documents, IConfiguration configuration) =>
        Search(documents, Words(configuration));

    /// <summary>The chat's search over fixed documents with word lists already read.</summary>
    public static LuceneKnowledgeSearch Search(IReadOnlyList<KnowledgeDocument> documents, CitizenWords words) =>
        new(new FixedKnowledge(documents), words, NullLogger<LuceneKnowledgeSearch>.Instance);

    /// <summary>The editors' word lists and the thesaurus named in <paramref name="configuration"/>.</summary>
    public static CitizenWords Words(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new CitizenWords(Options.Create(Bind<KnowledgeSearchOptions>(configuration, KnowledgeSearchOptions.Section)));
    }

    /// <summary>The answerer over a given search, with the texts and thresholds of <paramref name="configuration"/>.</summary>
    public static KnowledgeAnswerer Answerer(IKnowledgeSearch search, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var texts = new CitizenTexts(Options.Create(Bind<TextsOptions>(configuration, TextsOptions.Section)), Options.Create(Bind<CityOptions>(configuration, CityOptions.Section)));
        var answering = Options.Create(Bind<AnsweringOptions>(configuration, AnsweringOptions.Section));
        return new KnowledgeAnswerer(search, new AnswerComposer(texts, answering), texts, answering);
    }

    /// <summary>The chat's redactor, with the vocabulary of <paramref name="documents"/> and the word lists of <paramref name="configuration"/>.</summary>
    public static PersonalDataRedactor Redactor(IReadOnlyList<KnowledgeDocument> documents, IConfiguration configuration) =>
        PersonalDataRedactor.Create(
            OrdinaryWords.Read(Bind<KnowledgeSearchOptions>(configuration, KnowledgeSearchOptions.Section), Bind<PrivacyOptions>(configuration, PrivacyOptions.Section), documents),
            TimeProvider.System);

    /// <summary>The bot's appsettings.json beside the running assembly.</summary>
    public static IConfiguration BotSettings() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
        .Build();

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new() => configuration.GetSection(section).Get<T>() ?? new T();

    /// <summary>A knowledge base that never changes: evaluation needs one fixed snapshot.</summary>
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
