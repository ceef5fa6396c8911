using System.Globalization;
using System.Threading.Channels;
using CitizenBot.Storage;
using Dapper;

namespace CitizenBot.Insights;

/// <summary>What happened to one question, as analytics keep it: redacted wording, services, outcome, time, the citizen's vote.</summary>
public sealed record AnsweredTurn(
    string Reference,
    ConversationKey Conversation,
    string ActivityId,
    DateTimeOffset AskedAt,
    string Language,
    string Channel,
    string Outcome,
    string Question,
    string? ServiceId,
    IReadOnlyList<string> Sources,
    double AnswerMilliseconds,
    string? Vote = null,
    string? Comment = null);

/// <summary>A handoff request as the figures count it: when, why, in which language and channel.</summary>
public sealed record HandoffRequest(DateOnly Day, string Reason, string Language, string Channel, ConversationKey Conversation);

/// <summary>The outcome names stored for each question.</summary>
public static class Outcomes
{
    public const string Answered = "answered";
    public const string AskedBack = "asked_back";
    public const string Abstained = "abstained";

    /// <summary>Refusals and requests for other wording: questions the bot did not try to answer from a service.</summary>
    public const string Other = "other";
}

/// <summary>
/// Analytics rows in the database; handoffs are read from the handoff cases themselves. Answered turns are queued by the turn and written
/// in batches by <see cref="AnswerLogWriter"/>, off the turn's way to the single writer; every read first writes what is queued.
/// </summary>
public sealed class InsightsStore(BotDatabase database) : IDisposable
{
    // Far above a burst of answers between two batches; when full, answering waits rather than losing the row.
    private const int QueueLimit = 10_000;
    private const int BatchSize = 500;

    private const string InsertAnswer =
        """
        INSERT INTO insight_answers
            (reference, transport, conversation_id, activity_id, asked_at, day, language, channel, outcome, question, service_id, sources, answer_ms)
        VALUES (@Reference, @Transport, @ConversationId, @ActivityId, @askedAt, @day, @Language, @Channel, @Outcome, @Question, @ServiceId, @sources, @AnswerMilliseconds)
        """;

    private readonly Channel<AnsweredTurn> _queued = Channel.CreateBounded<AnsweredTurn>(new BoundedChannelOptions(QueueLimit) { FullMode = BoundedChannelFullMode.Wait });
    private readonly SemaphoreSlim _writingQueued = new(1, 1);

    private const string Columns =
        "reference, transport, conversation_id AS ConversationId, activity_id AS ActivityId, asked_at AS AskedAt, language, channel, outcome, " +
        "question, service_id AS ServiceId, sources, answer_ms AS AnswerMs, vote, comment";

    public Task RecordAsync(AnsweredTurn turn, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync(InsertAnswer, Parameters(turn)), cancellationToken);

    /// <summary>Queues the row for the next batch; reads of this store see it from now on.</summary>
    public ValueTask QueueAsync(AnsweredTurn turn, CancellationToken cancellationToken) => _queued.Writer.WriteAsync(turn, cancellationToken);

    /// <summary>Completes when rows are queued; false once the queue is closed.</summary>
    public ValueTask<bool> WaitForQueuedAsync(CancellationToken cancellationToken) => _queued.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Writes every queued row, in transactions of up to <see cref="BatchSize"/>; rows of a failed batch are queued again.</summary>
    public async Task WriteQueuedAsync(CancellationToken cancellationToken)
    {
        await _writingQueued.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<AnsweredTurn>();
            do
            {
                batch.Clear();
                while (batch.Count < BatchSize && _queued.Reader.TryRead(out var turn))
                {
                    batch.Add(turn);
                }

                if (batch.Count > 0)
                {
                    await WriteBatchAsync(batch, cancellationToken);
                }
            }
            while (batch.Count == BatchSize);
        }
        finally
        {
            _writingQueued.Release();
        }
    }

    private async Task WriteBatchAsync(List<AnsweredTurn> batch, CancellationToken cancellationToken)
    {
        try
        {
            await database.WriteAsync(
                async connection =>
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await connection.ExecuteAsync(InsertAnswer, batch.Select(Parameters), transaction);
                    await transaction.CommitAsync(cancellationToken);
                },
                cancellationToken);
        }
        catch
        {
            foreach (var turn in batch)
            {
                _queued.Writer.TryWrite(turn);
            }

            throw;
        }
    }

    public void Dispose() => _writingQueued.Dispose();

    private static object Parameters(AnsweredTurn turn) => new
    {
        turn.Reference,
        turn.Conversation.Transport,
        turn.Conversation.ConversationId,
        turn.ActivityId,
        askedAt = turn.AskedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        day = Day(turn.AskedAt),
        turn.Language,
        turn.Channel,
        turn.Outcome,
        turn.Question,
        turn.ServiceId,
        sources = string.Join(' ', turn.Sources),
        turn.AnswerMilliseconds,
    };

    /// <summary>The answer in this conversation that <paramref name="reference"/> names, by its activity id or its feedback reference.</summary>
    public async Task<AnsweredTurn?> FindAsync(ConversationKey conversation, string reference, CancellationToken cancellationToken)
    {
        await WriteQueuedAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            $"""
            SELECT {Columns} FROM insight_answers
            WHERE transport = @Transport AND conversation_id = @ConversationId AND (reference = @reference OR activity_id = @reference)
            """,
            new { conversation.Transport, conversation.ConversationId, reference });
        return row?.ToTurn();
    }

    /// <summary>Stores the vote; a later vote on the same answer replaces the earlier one, so nothing is counted twice.</summary>
    public async Task SaveVoteAsync(string reference, string vote, string? comment, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await WriteQueuedAsync(cancellationToken);
        await database.WriteAsync(
            connection => connection.ExecuteAsync(
                "UPDATE insight_answers SET vote = @vote, comment = COALESCE(@comment, comment), voted_at = @at WHERE reference = @reference",
                new { reference, vote, comment, at = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) }),
            cancellationToken);
    }

    public async Task<IReadOnlyList<AnsweredTurn>> ListAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        await WriteQueuedAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(
            $"SELECT {Columns} FROM insight_answers WHERE day BETWEEN @first AND @last ORDER BY asked_at",
            new { first = Day(firstDay), last = Day(lastDay) });
        return [.. rows.Select(row => row.ToTurn())];
    }

    public async Task<IReadOnlyList<HandoffRequest>> ListHandoffsAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HandoffRow>(
            """
            SELECT substr(h.created_at, 1, 10) AS Day, h.reason, h.language, COALESCE(c.channel_id, h.transport) AS Channel,
                   h.transport, h.conversation_id AS ConversationId
            FROM handoff_cases h LEFT JOIN conversations c ON c.transport = h.transport AND c.id = h.conversation_id
            WHERE substr(h.created_at, 1, 10) BETWEEN @first AND @last
            """,
            new { first = Day(firstDay), last = Day(lastDay) });
        return [.. rows.Select(row => new HandoffRequest(
            DateOnly.ParseExact(row.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), row.Reason, row.Language, row.Channel, new ConversationKey(row.Transport, row.ConversationId)))];
    }

    private static string Day(DateTimeOffset at) => Day(DateOnly.FromDateTime(at.UtcDateTime));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Dapper fills settable properties whatever type SQLite reports for an empty result.</summary>
    private sealed class Row
    {
        public string Reference { get; set; } = "";
        public string Transport { get; set; } = "";
        public string ConversationId { get; set; } = "";
        public string ActivityId { get; set; } = "";
        public string AskedAt { get; set; } = "";
        public string Language { get; set; } = "";
        public string Channel { get; set; } = "";
        public string Outcome { get; set; } = "";
        public string Question { get; set; } = "";
        public string? ServiceId { get; set; }
        public string Sources { get; set; } = "";
        public double AnswerMs { get; set; }
        public string? Vote { get; set; }
        public string? Comment { get; set; }

        public AnsweredTurn ToTurn() => new(
            Reference,
            new ConversationKey(Transport, ConversationId),
            ActivityId,
            DateTimeOffset.Parse(AskedAt, CultureInfo.InvariantCulture),
            Language,
            Channel,
            Outcome,
            Question,
            ServiceId,
            Sources.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            AnswerMs,
            Vote,
            Comment);
    }

    private sealed class HandoffRow
    {
        public string Day { get; set; } = "";
        public string Reason { get; set; } = "";
        public string Language { get; set; } = "";
        public string Channel { get; set; } = "";
        public string Transport { get; set; } = "";
        public string ConversationId { get; set; } = "";
    }
}
