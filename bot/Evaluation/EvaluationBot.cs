using System.Text.RegularExpressions;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Conversation.Understanding;
using CitizenBot.Handoff;
using CitizenBot.Hosting;
using CitizenBot.Knowledge;
using CitizenBot.Privacy;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using CitizenBot.Transparency;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace CitizenBot.Evaluation;

/// <summary>
/// The bot as citizens reach it, started apart for an evaluation: every feature registered as in the web host, one fresh
/// Direct Line conversation per question through the real turn handler (understanding, handoff, answer), on its own temporary
/// SQLite database, so a handoff counts only when the chat really starts one and nothing touches the city's conversations.
/// </summary>
public sealed class EvaluationBot : IAsyncDisposable
{
    // A turn answers with a handful of activities; more than this means the conversation went on without the question.
    private const int MostRepliesPerTurn = 20;

    private readonly WebApplication _app;
    private readonly string _dataFolder;

    private EvaluationBot(WebApplication app, string dataFolder)
    {
        _app = app;
        _dataFolder = dataFolder;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the bot over <paramref name="knowledgeFolder"/> with the settings of appsettings.json beside the program, overlaid by
    /// <paramref name="configuration"/> when given (the running bot's own, for its live evaluation).
    /// </summary>
    public static async Task<EvaluationBot> StartAsync(string knowledgeFolder, IConfiguration? configuration, CancellationToken cancellationToken)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "citizenbot-evaluation", Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(EvaluationBot).Assembly.GetName().Name,
        });
        if (configuration is not null)
        {
            builder.Configuration.AddConfiguration(configuration);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = nameof(StorageProvider.Sqlite),
            ["Storage:DataFolder"] = dataFolder,
            ["Knowledge:Folder"] = Path.GetFullPath(knowledgeFolder),
            // No evaluation inside the evaluation, no messenger channels, no telemetry export, quiet logs.
            ["Register:EvaluationQuestions"] = "",
            ["Channels:Telegram:Enabled"] = "false",
            ["Channels:Matrix:Enabled"] = "false",
            ["Telemetry:OtlpEndpoint"] = null,
            ["Telemetry:Prometheus"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        builder.AddCitizenBot();
        // Questions go straight to the Direct Line conversations; no port is opened, whatever the configuration names.
        builder.Services.AddSingleton<IServer, NoServer>();
        var app = builder.Build();
        app.MapCitizenBot();
        await app.StartAsync(cancellationToken);
        return new EvaluationBot(app, dataFolder);
    }

    /// <summary>Asks one question in a new conversation, as a citizen on the chat page in <paramref name="language"/> would.</summary>
    public async Task<TurnRecord> AskAsync(string question, string language, CancellationToken cancellationToken)
    {
        var conversations = Services.GetRequiredService<DirectLineConversations>();
        var store = Services.GetRequiredService<IConversationStore>();
        var (conversation, _) = await conversations.CreateAsync(null, language, null, "https://evaluation.invalid/", cancellationToken);
        await conversations.StartAsync(conversation, cancellationToken);
        var before = (await store.FindAsync(conversation.Key, cancellationToken))!.LastSequence;
        var posted = await conversations.PostAsync(
            conversation, new Activity { Type = ActivityTypes.Message, Text = question, Locale = language }, conversation.UserId!, cancellationToken);
        var replies = (await store.ReadAfterAsync(conversation.Key, before, MostRepliesPerTurn, cancellationToken))
            .Where(stored => stored.Direction == ActivityDirection.Outbound && stored.Activity.IsMessage && stored.Activity.ReplyToId == posted)
            .Select(stored => stored.Activity)
            .ToList();
        var handoff = await Services.GetRequiredService<HandoffStore>().FindOpenAsync(conversation.Key, cancellationToken);
        return new TurnRecord(replies, handoff?.Reason.ToString(), await UnderstandAsync(question, language, cancellationToken));
    }

    /// <summary>What the understanding step makes of the question, for the search's own ranking and the corpus figures.</summary>
    public Task<Intent> UnderstandAsync(string question, string language, CancellationToken cancellationToken)
    {
        var redacted = Services.GetRequiredService<IPersonalDataRedactor>().Redact(question).Text;
        return Services.GetRequiredService<CitizenUnderstanding>().UnderstandAsync(new Activity { Type = ActivityTypes.Message, Text = question }, redacted, language, cancellationToken);
    }

    /// <summary>The services the bot answers from right now.</summary>
    public IReadOnlyList<KnowledgeDocument> Documents => Services.GetRequiredService<IKnowledgeBase>().Current.Documents;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; the evaluation's figures are what matters.
        }
    }
}

/// <summary>What the citizen saw after one question: the bot's replies, whether a handoff started (and why), and what the bot understood.</summary>
public sealed partial record TurnRecord(IReadOnlyList<Activity> Replies, string? HandoffReason, Intent Understood)
{
    /// <summary>The turn as figures: reply text, the service answered with or offered, the search's ranking, the handoff.</summary>
    public TurnOutcome Outcome()
    {
        var answer = Replies.FirstOrDefault(reply => AiLabel.CitedKnowledgeIds(reply).Count > 0);
        var answerText = answer is null ? "" : LinkDefinition().Replace(answer.Text ?? "", "").Trim();
        return new TurnOutcome(
            string.Join("\n\n", Replies.Select(reply => reply.Text ?? "")),
            answer is null ? null : AiLabel.CitedKnowledgeIds(answer)[0],
            [.. Replies.SelectMany(reply => reply.SuggestedActions?.Actions ?? []).Select(OfferedService).OfType<string>()],
            [.. Understood.Candidates.Hits.Select(hit => hit.Document.Id)],
            HandoffReason,
            Understood.Kind.ToString())
        {
            AnswerWords = answer is null ? 0 : Words().Count(answerText),
            AnswerLinks = answer is null ? 0 : MarkdownLink().Count(answerText),
        };
    }

    private static string? OfferedService(CardAction action) =>
        action.Value is System.Text.Json.Nodes.JsonObject value && value["knowledgeId"] is System.Text.Json.Nodes.JsonValue id && id.TryGetValue<string>(out var knowledgeId)
            ? knowledgeId
            : null;

    // "[1]: https://… "Title"": the target of a citation, which Web Chat shows as the citation, not as text.
    [GeneratedRegex(@"^\[\d+\]:\s.*$", RegexOptions.Multiline)]
    private static partial Regex LinkDefinition();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-'’.,/]*")]
    private static partial Regex Words();

    [GeneratedRegex(@"\[[^\]]+\]\((?:https?://|/)[^)]+\)|\[[^\]]+\]\[\d+\]")]
    private static partial Regex MarkdownLink();
}

/// <summary>A server that listens nowhere: the evaluation talks to the bot in-process.</summary>
internal sealed class NoServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
