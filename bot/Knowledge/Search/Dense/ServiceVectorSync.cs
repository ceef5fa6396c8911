namespace CitizenBot.Knowledge.Search.Dense;

/// <summary>Keeps the service vectors in step with the knowledge folder: at start and after every change, retrying a failed run later.</summary>
public sealed partial class ServiceVectorSync(IKnowledgeBase knowledge, ServiceVectors vectors, TimeProvider time, ILogger<ServiceVectorSync> logger)
    : KnowledgeFollower(knowledge)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    protected override async Task FollowAsync(KnowledgeSnapshot snapshot, CancellationToken stoppingToken)
    {
        try
        {
            await vectors.UpdateAsync(snapshot, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The word search answers meanwhile; the vectors catch up once the endpoint is back.
            LogUpdateFailed(exception, RetryDelay.TotalSeconds);
            await Task.Delay(RetryDelay, time, stoppingToken);
            RunAgain();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding the services failed; the word search answers alone and the vectors are retried in {RetrySeconds} s")]
    private partial void LogUpdateFailed(Exception exception, double retrySeconds);
}
