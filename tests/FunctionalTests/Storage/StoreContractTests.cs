using System.Text.Json.Nodes;
using CitizenBot.Channels.Messengers;
using CitizenBot.Fairness;
using CitizenBot.Handoff;
using CitizenBot.Insights;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CitizenBot.FunctionalTests.Storage;

/// <summary>
/// What every store promises, on both providers. On PostgreSQL, "A" and "B" are two replicas (separate connection pools on
/// one database); SQLite serves a single process, so there A and B are the same one.
/// </summary>
[Collection(UsesPostgres.Name)]
public sealed class StoreContractTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly ConversationKey Key = new("directline", "conversation-1");
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "citizenbot-tests", Guid.NewGuid().ToString("N"));
    private readonly List<BotDatabase> _opened = [];

    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Appends_from_both_replicas_get_distinct_watermarks_without_gaps(StorageProvider provider)
    {
        var (a, b) = await ReplicasAsync(provider);
        var stores = new[] { Conversations(a), Conversations(b) };
        await stores[0].EnsureAsync(Key, "directline", null, "user-1", "de", CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            stores[i % 2].AppendAsync(Key, ActivityDirection.Inbound, Message($"Frage {i}"), CancellationToken.None)));

        results.Select(result => result.Stored.Sequence).Order().ShouldBe(Enumerable.Range(0, 40).Select(i => (long)i));
        var read = await stores[1].ReadAfterAsync(Key, -1, 100, CancellationToken.None);
        read.Select(stored => stored.Sequence).ShouldBe(Enumerable.Range(0, 40).Select(i => (long)i));
        (await stores[0].FindAsync(Key, CancellationToken.None))!.LastSequence.ShouldBe(39);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_client_post_retried_on_both_replicas_is_stored_once(StorageProvider provider)
    {
        var (a, b) = await ReplicasAsync(provider);
        var stores = new[] { Conversations(a), Conversations(b) };
        await stores[0].EnsureAsync(Key, "directline", null, "user-1", "de", CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            stores[i % 2].AppendAsync(Key, ActivityDirection.Inbound, Message("Was kostet ein Reisepass?", "client-7"), CancellationToken.None)));

        results.Count(result => !result.WasDuplicate).ShouldBe(1);
        results.Select(result => result.Stored.Activity.Id).Distinct().ShouldHaveSingleItem();
        (await stores[1].ReadAfterAsync(Key, -1, 100, CancellationToken.None)).ShouldHaveSingleItem().Activity.Text.ShouldBe("Was kostet ein Reisepass?");
        (await stores[1].AppendAsync(Key, ActivityDirection.Outbound, Message("Antwort"), CancellationToken.None)).Stored.Sequence.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Exactly_one_staff_member_wins_an_accept(StorageProvider provider)
    {
        var (a, b) = await ReplicasAsync(provider);
        var desks = new[] { new HandoffStore(a, TimeProvider.System), new HandoffStore(b, TimeProvider.System) };
        await Conversations(a).EnsureAsync(Key, "directline", null, "user-1", "de", CancellationToken.None);
        var queued = await desks[0].CreateAsync(Key, HandoffReason.Request, 0, "de", CancellationToken.None);
        (await desks[0].MoveAsync(queued.Id, [HandoffState.ConsentAsked], HandoffState.Queued, new CaseChanges(Consent: true), CancellationToken.None)).ShouldBeTrue();

        var accepts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            desks[i % 2].MoveAsync(queued.Id, [HandoffState.Queued], HandoffState.Accepted, new CaseChanges(Agent: $"agent{i}"), CancellationToken.None)));

        accepts.Count(won => won).ShouldBe(1);
        var seen = (await desks[1].FindAsync(queued.Id, CancellationToken.None))!;
        seen.State.ShouldBe(HandoffState.Accepted);
        seen.Consent.ShouldBe(true);
        seen.Agent.ShouldBe($"agent{Array.IndexOf(accepts, true)}");
        (await desks[1].ListAsync([HandoffState.Accepted], CancellationToken.None)).ShouldHaveSingleItem().Id.ShouldBe(queued.Id);
        (await desks[0].FindOpenAsync(Key, CancellationToken.None))!.Id.ShouldBe(queued.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_last_vote_on_an_answer_counts_whichever_replica_took_it(StorageProvider provider)
    {
        var (a, b) = await ReplicasAsync(provider);
        var insights = new[] { new InsightsStore(a), new InsightsStore(b) };
        var asked = DateTimeOffset.UtcNow;
        await insights[0].RecordAsync(
            new AnsweredTurn("ref-1", Key, "activity-1", asked, "de", "webchat", Outcomes.Answered, "Was kostet ein [Dokument]?", "S1", ["S1"], 42.5),
            CancellationToken.None);

        await insights[0].SaveVoteAsync("ref-1", "up", null, asked.AddSeconds(5), CancellationToken.None);
        await insights[1].SaveVoteAsync("ref-1", "down", "zu kurz", asked.AddSeconds(9), CancellationToken.None);

        var turn = (await insights[0].FindAsync(Key, "activity-1", CancellationToken.None))!;
        turn.Vote.ShouldBe("down");
        turn.Comment.ShouldBe("zu kurz");
        turn.AnswerMilliseconds.ShouldBe(42.5);
        var today = DateOnly.FromDateTime(asked.UtcDateTime);
        (await insights[1].ListAsync(today, today, CancellationToken.None)).ShouldHaveSingleItem().Vote.ShouldBe("down");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_webhook_delivery_is_processed_once_across_replicas(StorageProvider provider)
    {
        var (a, b) = await ReplicasAsync(provider);
        var deliveries = new[] { new ProcessedDeliveries(a, TimeProvider.System), new ProcessedDeliveries(b, TimeProvider.System) };
        var desks = new[] { new HandoffStore(a, TimeProvider.System), new HandoffStore(b, TimeProvider.System) };

        await Task.WhenAll(deliveries.Select(delivery => delivery.MarkProcessedAsync("telegram", "update-5", CancellationToken.None)));
        var remembered = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => desks[i % 2].RememberWebhookDeliveryAsync("contact-centre-9", CancellationToken.None)));

        (await deliveries[1].WasProcessedAsync("telegram", "update-5", CancellationToken.None)).ShouldBeTrue();
        (await deliveries[1].WasProcessedAsync("telegram", "update-6", CancellationToken.None)).ShouldBeFalse();
        remembered.Count(first => first).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Forgetting_history_keeps_an_open_case_and_retention_deletes_the_conversation(StorageProvider provider)
    {
        var (a, _) = await ReplicasAsync(provider);
        var conversations = Conversations(a);
        var desk = new HandoffStore(a, TimeProvider.System);
        var erasure = new ConversationErasure(a, TimeProvider.System);
        await conversations.EnsureAsync(Key, "directline", null, "user-1", "de", CancellationToken.None);
        await conversations.AppendAsync(Key, ActivityDirection.Inbound, Message("Meine Adresse ist ..."), CancellationToken.None);
        var closed = await desk.CreateAsync(Key, HandoffReason.Request, 0, "de", CancellationToken.None);
        await desk.MoveAsync(closed.Id, [HandoffState.ConsentAsked], HandoffState.Cancelled, null, CancellationToken.None);
        var open = await desk.CreateAsync(Key, HandoffReason.Request, 0, "de", CancellationToken.None);

        await erasure.ForgetHistoryAsync(Key, [.. HandoffCase.Open.Select(state => state.ToString())], CancellationToken.None);

        (await conversations.ReadAfterAsync(Key, -1, 10, CancellationToken.None)).ShouldBeEmpty();
        (await desk.FindAsync(closed.Id, CancellationToken.None)).ShouldBeNull();
        (await desk.FindAsync(open.Id, CancellationToken.None)).ShouldNotBeNull();
        (await erasure.DeleteInactiveAsync(DateTimeOffset.UtcNow.AddDays(1), 10, CancellationToken.None)).ShouldBe(1);
        (await conversations.FindAsync(Key, CancellationToken.None)).ShouldBeNull();
        (await desk.FindAsync(open.Id, CancellationToken.None)).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_week_checked_by_both_replicas_keeps_one_fairness_finding(StorageProvider provider)
    {
        var (a, b) = await ReplicasAsync(provider);
        var monday = new DateOnly(2026, 11, 16);

        await Task.WhenAll(new[] { a, b }.Select(database => new FairnessFindings(database).RecordAsync(
            DateTimeOffset.UtcNow, monday, monday.AddDays(6), "language", "en", ["answered"], 12, CancellationToken.None)));

        var finding = (await new FairnessFindings(b).ListOpenAsync(CancellationToken.None)).ShouldHaveSingleItem();
        finding.Group.ShouldBe("en");
        finding.Questions.ShouldBe(12);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Both_replicas_sign_with_the_same_generated_key(StorageProvider provider)
    {
        var (a, b) = await ReplicasAsync(provider);

        var keys = await Task.WhenAll(new[] { a, b }.Select(database => Task.Run(() => database.LoadOrCreateSecret("directline-signing"))));

        keys[0].Length.ShouldBe(32);
        keys[1].ShouldBe(keys[0]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _opened.Distinct())
        {
            await database.DisposeAsync();
        }

        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    private static ConversationStore Conversations(BotDatabase database) => new(database, new ConversationUpdates(), TimeProvider.System);

    private static Activity Message(string text, string? clientActivityId = null) => new()
    {
        Type = "message",
        Text = text,
        ChannelData = clientActivityId is null ? null : new JsonObject { ["clientActivityID"] = clientActivityId },
    };

    /// <summary>Two replicas on one fresh database, migrated by both at once.</summary>
    private async Task<(BotDatabase A, BotDatabase B)> ReplicasAsync(StorageProvider provider)
    {
        var options = Options.Create(provider == StorageProvider.PostgreSql
            ? new StorageOptions { Provider = provider, ConnectionString = postgres.Server.ConnectionString(await postgres.Server.CreateDatabaseAsync()) }
            : new StorageOptions { DataFolder = _dataFolder });
        BotDatabase Open() => provider == StorageProvider.PostgreSql
            ? new PostgresDatabase(options)
            : new SqliteDatabase(options, new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        var a = Open();
        var b = provider == StorageProvider.PostgreSql ? Open() : a;
        _opened.AddRange([a, b]);
        await Task.WhenAll(new[] { a, b }.Distinct().Select(database =>
            new DatabaseMigrations(database, TimeProvider.System, NullLogger<DatabaseMigrations>.Instance).StartAsync(CancellationToken.None)));
        return (a, b);
    }
}
