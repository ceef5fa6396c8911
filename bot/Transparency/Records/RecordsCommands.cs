using System.CommandLine;
using CitizenBot.Answering.Generation;
using CitizenBot.Cli;
using CitizenBot.Evaluation;
using CitizenBot.Handoff;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.Privacy;
using CitizenBot.SharedKernel;
using CitizenBot.Storage;
using CitizenBot.Transparency.Register;

namespace CitizenBot.Transparency.Records;

/// <summary>The `records` verb: writes the governance records from the bot's configuration and knowledge folder, without starting the bot.</summary>
public static class RecordsCommands
{
    public static RootCommand AddRecordsCommands(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var output = new Option<string>("--out") { Description = "the folder to write the records to", Required = true };
        var knowledge = new Option<string>("--knowledge")
        {
            Description = "the knowledge folder the bot answers from",
            DefaultValueFactory = _ => Path.Combine(CitizenBotCli.RepositoryRoot().FullName, "knowledge"),
        };
        var command = new Command("records", "Writes the record of processing (GDPR Art. 30), the impact assessment inputs and the description of the automated system as Markdown, JSON and HTML, German and English.")
        {
            output, knowledge,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = CitizenBotCli.RepositoryRoot().FullName;
            var folder = Path.GetFullPath(parse.GetValue(knowledge)!, root);
            if (!Directory.Exists(folder))
            {
                await Console.Error.WriteLineAsync($"Not found: {folder}");
                return 2;
            }

            var settings = new ConfigurationBuilder()
                .AddConfiguration(OfflineAnswering.BotSettings())
                .AddEnvironmentVariables()
                .Build();
            var register = Bind<RegisterOptions>(settings, RegisterOptions.Section);
            var documents = OfflineAnswering.LoadFolder(folder);
            var evaluation = await EvaluateAsync(register, folder, documents, settings, cancellationToken);
            var record = RegisterRecord.Build(new RegisterInputs(
                register,
                Bind<CityOptions>(settings, CityOptions.Section),
                Bind<GenerationOptions>(settings, GenerationOptions.Section),
                Bind<HandoffOptions>(settings, HandoffOptions.Section),
                folder,
                new KnowledgeSnapshot(documents, 1, DateTimeOffset.UtcNow),
                Bind<StorageOptions>(settings, StorageOptions.Section).Provider,
                Bind<KnowledgeSearchOptions>(settings, KnowledgeSearchOptions.Section).Backend,
                settings.GetValue<int?>(RegisterRecord.ConversationRetentionKey),
                // Without a host the verb asks whether the bot is built with a redactor, which the running bot always registers when it is.
                typeof(IPersonalDataRedactor).Assembly.GetTypes().Any(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(IPersonalDataRedactor))),
                evaluation,
                null,
                DateTimeOffset.UtcNow));

            var target = Directory.CreateDirectory(Path.GetFullPath(parse.GetValue(output)!, Environment.CurrentDirectory));
            foreach (var id in GovernanceRecords.Ids)
            {
                foreach (var language in CitizenTexts.RequiredLanguages)
                {
                    var governanceRecord = GovernanceRecords.Build(id, record, language);
                    foreach (var format in GovernanceRecords.Formats)
                    {
                        await File.WriteAllTextAsync(Path.Combine(target.FullName, GovernanceRecords.FileName(id, language, format)), GovernanceRecords.Render(governanceRecord, format), cancellationToken);
                    }
                }

                // The schema beside the JSON files, so whoever receives them can check them without the bot.
                await using var schema = typeof(RecordsCommands).Assembly.GetManifestResourceStream(GovernanceRecords.SchemaFileName(id))!;
                await using var schemaFile = File.Create(Path.Combine(target.FullName, GovernanceRecords.SchemaFileName(id)));
                await schema.CopyToAsync(schemaFile, cancellationToken);
            }

            Console.WriteLine($"Wrote {GovernanceRecords.Ids.Count * ((CitizenTexts.RequiredLanguages.Count * GovernanceRecords.Formats.Count) + 1)} files to {target.FullName}; {record.MissingFields.Count} governance fields not provided.");
            foreach (var field in record.MissingFields)
            {
                Console.WriteLine($"  not provided: {field}");
            }

            return 0;
        });
        root.Add(command);
        return root;
    }

    /// <summary>Runs the register's question set, if one is configured, the way the running bot does.</summary>
    private static async Task<EvaluationState> EvaluateAsync(
        RegisterOptions register, string folder, IReadOnlyList<KnowledgeDocument> documents, IConfiguration settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(register.EvaluationQuestions))
        {
            return new EvaluationState(false, null, null, null);
        }

        var path = Path.GetFullPath(register.EvaluationQuestions, Path.Combine(CitizenBotCli.RepositoryRoot().FullName, "bot"));
        if (!File.Exists(path))
        {
            return new EvaluationState(true, Path.GetFileName(path), null, nameof(FileNotFoundException));
        }

        await using var bot = await EvaluationBot.StartAsync(folder, settings, cancellationToken);
        var report = await AnswerEvaluation.RunAsync(EvaluationQuestion.Load(path), bot, new PlainBm25Search(documents), cancellationToken);
        return new EvaluationState(true, Path.GetFileName(path), new LiveEvaluationRun(DateTimeOffset.UtcNow, 1, report), null);
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new() => configuration.GetSection(section).Get<T>() ?? new T();
}
