using CitizenBot.Tests.Shared;

namespace CitizenBot.FunctionalTests.Storage;

/// <summary>One private PostgreSQL server for every test class in the collection; each class or test takes its own database.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public LocalPostgres Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LocalPostgres.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Settings that put a bot on a fresh database of this server.</summary>
    public async Task<Dictionary<string, string?>> FreshDatabaseSettingsAsync() => new()
    {
        ["Storage:Provider"] = "PostgreSql",
        ["Storage:ConnectionString"] = Server.ConnectionString(await Server.CreateDatabaseAsync()),
    };
}

[CollectionDefinition(Name)]
public sealed class UsesPostgres : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
