using System.Threading.Channels;

namespace CitizenBot.Knowledge.Search.Dense;

/// <summary>Keeps the service vectors in step with the knowledge folder: at start and after every change, retrying a failed run later.</summary>
public sealed partial class ServiceVectorSync(IKnowledgeBase knowledge, ServiceVectors vectors, TimeProvider time, ILogger<ServiceVectorSync> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    // Changes that arrive while a run is going collapse into one follow-up run.
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        knowledge.Changed += OnKnowledgeChanged;
        try
        {
            _pending.Writer.TryWrite(true);
            await foreach (var _ in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await vectors.UpdateAsync(knowledge.Current, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The word search answers meanwhile; the vectors catch up once the endpoint is back.
                    LogUpdateFailed(exception, RetryDelay.TotalSeconds);
                    await Task.Delay(RetryDelay, time, stoppingToken);
                    _pending.Writer.TryWrite(true);
                }
            }
        }
        finally
        {
            knowledge.Changed -= OnKnowledgeChanged;
        }
    }

    private void OnKnowledgeChanged(object? sender, KnowledgeSnapshot snapshot) => _pending.Writer.TryWrite(true);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding the services failed; the word search answers alone and the vectors are retried in {RetrySeconds} s")]
    private partial void LogUpdateFailed(Exception exception, double retrySeconds);
}
