using System.Text.Json;
using CitizenBot.Evaluation;
using CitizenBot.Knowledge;
using Microsoft.Extensions.Options;

namespace CitizenBot.Transparency.Register;

/// <summary>
/// Keeps the register's evaluation figures live: runs the configured question set through the eval verb's code path (the turn
/// handler of a bot of its own) once the bot has started and again after every knowledge change, in the background, keeping only the latest run.
/// </summary>
public sealed partial class LiveEvaluation(
    IOptions<RegisterOptions> options,
    IKnowledgeBase knowledge,
    KnowledgeFolder folder,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<LiveEvaluation> logger) : KnowledgeFollower(knowledge)
{
    private volatile LiveEvaluationRun? _latest;
    private volatile string? _failure;

    /// <summary>The question set as an absolute path (relative paths are under the content root), or null when none is configured.</summary>
    public string? QuestionSetPath => string.IsNullOrWhiteSpace(options.Value.EvaluationQuestions)
        ? null
        : Path.GetFullPath(options.Value.EvaluationQuestions, environment.ContentRootPath);

    public EvaluationState State => new(QuestionSetPath is not null, QuestionSetPath is { } path ? Path.GetFileName(path) : null, _latest, _failure);

    /// <summary>Without a question set there is nothing to evaluate and nothing to follow.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => QuestionSetPath is null ? Task.CompletedTask : base.ExecuteAsync(stoppingToken);

    protected override Task FollowAsync(KnowledgeSnapshot snapshot, CancellationToken stoppingToken) => RunAsync(QuestionSetPath!, stoppingToken);

    /// <summary>Runs the question set once on the current knowledge, for tools that read <see cref="State"/> without the host running.</summary>
    public Task EvaluateNowAsync(CancellationToken cancellationToken) =>
        QuestionSetPath is { } path ? RunAsync(path, cancellationToken) : Task.CompletedTask;

    private async Task RunAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = Knowledge.Current;
            var questions = EvaluationQuestion.Load(path);
            // A bot of its own on a temporary database: evaluation conversations never mix with the city's.
            await using var bot = await EvaluationBot.StartAsync(folder.FolderPath, configuration, cancellationToken);
            var report = await AnswerEvaluation.RunAsync(questions, bot, new PlainBm25Search(snapshot.Documents), cancellationToken);
            _latest = new LiveEvaluationRun(time.GetUtcNow(), snapshot.Version, report);
            _failure = null;
            LogEvaluated(report.Outcomes.Count, snapshot.Version, report.Top1, report.Groups().Count(group => group.Flagged));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            _failure = exception.GetType().Name;
            LogFailed(path, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Register evaluation: {Questions} questions on knowledge version {Version}, top-1 {Top1:P1}, {FlaggedGroups} groups flagged")]
    private partial void LogEvaluated(int questions, long version, double top1, int flaggedGroups);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Register evaluation could not read the question set {Path}")]
    private partial void LogFailed(string path, Exception exception);
}
