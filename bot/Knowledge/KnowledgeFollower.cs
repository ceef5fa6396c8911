using System.Threading.Channels;

namespace CitizenBot.Knowledge;

/// <summary>
/// Background work that follows the knowledge folder: one run once the bot has started and one after every change. Changes that
/// arrive while a run is going collapse into one follow-up run on the newest knowledge.
/// </summary>
public abstract class KnowledgeFollower(IKnowledgeBase knowledge) : BackgroundService
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    protected IKnowledgeBase Knowledge => knowledge;

    /// <summary>One run on the knowledge as it is now.</summary>
    protected abstract Task FollowAsync(KnowledgeSnapshot snapshot, CancellationToken stoppingToken);

    /// <summary>Asks for one more run, such as a retry after a failed one.</summary>
    protected void RunAgain() => _pending.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        knowledge.Changed += OnKnowledgeChanged;
        try
        {
            RunAgain();
            await foreach (var _ in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                await FollowAsync(knowledge.Current, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The bot is stopping; the next start runs again on what the folder holds then.
        }
        finally
        {
            knowledge.Changed -= OnKnowledgeChanged;
        }
    }

    private void OnKnowledgeChanged(object? sender, KnowledgeSnapshot snapshot) => RunAgain();
}
