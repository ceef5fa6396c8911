using CitizenBot.LoadRunner;
using CitizenBot.Tests.Shared;
using Xunit.Abstractions;

namespace CitizenBot.ReliabilityTests;

/// <summary>
/// Two real bot processes on one PostgreSQL server under 200 concurrent Direct Line conversations, behind a sticky-free
/// round robin. A replica dies or the database restarts while citizens ask; their Web Chat clients fail over, resume
/// their streams and re-post what got no reply with the same clientActivityID. Every message must get exactly one reply.
/// </summary>
public sealed class ReplicaFailoverTests(ReplicaFailoverTests.PostgresServer server, ITestOutputHelper output) : IClassFixture<ReplicaFailoverTests.PostgresServer>
{
    private const int Conversations = 200;
    private const int Turns = 3;
    private static readonly TimeSpan TestBound = TimeSpan.FromMinutes(3);

    // Citizens pause about a second between questions, so the fault lands while all of them are mid-conversation.
    private static readonly RunSettings Citizens = new(Turns, ReplyTimeout: TimeSpan.FromSeconds(60), PollInterval: TimeSpan.FromMilliseconds(200), ThinkTime: TimeSpan.FromSeconds(1))
    {
        RepostAfter = TimeSpan.FromSeconds(8),
    };

    [Fact]
    public async Task Killing_one_of_two_replicas_mid_run_loses_and_duplicates_no_message()
    {
        using var bound = new CancellationTokenSource(TestBound);
        var postgres = server.Postgres;
        await using var replicas = await StartReplicasAsync(postgres, bound.Token);

        var run = await ReplicaRun.RunAsync(
            replicas, ReplyMode.WebSocket, Conversations, Citizens, new FaultPlan(TimeSpan.FromSeconds(1.5), null, null), TestBound - TimeSpan.FromSeconds(30), bound.Token);

        output.WriteLine(ReplicaRun.Line(run));
        replicas.Replicas[^1].HasExited.ShouldBeTrue();
        ShouldBeAnsweredExactlyOnce(run);
    }

    [Fact]
    public async Task Restarting_PostgreSQL_mid_run_loses_and_duplicates_no_message()
    {
        using var bound = new CancellationTokenSource(TestBound);
        var postgres = server.Postgres;
        await using var replicas = await StartReplicasAsync(postgres, bound.Token);

        var run = await ReplicaRun.RunAsync(
            replicas, ReplyMode.WebSocket, Conversations, Citizens, new FaultPlan(null, TimeSpan.FromSeconds(1.5), _ => postgres.RestartAsync()), TestBound - TimeSpan.FromSeconds(30), bound.Token);

        output.WriteLine(ReplicaRun.Line(run));
        replicas.Replicas.ShouldAllBe(replica => !replica.HasExited);
        ShouldBeAnsweredExactlyOnce(run);
    }

    /// <summary>One server for both tests (each takes its own database); starting a second right after the first stopped races for its port.</summary>
    public sealed class PostgresServer : IAsyncLifetime
    {
        public LocalPostgres Postgres { get; private set; } = null!;

        public async Task InitializeAsync() => Postgres = await LocalPostgres.StartAsync();

        public async Task DisposeAsync() => await Postgres.DisposeAsync();
    }

    private static async Task<ReplicaSet> StartReplicasAsync(LocalPostgres postgres, CancellationToken cancellationToken)
    {
        var plan = new ReplicaPlan(
            2,
            StorageProvider.PostgreSql,
            postgres.ConnectionString(await postgres.CreateDatabaseAsync()),
            BotProcess.DefaultAssemblyPath,
            BotProcess.DefaultContentRoot,
            "Warning",
            new Dictionary<string, string>(),
            5770,
            5799);
        return await ReplicaSet.StartAsync(plan, TimeSpan.FromSeconds(15), cancellationToken);
    }

    private static void ShouldBeAnsweredExactlyOnce(ReplicaRunResult run)
    {
        run.Faults.ShouldHaveSingleItem("the fault must strike while the citizens are asking");
        run.StartFailures.ShouldBe(0);
        run.Asked.ShouldBe(Conversations * Turns);
        run.Posted.ShouldBe(run.Asked);
        run.Lost.ShouldBe(0);
        run.Duplicated.ShouldBe(0);
        run.RepliedOnce.ShouldBe(run.Asked);
    }
}
