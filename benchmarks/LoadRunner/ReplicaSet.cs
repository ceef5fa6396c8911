using System.Security.Cryptography;

namespace CitizenBot.LoadRunner;

/// <summary>Where the replicas keep conversations.</summary>
public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>How to start the replicas of one deployment.</summary>
public sealed record ReplicaPlan(
    int Replicas,
    StorageProvider Storage,
    string? PostgresConnection,
    string BotAssembly,
    string ContentRoot,
    string LogLevel,
    IReadOnlyDictionary<string, string> BotEnvironment,
    int FirstPort,
    int LastPort);

/// <summary>
/// Several bot processes of one deployment: one Direct Line secret and token signing key, one database. Clients reach
/// them through a sticky-free round robin, as behind a load balancer without session affinity: any request may land
/// on any replica, and a killed replica simply stops answering.
/// </summary>
public sealed class ReplicaSet : IAsyncDisposable
{
    private readonly List<BotProcess> _replicas = [];
    private readonly List<HttpClient> _http = [];
    private readonly List<DirectLineClient> _clients = [];
    private int _next = -1;

    private ReplicaSet(string secret, StorageProvider storage) => (Secret, Storage) = (secret, storage);

    public string Secret { get; }

    public StorageProvider Storage { get; }

    public IReadOnlyList<BotProcess> Replicas => _replicas;

    public static async Task<ReplicaSet> StartAsync(ReplicaPlan plan, TimeSpan requestTimeout, CancellationToken cancellationToken)
    {
        if (plan.Replicas > 1 && plan.Storage == StorageProvider.Sqlite)
        {
            throw new ArgumentException("Replicas share conversations only on PostgreSQL; SQLite runs one replica.", nameof(plan));
        }

        var set = new ReplicaSet(BotProcess.NewSecret(), plan.Storage);
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = plan.Storage.ToString(),
            // A token one replica issued must be valid on every other.
            ["DirectLine:TokenSigningKey"] = RandomNumberGenerator.GetHexString(64, lowercase: true),
        };
        if (plan.Storage == StorageProvider.PostgreSql)
        {
            settings["Storage:ConnectionString"] = plan.PostgresConnection
                ?? throw new ArgumentException("PostgreSQL storage needs a connection string.", nameof(plan));
        }

        try
        {
            // One after another: the first applies the migrations, and each takes the next free port.
            for (var i = 0; i < plan.Replicas; i++)
            {
                var bot = await BotProcess.StartAsync(
                    plan.BotAssembly, plan.ContentRoot, BotProcess.FreePort(plan.FirstPort, plan.LastPort), plan.LogLevel, plan.BotEnvironment, cancellationToken, settings, set.Secret);
                set._replicas.Add(bot);
                var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
                {
                    BaseAddress = bot.BaseAddress,
                    Timeout = requestTimeout,
                };
                set._http.Add(http);
                set._clients.Add(new DirectLineClient(http, set.Secret));
            }
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }

        return set;
    }

    /// <summary>The next replica in turn, alive or not: a client cannot know which one has died until it asks.</summary>
    public DirectLineClient Next() => _clients[(int)((uint)Interlocked.Increment(ref _next) % (uint)_clients.Count)];

    /// <summary>Ends one replica as a crash would (SIGKILL): open sockets break, turns in flight stop where they are.</summary>
    public void Kill(int index) => _replicas[index].Kill();

    public IReadOnlyList<BotResources> Resources() => [.. _replicas.Where(r => !r.HasExited).Select(r => r.Resources())];

    public async ValueTask DisposeAsync()
    {
        foreach (var http in _http)
        {
            http.Dispose();
        }

        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
