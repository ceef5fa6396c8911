using System.Data.Common;

namespace CitizenBot.Storage;

/// <summary>One numbered schema change; both providers number the same change the same.</summary>
public sealed record MigrationStep(int Version, string Name, string Sql);

/// <summary>
/// The database every store works on, whichever provider keeps it. Stores write portable SQL (Dapper <c>@name</c> parameters,
/// <c>ON CONFLICT</c>, <c>RETURNING</c>); the few things that differ between SQLite and PostgreSQL are members here.
/// </summary>
public abstract class BotDatabase : IAsyncDisposable
{
    /// <summary>Names this process among the replicas, so a replica skips the notifications it sent itself.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The numbered schema changes, in order.</summary>
    public abstract IReadOnlyList<MigrationStep> Migrations { get; }

    /// <summary>A pooled connection for reading.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="write"/> on a connection that may write; transactions inside are the caller's.</summary>
    public abstract Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken cancellationToken);

    public Task WriteAsync(Func<DbConnection, Task> write, CancellationToken cancellationToken) =>
        WriteAsync(
            async connection =>
            {
                await write(connection);
                return true;
            },
            cancellationToken);

    /// <summary>Membership in a list parameter, e.g. <c>state {InList("open")}</c>.</summary>
    public abstract string InList(string parameter);

    /// <summary>Non-membership in a list parameter.</summary>
    public abstract string NotInList(string parameter);

    /// <summary>Holds off other replicas' migrations until <paramref name="transaction"/> ends.</summary>
    public virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction) => Task.CompletedTask;

    /// <summary>Tells the other replicas on <paramref name="channel"/>, when the transaction commits; a single process has nobody to tell.</summary>
    public virtual Task NotifyAsync(DbConnection connection, DbTransaction? transaction, string channel, string message) => Task.CompletedTask;

    /// <summary>Tells the other replicas on <paramref name="channel"/> now.</summary>
    public virtual Task NotifyAsync(string channel, string message, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A random key kept with the data, created on first use, the same for every replica.</summary>
    public abstract byte[] LoadOrCreateSecret(string name);

    public abstract ValueTask DisposeAsync();
}
