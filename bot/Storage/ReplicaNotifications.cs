using Npgsql;

namespace CitizenBot.Storage;

/// <summary>The notification channels replicas share, and the messages on them.</summary>
public static class ReplicaChannels
{
    /// <summary>A conversation has new activities; the message is its key.</summary>
    public const string Activities = "citizenbot_activities";

    /// <summary>The agent desk's case list or a served case changed.</summary>
    public const string AgentDesk = "citizenbot_agent_desk";

    public static string ConversationMessage(ConversationKey key) => key.Transport + "\n" + key.ConversationId;

    public static ConversationKey? ParseConversation(string message) =>
        message.Split('\n', 2) is [var transport, var conversationId] ? new ConversationKey(transport, conversationId) : null;
}

/// <summary>Acts in this replica on what another replica announced on <see cref="Channel"/>.</summary>
public interface IReplicaMessageHandler
{
    string Channel { get; }

    Task HandleAsync(string message, CancellationToken cancellationToken);

    /// <summary>Notifications may have been missed while the listener was disconnected: catch up on everything.</summary>
    Task CatchUpAsync(CancellationToken cancellationToken);
}

/// <summary>Wakes this replica's open streams when another replica appended to their conversation.</summary>
public sealed class ReplicaConversationUpdates(ConversationUpdates updates) : IReplicaMessageHandler
{
    public string Channel => ReplicaChannels.Activities;

    public Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        if (ReplicaChannels.ParseConversation(message) is { } key)
        {
            updates.Publish(key);
        }

        return Task.CompletedTask;
    }

    public Task CatchUpAsync(CancellationToken cancellationToken)
    {
        updates.PublishAll();
        return Task.CompletedTask;
    }
}

/// <summary>
/// One connection per process LISTENs to the replicas' channels (PostgreSQL only) and hands each message to its handler.
/// After losing the server it reconnects with a bounded backoff and lets every handler catch up once.
/// </summary>
public sealed partial class ReplicaListener(BotDatabase database, IEnumerable<IReplicaMessageHandler> handlers, ILogger<ReplicaListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(15);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _connected;

    /// <summary>Completes once the listener first listens (at once without PostgreSQL).</summary>
    public Task Listening => _listening.Task;

    /// <summary>A replica starts serving once it hears the others (or, if the server is slow, after a bounded wait, retrying behind).</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        await Task.WhenAny(Listening, Task.Delay(StartWait, cancellationToken));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database is not PostgresDatabase postgres)
        {
            _listening.TrySetResult();
            return;
        }

        var byChannel = handlers.ToDictionary(handler => handler.Channel, StringComparer.Ordinal);
        var retry = FirstRetry;
        var missedSome = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(postgres, byChannel, missedSome, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (_connected)
                {
                    _connected = false;
                    retry = FirstRetry;
                }

                LogListenerLost(exception, retry.TotalMilliseconds);
                // The server most likely went away: pooled connections that went with it would fail their next request.
                postgres.DataSource.Clear();
                missedSome = true;
                await Task.Delay(retry, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }
        }
    }

    private async Task ListenAsync(PostgresDatabase postgres, Dictionary<string, IReplicaMessageHandler> byChannel, bool missedSome, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(postgres.ListenerConnectionString);
        await connection.OpenAsync(stoppingToken);
        var received = new List<(string Channel, string Payload)>();
        connection.Notification += (_, notification) => received.Add((notification.Channel, notification.Payload));
        await using (var listen = connection.CreateCommand())
        {
            listen.CommandText = string.Concat(byChannel.Keys.Select(channel => $"LISTEN {channel};"));
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        if (missedSome)
        {
            LogListenerBack();
            foreach (var handler in byChannel.Values)
            {
                await handler.CatchUpAsync(stoppingToken);
            }
        }

        _connected = true;
        _listening.TrySetResult();
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
            foreach (var (channel, payload) in received)
            {
                await DispatchAsync(byChannel, channel, payload, stoppingToken);
            }

            received.Clear();
        }
    }

    private async Task DispatchAsync(Dictionary<string, IReplicaMessageHandler> byChannel, string channel, string payload, CancellationToken cancellationToken)
    {
        // A replica acts on its own changes directly; the message carries the sender's instance first.
        if (payload.Split('\n', 2) is not [var instance, var message] || instance == database.Instance || !byChannel.TryGetValue(channel, out var handler))
        {
            return;
        }

        try
        {
            await handler.HandleAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogHandlerFailed(exception, channel);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the replica notification connection; reconnecting in {RetryMilliseconds} ms")]
    private partial void LogListenerLost(Exception exception, double retryMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica notifications are back; waking every open stream and desk to catch up")]
    private partial void LogListenerBack();

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a replica notification on {Channel} failed")]
    private partial void LogHandlerFailed(Exception exception, string channel);
}
