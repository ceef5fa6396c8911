using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CitizenBot.Storage;

/// <summary>
/// The embedded SQLite database: one file under the data folder in WAL mode. Readers use pooled connections;
/// all writes go through one long-lived connection, one at a time, because SQLite allows a single writer.
/// </summary>
public sealed class SqliteDatabase : BotDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
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
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _writeGate.Dispose();
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // WAL lets readers run beside the writer; NORMAL syncs at checkpoints, which WAL keeps crash-safe.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
