using System.Globalization;
using System.Text.Json.Nodes;
using CitizenBot.SharedKernel.Activities;
using Dapper;

namespace CitizenBot.Storage;

/// <summary>The conversation store, on whichever database the bot is configured with.</summary>
public sealed class ConversationStore(BotDatabase database, ConversationUpdates updates, TimeProvider time) : IConversationStore
{
    private const string RecordColumns =
        "transport, id, channel_id AS ChannelId, service_url AS ServiceUrl, user_id AS UserId, locale, started, last_seq AS LastSeq, created_at AS CreatedAt";

    public async Task<ConversationRecord> EnsureAsync(
        ConversationKey key, string channelId, string? serviceUrl, string? userId, string? locale, CancellationToken cancellationToken)
    {
        await WriteAsync(
            """
            INSERT INTO conversations (transport, id, channel_id, service_url, user_id, locale, created_at)
            VALUES (@Transport, @ConversationId, @channelId, @serviceUrl, @userId, @locale, @now)
            ON CONFLICT (transport, id) DO UPDATE SET service_url = COALESCE(excluded.service_url, conversations.service_url)
            """,
            new { key.Transport, key.ConversationId, channelId, serviceUrl, userId, locale, now = Now() },
            cancellationToken);
        return (await FindAsync(key, cancellationToken))!;
    }

    public async Task<ConversationRecord?> FindAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ConversationRow>(
            $"SELECT {RecordColumns} FROM conversations WHERE transport = @Transport AND id = @ConversationId",
            new { key.Transport, key.ConversationId });
        return row?.ToRecord();
    }

    public async Task<bool> MarkStartedAsync(ConversationKey key, CancellationToken cancellationToken) =>
        await WriteAsync(
            "UPDATE conversations SET started = 1 WHERE transport = @Transport AND id = @ConversationId AND started = 0",
            new { key.Transport, key.ConversationId },
            cancellationToken) == 1;

    public Task SetLocaleAsync(ConversationKey key, string locale, CancellationToken cancellationToken) =>
        WriteAsync(
            "UPDATE conversations SET locale = @locale WHERE transport = @Transport AND id = @ConversationId",
            new { key.Transport, key.ConversationId, locale },
            cancellationToken);

    public async Task<AppendResult> AppendAsync(
        ConversationKey key, ActivityDirection direction, Activity activity, CancellationToken cancellationToken)
    {
        var clientActivityId = ClientActivityId(activity);
        string? json = null;
        var result = await database.WriteAsync(
            async connection =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                // Numbering first locks the conversation's row: appends from any replica queue here, so the duplicate check sees every earlier commit.
                var seq = await connection.QuerySingleOrDefaultAsync<long?>(
                    "UPDATE conversations SET last_seq = last_seq + 1 WHERE transport = @Transport AND id = @ConversationId RETURNING last_seq",
                    new { key.Transport, key.ConversationId },
                    transaction) ?? throw new InvalidOperationException($"Conversation {key} does not exist.");
                if (clientActivityId is not null)
                {
                    var earlier = await connection.QuerySingleOrDefaultAsync<ActivityRow>(
                        """
                        SELECT seq, direction, json FROM activities
                        WHERE transport = @Transport AND conversation_id = @ConversationId AND client_activity_id = @clientActivityId
                        """,
                        new { key.Transport, key.ConversationId, clientActivityId },
                        transaction);
                    if (earlier is not null)
                    {
                        await transaction.RollbackAsync(cancellationToken);
                        return new AppendResult(earlier.ToStored(), WasDuplicate: true);
                    }
                }

                var stored = ActivityJson.Clone(activity);
                stored.Id ??= string.Create(CultureInfo.InvariantCulture, $"{key.ConversationId}|{seq:D7}");
                stored.Timestamp ??= time.GetUtcNow();
                json = ActivityJson.Serialize(stored);
                await connection.ExecuteAsync(
                    """
                    INSERT INTO activities (transport, conversation_id, seq, id, direction, client_activity_id, json, created_at)
                    VALUES (@Transport, @ConversationId, @seq, @id, @direction, @clientActivityId, @json, @now)
                    """,
                    new
                    {
                        key.Transport,
                        key.ConversationId,
                        seq,
                        id = stored.Id,
                        direction = direction.ToString(),
                        clientActivityId,
                        json,
                        now = Now(),
                    },
                    transaction);
                await database.NotifyAsync(connection, transaction, ReplicaChannels.Activities, ReplicaChannels.ConversationMessage(key));
                await transaction.CommitAsync(cancellationToken);
                return new AppendResult(new StoredActivity(seq, direction, stored), WasDuplicate: false);
            },
            cancellationToken);

        if (!result.WasDuplicate)
        {
            updates.Publish(key, new AppendedActivity(result.Stored, json!));
        }

        return result;
    }

    public async Task<IReadOnlyList<StoredActivity>> ReadAfterAsync(
        ConversationKey key, long watermark, int maxCount, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ActivityRow>(
            """
            SELECT seq, direction, json FROM activities
            WHERE transport = @Transport AND conversation_id = @ConversationId AND seq > @watermark
            ORDER BY seq LIMIT @maxCount
            """,
            new { key.Transport, key.ConversationId, watermark, maxCount });
        return rows.Select(row => row.ToStored()).ToList();
    }

    public async Task<string?> ReadStateAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT state FROM conversations WHERE transport = @Transport AND id = @ConversationId",
            new { key.Transport, key.ConversationId });
    }

    public Task WriteStateAsync(ConversationKey key, string? stateJson, CancellationToken cancellationToken) =>
        WriteAsync(
            "UPDATE conversations SET state = @stateJson WHERE transport = @Transport AND id = @ConversationId",
            new { key.Transport, key.ConversationId, stateJson },
            cancellationToken);

    private Task<int> WriteAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync(sql, parameters), cancellationToken);

    // The same clock as retention, so "inactive for 30 days" is measured on one time line.
    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Web Chat and botframework-directlinejs tag each post with channelData.clientActivityID; a retry repeats it.</summary>
    private static string? ClientActivityId(Activity activity) =>
        activity.ChannelData is JsonObject data && data["clientActivityID"] is JsonValue value && value.TryGetValue<string>(out var id)
            ? id
            : null;

    private sealed record ConversationRow(
        string Transport, string Id, string ChannelId, string? ServiceUrl, string? UserId, string? Locale, long Started, long LastSeq, string CreatedAt)
    {
        public ConversationRecord ToRecord() => new(
            new ConversationKey(Transport, Id),
            ChannelId,
            ServiceUrl,
            UserId,
            Locale,
            Started != 0,
            LastSeq,
            DateTimeOffset.Parse(CreatedAt, CultureInfo.InvariantCulture));
    }

    private sealed record ActivityRow(long Seq, string Direction, string Json)
    {
        public StoredActivity ToStored() =>
            new(Seq, Enum.Parse<ActivityDirection>(Direction), ActivityJson.Deserialize(Json)!);
    }
}
