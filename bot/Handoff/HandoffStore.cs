using System.Globalization;
using CitizenBot.Storage;
using Dapper;

namespace CitizenBot.Handoff;

/// <summary>Handoff cases, per-conversation counters, callback requests and staff actions in the database.</summary>
public sealed class HandoffStore(BotDatabase database, TimeProvider time)
{
    private const string CaseColumns =
        "id, transport, conversation_id AS ConversationId, state, reason, priority, language, consent, visible_from_seq AS VisibleFromSeq, " +
        "created_at AS CreatedAt, queued_at AS QueuedAt, accepted_at AS AcceptedAt, agent, closed_at AS ClosedAt";

    public async Task<HandoffCase?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CaseRow>($"SELECT {CaseColumns} FROM handoff_cases WHERE id = @id", new { id });
        return row?.ToCase();
    }

    /// <summary>The conversation's open case; at most one is open at a time.</summary>
    public async Task<HandoffCase?> FindOpenAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CaseRow>(
            $"SELECT {CaseColumns} FROM handoff_cases WHERE transport = @Transport AND conversation_id = @ConversationId AND state {database.InList("open")}",
            new { key.Transport, key.ConversationId, open = OpenStates });
        return row?.ToCase();
    }

    public async Task<IReadOnlyList<HandoffCase>> ListAsync(IEnumerable<HandoffState> states, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CaseRow>(
            $"SELECT {CaseColumns} FROM handoff_cases WHERE state {database.InList("states")} ORDER BY priority DESC, COALESCE(queued_at, created_at), rowid",
            new { states = states.Select(s => s.ToString()).ToList() });
        return rows.Select(row => row.ToCase()).ToList();
    }

    public async Task<HandoffCase> CreateAsync(ConversationKey key, HandoffReason reason, int priority, string language, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        await database.WriteAsync(
            connection => connection.ExecuteAsync(
                """
                INSERT INTO handoff_cases (id, transport, conversation_id, state, reason, priority, language, created_at)
                VALUES (@id, @Transport, @ConversationId, @state, @reason, @priority, @language, @now)
                """,
                new { id, key.Transport, key.ConversationId, state = nameof(HandoffState.ConsentAsked), reason = reason.ToString(), priority, language, now = Now() }),
            cancellationToken);
        return (await FindAsync(id, cancellationToken))!;
    }

    /// <summary>
    /// Moves the case on only if it is still in one of <paramref name="from"/>; false when someone else moved it first.
    /// This conditional UPDATE is what makes exactly one agent win an accept, on one replica or several: a second UPDATE waits for the
    /// first to commit and then no longer finds the case in <paramref name="from"/>.
    /// </summary>
    public async Task<bool> MoveAsync(string id, IEnumerable<HandoffState> from, HandoffState to, CaseChanges? changes, CancellationToken cancellationToken)
    {
        changes ??= new CaseChanges();
        var now = Now();
        var moved = await database.WriteAsync(
            connection => connection.ExecuteAsync(
                $"""
                UPDATE handoff_cases SET
                    state = @to,
                    consent = COALESCE(@Consent, consent),
                    visible_from_seq = COALESCE(@VisibleFromSequence, visible_from_seq),
                    queued_at = CASE WHEN @to = 'Queued' THEN COALESCE(@RequeuedAt, queued_at, @now) ELSE queued_at END,
                    last_position = CASE WHEN @to = 'Queued' THEN last_position ELSE NULL END,
                    accepted_at = CASE WHEN @to = 'Accepted' THEN @now ELSE accepted_at END,
                    agent = CASE WHEN @to = 'Accepted' THEN @Agent WHEN @to = 'Queued' THEN NULL ELSE agent END,
                    closed_at = CASE WHEN @to IN ('Completed', 'Cancelled', 'CallbackRequested', 'Failed') THEN @now ELSE closed_at END
                WHERE id = @id AND state {database.InList("from")}
                """,
                new
                {
                    id,
                    to = to.ToString(),
                    from = from.Select(s => s.ToString()).ToList(),
                    Consent = changes.Consent is { } consent ? (consent ? 1L : 0L) : (long?)null,
                    changes.VisibleFromSequence,
                    RequeuedAt = changes.RequeuedAt?.ToString("O", CultureInfo.InvariantCulture),
                    changes.Agent,
                    now,
                }),
            cancellationToken);
        return moved == 1;
    }

    /// <summary>Remembers the queue position last told to the citizen; true when it changed.</summary>
    public Task<bool> SetToldPositionAsync(string id, int position, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async connection => await connection.ExecuteAsync(
                "UPDATE handoff_cases SET last_position = @position WHERE id = @id AND state = 'Queued' AND (last_position IS NULL OR last_position <> @position)",
                new { id, position }) == 1,
            cancellationToken);

    /// <summary>How long citizens recently waited for an accept, newest first.</summary>
    public async Task<IReadOnlyList<TimeSpan>> RecentWaitsAsync(int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WaitRow>(
            "SELECT queued_at AS QueuedAt, accepted_at AS AcceptedAt FROM handoff_cases WHERE accepted_at IS NOT NULL AND queued_at IS NOT NULL ORDER BY accepted_at DESC LIMIT @count",
            new { count });
        return rows.Select(row => Parse(row.AcceptedAt) - Parse(row.QueuedAt)).ToList();
    }

    public async Task<HandoffProfile> ProfileAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ProfileRow>(
            """
            SELECT human_only AS HumanOnly, abstentions_in_row AS Abstentions, negative_feedback_in_row AS Negative, last_activity_id AS LastActivityId
            FROM handoff_conversations
            WHERE transport = @Transport AND conversation_id = @ConversationId
            """,
            new { key.Transport, key.ConversationId });
        return row is null
            ? new HandoffProfile(false, 0, 0, null)
            : new HandoffProfile(row.HumanOnly != 0, (int)row.Abstentions, (int)row.Negative, row.LastActivityId);
    }

    public Task SaveProfileAsync(ConversationKey key, HandoffProfile profile, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync(
                """
                INSERT INTO handoff_conversations (transport, conversation_id, human_only, abstentions_in_row, negative_feedback_in_row, last_activity_id)
                VALUES (@Transport, @ConversationId, @HumanOnly, @AbstentionsInRow, @NegativeFeedbackInRow, @LastActivityId)
                ON CONFLICT (transport, conversation_id) DO UPDATE SET
                    human_only = excluded.human_only,
                    abstentions_in_row = excluded.abstentions_in_row,
                    negative_feedback_in_row = excluded.negative_feedback_in_row,
                    last_activity_id = excluded.last_activity_id
                """,
                new
                {
                    key.Transport,
                    key.ConversationId,
                    HumanOnly = profile.HumanOnly ? 1 : 0,
                    profile.AbstentionsInRow,
                    profile.NegativeFeedbackInRow,
                    profile.LastActivityId,
                }),
            cancellationToken);

    /// <summary>What the citizen did to their case (staff actions go to the staff audit log, which outlives the case).</summary>
    public Task RecordActionAsync(string caseId, string actor, string action, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync(
                "INSERT INTO handoff_actions (case_id, actor, action, at) VALUES (@caseId, @actor, @action, @now)",
                new { caseId, actor, action, now = Now() }),
            cancellationToken);

    public Task SaveCallbackRequestAsync(string caseId, string contact, int retentionDays, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync(
                "INSERT INTO callback_requests (case_id, contact, created_at, delete_after) VALUES (@caseId, @contact, @now, @deleteAfter)",
                new
                {
                    caseId,
                    contact,
                    now = Now(),
                    deleteAfter = time.GetUtcNow().AddDays(retentionDays).ToString("O", CultureInfo.InvariantCulture),
                }),
            cancellationToken);

    public async Task<int> CountCallbackRequestsAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM callback_requests WHERE case_id = @caseId", new { caseId });
    }

    /// <summary>Deletes callback requests (with their contact data) past their retention; returns how many.</summary>
    public Task<int> DeleteExpiredCallbackRequestsAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync("DELETE FROM callback_requests WHERE delete_after <= @now", new { now = Now() }),
            cancellationToken);

    /// <summary>Remembers a webhook delivery id; false when it was seen before (a replay).</summary>
    public Task<bool> RememberWebhookDeliveryAsync(string deliveryId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async connection => await connection.ExecuteAsync(
                "INSERT INTO webhook_deliveries (id, received_at) VALUES (@deliveryId, @now) ON CONFLICT (id) DO NOTHING",
                new { deliveryId, now = Now() }) == 1,
            cancellationToken);

    private static readonly List<string> OpenStates = HandoffCase.Open.Select(s => s.ToString()).ToList();

    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseOptional(string? value) => value is null ? null : Parse(value);

    private sealed record ProfileRow(long HumanOnly, long Abstentions, long Negative, string? LastActivityId);

    private sealed record WaitRow(string QueuedAt, string AcceptedAt);

    private sealed record CaseRow(
        string Id, string Transport, string ConversationId, string State, string Reason, long Priority, string Language, long? Consent,
        long VisibleFromSeq, string CreatedAt, string? QueuedAt, string? AcceptedAt, string? Agent, string? ClosedAt)
    {
        public HandoffCase ToCase() => new(
            Id,
            new ConversationKey(Transport, ConversationId),
            Enum.Parse<HandoffState>(State),
            Enum.Parse<HandoffReason>(Reason),
            (int)Priority,
            Language,
            Consent is null ? null : Consent != 0,
            VisibleFromSeq,
            Parse(CreatedAt),
            ParseOptional(QueuedAt),
            ParseOptional(AcceptedAt),
            Agent,
            ParseOptional(ClosedAt));
    }
}

/// <summary>What a state change also sets; null leaves a field as it is.</summary>
public sealed record CaseChanges(bool? Consent = null, long? VisibleFromSequence = null, string? Agent = null, DateTimeOffset? RequeuedAt = null);
