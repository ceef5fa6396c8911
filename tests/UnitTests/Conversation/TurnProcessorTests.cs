using System.Diagnostics.Metrics;
using CitizenBot.Conversation;
using CitizenBot.SharedKernel;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;
using CitizenBot.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CitizenBot.UnitTests.Conversation;

/// <summary>A turn that fails on its way to the database, on a real SQLite store: the citizen gets exactly one reply.</summary>
public sealed class TurnProcessorTests : IDisposable
{
    private const string Answer = "Einen Reisepass beantragen Sie im Bürgerbüro.";
    private static readonly ConversationKey Key = new("directline", "turn-processor-test");

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "citizenbot-tests", Guid.NewGuid().ToString("N"));
    private readonly CitizenTexts _texts = ShippedTexts.Create();
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task A_reply_whose_commit_went_through_while_its_acknowledgement_was_lost_gets_no_apology_after_it()
    {
        var replies = await RepliesAfterFailingTurnAsync(commitBeforeFailing: true);

        replies.ShouldBe([Answer]);
    }

    [Fact]
    public async Task A_reply_that_never_reached_the_database_is_followed_by_the_apology()
    {
        var replies = await RepliesAfterFailingTurnAsync(commitBeforeFailing: false);

        replies.ShouldBe([_texts.Get(TextKeys.TurnFailed, "de")]);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    /// <summary>Runs one citizen message whose first reply fails to append, and returns the text of every stored reply to it.</summary>
    private async Task<List<string?>> RepliesAfterFailingTurnAsync(bool commitBeforeFailing)
    {
        await using var database = new SqliteDatabase(Options.Create(new StorageOptions { DataFolder = _dataFolder }), new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        await new DatabaseMigrations(database, TimeProvider.System, NullLogger<DatabaseMigrations>.Instance).StartAsync(CancellationToken.None);
        var store = new FirstReplyFails(new ConversationStore(database, new ConversationUpdates(), TimeProvider.System), commitBeforeFailing);
        var outgoing = new OutgoingPipeline(store, [new Silent()], TimeProvider.System, NullLogger<OutgoingPipeline>.Instance);
        var processor = new TurnProcessor(
            store, new ConversationStateStore(store), new Answers(), outgoing, _texts,
            new CitizenBotTelemetry(_metrics.GetRequiredService<IMeterFactory>()), NullLogger<TurnProcessor>.Instance);
        var conversation = await store.EnsureAsync(Key, "directline", null, "citizen", "de", CancellationToken.None);

        var question = await processor.ProcessAsync(
            conversation, new Activity { Type = "message", Text = "Wo beantrage ich einen Reisepass?", From = new ChannelAccount { Id = "citizen" } }, CancellationToken.None);

        var stored = await store.ReadAfterAsync(Key, question.Sequence, 50, CancellationToken.None);
        return [.. stored.Where(activity => activity.Direction == ActivityDirection.Outbound && activity.Activity.ReplyToId == question.Activity.Id).Select(activity => activity.Activity.Text)];
    }

    /// <summary>Answers every message with one text.</summary>
    private sealed class Answers : ITurnHandler
    {
        public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) => await turn.SendTextAsync(Answer, cancellationToken);
    }

    private sealed class Silent : IReplyTransport
    {
        public string Transport => Key.Transport;

        public Task DeliverAsync(ConversationRecord conversation, StoredActivity activity, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>
    /// The real store, except that the first bot reply fails the way a restarting database server fails it: after its commit
    /// (the acknowledgement is lost) or before it.
    /// </summary>
    private sealed class FirstReplyFails(IConversationStore inner, bool commitBeforeFailing) : IConversationStore
    {
        private bool _failed;

        public async Task<AppendResult> AppendAsync(ConversationKey key, ActivityDirection direction, Activity activity, CancellationToken cancellationToken)
        {
            if (direction == ActivityDirection.Inbound || _failed)
            {
                return await inner.AppendAsync(key, direction, activity, cancellationToken);
            }

            _failed = true;
            if (commitBeforeFailing)
            {
                await inner.AppendAsync(key, direction, activity, cancellationToken);
            }

            throw new IOException("The database connection was reset.");
        }

        public Task<ConversationRecord> EnsureAsync(ConversationKey key, string channelId, string? serviceUrl, string? userId, string? locale, CancellationToken cancellationToken) =>
            inner.EnsureAsync(key, channelId, serviceUrl, userId, locale, cancellationToken);

        public Task<ConversationRecord?> FindAsync(ConversationKey key, CancellationToken cancellationToken) => inner.FindAsync(key, cancellationToken);

        public Task<bool> MarkStartedAsync(ConversationKey key, CancellationToken cancellationToken) => inner.MarkStartedAsync(key, cancellationToken);

        public Task SetLocaleAsync(ConversationKey key, string locale, CancellationToken cancellationToken) => inner.SetLocaleAsync(key, locale, cancellationToken);

        public Task<IReadOnlyList<StoredActivity>> ReadAfterAsync(ConversationKey key, long watermark, int maxCount, CancellationToken cancellationToken) =>
            inner.ReadAfterAsync(key, watermark, maxCount, cancellationToken);

        public Task<string?> ReadStateAsync(ConversationKey key, CancellationToken cancellationToken) => inner.ReadStateAsync(key, cancellationToken);

        public Task WriteStateAsync(ConversationKey key, string? stateJson, CancellationToken cancellationToken) => inner.WriteStateAsync(key, stateJson, cancellationToken);
    }
}
