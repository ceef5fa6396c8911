using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CitizenBot.Storage;

/// <summary>
/// The embedded SQLite database: one file under the data folder in WAL mode. Readers use pooled connections;
/// all writes go through one long-lived connection, one at a time, because SQLite allows a single writer.
/// Checkpoints (copying the WAL into the database file, with an fsync) run once a second between writes, not inside a turn's commit.
/// </summary>
public sealed class SqliteDatabase : BotDatabase
{
    // Often enough that the WAL stays small; rare enough that a page rewritten by many turns is copied and synced once.
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Timer _checkpoints;
    private SqliteConnection? _writer;

    public SqliteDatabase(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        DataFolder = Path.GetFullPath(options.Value.DataFolder, environment.ContentRootPath);
        Directory.CreateDirectory(DataFolder);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataFolder, "citizenbot.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
        _checkpoints = new Timer(_ => _ = CheckpointAsync(), null, CheckpointInterval, CheckpointInterval);
    }

    public string DataFolder { get; }

    public override IReadOnlyList<MigrationStep> Migrations => SqliteSchema.Steps;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs <paramref name="write"/> on the writer connection; queueing here avoids busy-wait retries inside SQLite.</summary>
    public override async Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            _writer ??= await OpenWriterAsync(cancellationToken);
            return await write(_writer);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public override string InList(string parameter) => $"IN @{parameter}";

    public override string NotInList(string parameter) => $"NOT IN @{parameter}";

    /// <summary>A generated key lives beside the database, so it survives a restart of a single-instance install.</summary>
    public override byte[] LoadOrCreateSecret(string name)
    {
        var path = Path.Combine(DataFolder, name + ".key");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // Opened exclusively: of two processes starting at once, one creates the key while the other waits and then reads it.
                using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (file.Length > 0)
                {
                    using var reader = new StreamReader(file);
                    return Convert.FromBase64String(reader.ReadToEnd().Trim());
                }

                var key = RandomNumberGenerator.GetBytes(32);
                using var writer = new StreamWriter(file);
                writer.Write(Convert.ToBase64String(key));
                return key;
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(20);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _checkpoints.DisposeAsync();
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _writeGate.Dispose();
    }

    /// <summary>
    /// Copies what the WAL holds into the database file as far as readers allow. On the writer between two writes, so that the next write
    /// can start the WAL over when everything was copied; a checkpoint beside a busy writer never catches up and the WAL only grows.
    /// </summary>
    private async Task CheckpointAsync()
    {
        try
        {
            await WriteAsync(
                async connection =>
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    await command.ExecuteNonQueryAsync();
                },
                CancellationToken.None);
        }
        catch (Exception exception) when (exception is SqliteException or ObjectDisposedException)
        {
            // Busy, or the database is closing: the next tick tries again; the WAL keeps everything meanwhile.
        }
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // WAL lets readers run beside the writer; NORMAL syncs at checkpoints, which WAL keeps crash-safe; the timer checkpoints, not the commits.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
