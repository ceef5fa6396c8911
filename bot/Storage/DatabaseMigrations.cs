using System.Globalization;
using Dapper;

namespace CitizenBot.Storage;

/// <summary>
/// Brings the schema up to date at start-up: every missing step, in order, in one transaction. Replicas starting together
/// queue on the provider's migration lock, so the second finds the steps applied and applies nothing.
/// </summary>
public sealed class DatabaseMigrations(BotDatabase database, TimeProvider time, ILogger<DatabaseMigrations> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(
            async connection =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await database.LockForMigrationAsync(connection, transaction);
                await connection.ExecuteAsync(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                    transaction: transaction);
                var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations", transaction: transaction)).ToHashSet();
                var missing = database.Migrations.Where(step => !applied.Contains(step.Version)).ToList();
                foreach (var step in missing)
                {
                    await connection.ExecuteAsync(step.Sql, transaction: transaction);
                    await connection.ExecuteAsync(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @at)",
                        new { step.Version, step.Name, at = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                        transaction);
                }

                await transaction.CommitAsync(cancellationToken);
                foreach (var step in missing)
                {
                    logger.LogInformation("Applied database migration {Version} ({Name})", step.Version, step.Name);
                }
            },
            cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
