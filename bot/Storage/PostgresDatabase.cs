using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CitizenBot.Storage;

/// <summary>
/// A PostgreSQL database that several replicas share. Writes are plain transactions on pooled connections; the stores'
/// conditional UPDATEs, row locks and unique indexes keep them correct across processes.
/// </summary>
public sealed class PostgresDatabase : BotDatabase
{
    // Any fixed number works; it only has to be the same in every replica.
    private const long MigrationLockKey = 0x43_69_74_69_7A_65_6E;

    public PostgresDatabase(IOptions<StorageOptions> options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        DataSource = NpgsqlDataSource.Create(builder);
        // The listening connection must notice a dead server on its own, since it only ever waits.
        builder.KeepAlive = 10;
        builder.Pooling = false;
        ListenerConnectionString = builder.ConnectionString;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>For the one connection per process that waits for notifications.</summary>
    public string ListenerConnectionString { get; }

    public override IReadOnlyList<MigrationStep> Migrations => PostgresSchema.Steps;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken);

    public override async Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await write(connection);
    }

    public override string InList(string parameter) => $"= ANY(@{parameter})";

    public override string NotInList(string parameter) => $"<> ALL(@{parameter})";

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLockKey }, transaction);

    public override Task NotifyAsync(DbConnection connection, DbTransaction? transaction, string channel, string message) =>
        connection.ExecuteAsync("SELECT pg_notify(@channel, @payload)", new { channel, payload = Instance + "\n" + message }, transaction);

    public override async Task NotifyAsync(string channel, string message, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await NotifyAsync(connection, null, channel, message);
    }

    /// <summary>The first replica to ask stores its random key; every later ask, on any replica, reads that one.</summary>
    public override byte[] LoadOrCreateSecret(string name)
    {
        using var connection = DataSource.OpenConnection();
        connection.Execute(
            "INSERT INTO shared_secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
            new { name, value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        return Convert.FromBase64String(connection.QuerySingle<string>("SELECT value FROM shared_secrets WHERE name = @name", new { name }));
    }

    public override async ValueTask DisposeAsync() => await DataSource.DisposeAsync();
}
