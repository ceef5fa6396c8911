using System.Globalization;
using CitizenBot.Storage;
using Dapper;

namespace CitizenBot.Knowledge;

/// <summary>The kinds of change an editor makes to a service description.</summary>
public static class KnowledgeChangeKinds
{
    public const string Added = "added";
    public const string Changed = "changed";
    public const string Removed = "removed";
}

/// <summary>One service description added, changed or removed, as it was first served.</summary>
public sealed record KnowledgeChange(DateTimeOffset ChangedAt, string DocumentId, string Title, string Change);

/// <summary>The changes within a period: counts by kind and the changes themselves, newest first.</summary>
public sealed record KnowledgeChanges(int Added, int Changed, int Removed, IReadOnlyList<KnowledgeChange> Changes)
{
    public int Total => Added + Changed + Removed;
}

/// <summary>
/// Keeps which version (content hash) of every service description was served and records each difference when the knowledge
/// changes, also the edits made while the bot was stopped. The served versions live in the database, so a change is recorded once
/// even when several replicas load it: only the statement that actually changes a stored version records it.
/// </summary>
public sealed partial class KnowledgeChangeLog(BotDatabase database, IKnowledgeBase knowledge, TimeProvider time, ILogger<KnowledgeChangeLog> logger)
    : KnowledgeFollower(knowledge)
{
    protected override async Task FollowAsync(KnowledgeSnapshot snapshot, CancellationToken stoppingToken) => await RecordAsync(snapshot, stoppingToken);

    /// <summary>Compares the snapshot with the stored versions and records every difference; returns how many it recorded.</summary>
    public async Task<int> RecordAsync(KnowledgeSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var at = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var recorded = await database.WriteAsync(
            async connection =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var stored = (await connection.QueryAsync<ServedVersion>("SELECT id, content_hash AS ContentHash, title FROM knowledge_versions", transaction: transaction))
                    .ToDictionary(version => version.Id, StringComparer.Ordinal);
                var changes = new List<(string Id, string Title, string Change)>();
                foreach (var document in snapshot.Documents)
                {
                    if (!stored.TryGetValue(document.Id, out var served))
                    {
                        if (await connection.ExecuteAsync(
                            "INSERT INTO knowledge_versions (id, content_hash, title) VALUES (@Id, @ContentHash, @Title) ON CONFLICT (id) DO NOTHING",
                            new { document.Id, document.ContentHash, document.Title },
                            transaction) == 1)
                        {
                            changes.Add((document.Id, document.Title, KnowledgeChangeKinds.Added));
                        }
                    }
                    else if (served.ContentHash != document.ContentHash && await connection.ExecuteAsync(
                        "UPDATE knowledge_versions SET content_hash = @ContentHash, title = @Title WHERE id = @Id AND content_hash = @Served",
                        new { document.Id, document.ContentHash, document.Title, Served = served.ContentHash },
                        transaction) == 1)
                    {
                        changes.Add((document.Id, document.Title, KnowledgeChangeKinds.Changed));
                    }
                }

                var current = snapshot.Documents.Select(document => document.Id).ToHashSet(StringComparer.Ordinal);
                foreach (var gone in stored.Values.Where(version => !current.Contains(version.Id)))
                {
                    if (await connection.ExecuteAsync("DELETE FROM knowledge_versions WHERE id = @Id AND content_hash = @ContentHash", gone, transaction) == 1)
                    {
                        changes.Add((gone.Id, gone.Title, KnowledgeChangeKinds.Removed));
                    }
                }

                await connection.ExecuteAsync(
                    "INSERT INTO knowledge_changes (changed_at, document_id, title, change) VALUES (@at, @Id, @Title, @Change)",
                    changes.Select(change => new { at, change.Id, change.Title, change.Change }),
                    transaction);
                await transaction.CommitAsync(cancellationToken);
                return changes.Count;
            },
            cancellationToken);
        if (recorded > 0)
        {
            LogRecorded(recorded, snapshot.Version);
        }

        return recorded;
    }

    public async Task<KnowledgeChanges> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(
            """
            SELECT changed_at AS ChangedAt, document_id AS DocumentId, title, change FROM knowledge_changes
            WHERE substr(changed_at, 1, 10) BETWEEN @from AND @to ORDER BY changed_at DESC, document_id
            """,
            new { from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }))
            .Select(row => new KnowledgeChange(DateTimeOffset.Parse(row.ChangedAt, CultureInfo.InvariantCulture), row.DocumentId, row.Title, row.Change))
            .ToList();
        return new KnowledgeChanges(
            rows.Count(change => change.Change == KnowledgeChangeKinds.Added),
            rows.Count(change => change.Change == KnowledgeChangeKinds.Changed),
            rows.Count(change => change.Change == KnowledgeChangeKinds.Removed),
            rows);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {ChangeCount} knowledge changes for snapshot {Version}")]
    private partial void LogRecorded(int changeCount, long version);

    private sealed record ServedVersion(string Id, string ContentHash, string Title);

    /// <summary>Dapper fills settable properties whatever type the database reports.</summary>
    private sealed class Row
    {
        public string ChangedAt { get; set; } = "";
        public string DocumentId { get; set; } = "";
        public string Title { get; set; } = "";
        public string Change { get; set; } = "";
    }
}
