using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;

namespace CitizenBot.Storage;

/// <summary>
/// Deletes and exports whole conversations: after the retention period, at the citizen's own request, or on a data subject request.
/// Handoff cases, staff actions and per-conversation handoff counters go with the conversation (foreign keys cascade).
/// </summary>
public sealed class ConversationErasure(BotDatabase database, TimeProvider time)
{
    /// <summary>
    /// Deletes up to <paramref name="limit"/> conversations whose last activity (or creation) is older than <paramref name="cutoff"/>.
    /// A conversation holding a callback request still inside its own retention waits until that request is deleted.
    /// </summary>
    public Task<int> DeleteInactiveAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync(
                """
                DELETE FROM conversations WHERE rowid IN (
                    SELECT c.rowid FROM conversations c
                    WHERE COALESCE(
                            (SELECT a.created_at FROM activities a WHERE a.transport = c.transport AND a.conversation_id = c.id ORDER BY a.seq DESC LIMIT 1),
                            c.created_at) < @cutoff
                      AND NOT EXISTS (
                            SELECT 1 FROM handoff_cases h JOIN callback_requests r ON r.case_id = h.id
                            WHERE h.transport = c.transport AND h.conversation_id = c.id AND r.delete_after > @now)
                    LIMIT @limit)
                """,
                new { cutoff = Format(cutoff), now = Format(time.GetUtcNow()), limit }),
            cancellationToken);

    /// <summary>
    /// The citizen asked to delete their history: every activity, the handoff counters and closed handoff cases go; the conversation
    /// itself stays open (same id, watermarks keep counting) so the chat can go on. A case still open stays, so no agent is cut off.
    /// </summary>
    public Task ForgetHistoryAsync(ConversationKey key, IReadOnlyCollection<string> openCaseStates, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async connection =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var parameters = new { key.Transport, key.ConversationId, open = openCaseStates.ToList() };
                await connection.ExecuteAsync("DELETE FROM activities WHERE transport = @Transport AND conversation_id = @ConversationId", parameters, transaction);
                await connection.ExecuteAsync("DELETE FROM handoff_conversations WHERE transport = @Transport AND conversation_id = @ConversationId", parameters, transaction);
                await connection.ExecuteAsync(
                    $"DELETE FROM handoff_cases WHERE transport = @Transport AND conversation_id = @ConversationId AND state {database.NotInList("open")}",
                    parameters,
                    transaction);
                await transaction.CommitAsync(cancellationToken);
            },
            cancellationToken);

    /// <summary>Deletes every conversation with this id (on any transport) and all that belongs to it; returns how many there were.</summary>
    public Task<int> DeleteAsync(string conversationId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync("DELETE FROM conversations WHERE id = @conversationId", new { conversationId }),
            cancellationToken);

    /// <summary>Everything stored about the conversations with this id, as one JSON document; null when there are none.</summary>
    public async Task<JsonObject?> ExportAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var conversations = (await connection.QueryAsync<ConversationExportRow>(
            "SELECT transport, id, channel_id AS ChannelId, user_id AS UserId, locale, created_at AS CreatedAt, state FROM conversations WHERE id = @conversationId",
            new { conversationId })).ToList();
        if (conversations.Count == 0)
        {
            return null;
        }

        var exported = new JsonArray();
        foreach (var conversation in conversations)
        {
            var key = new { conversation.Transport, ConversationId = conversation.Id };
            var activities = await connection.QueryAsync<(long Seq, string Direction, string Json, string CreatedAt)>(
                "SELECT seq, direction, json, created_at FROM activities WHERE transport = @Transport AND conversation_id = @ConversationId ORDER BY seq", key);
            var cases = (await connection.QueryAsync<HandoffExportRow>(
                """
                SELECT id, state, reason, language, consent, created_at AS CreatedAt, closed_at AS ClosedAt, agent
                FROM handoff_cases WHERE transport = @Transport AND conversation_id = @ConversationId ORDER BY created_at
                """,
                key)).ToList();
            var callbacks = (await connection.QueryAsync<CallbackExportRow>(
                """
                SELECT r.case_id AS CaseId, r.contact, r.created_at AS CreatedAt, r.delete_after AS DeleteAfter
                FROM callback_requests r JOIN handoff_cases h ON h.id = r.case_id
                WHERE h.transport = @Transport AND h.conversation_id = @ConversationId ORDER BY r.id
                """,
                key)).ToList();
            exported.Add(new JsonObject
            {
                ["transport"] = conversation.Transport,
                ["id"] = conversation.Id,
                ["channelId"] = conversation.ChannelId,
                ["userId"] = conversation.UserId,
                ["locale"] = conversation.Locale,
                ["createdAt"] = conversation.CreatedAt,
                ["state"] = conversation.State is null ? null : JsonNode.Parse(conversation.State),
                ["activities"] = new JsonArray([.. activities.Select(row => (JsonNode)new JsonObject
                {
                    ["sequence"] = row.Seq,
                    ["direction"] = row.Direction,
                    ["storedAt"] = row.CreatedAt,
                    ["activity"] = JsonNode.Parse(row.Json),
                })]),
                ["handoffCases"] = new JsonArray([.. cases.Select(row => (JsonNode)new JsonObject
                {
                    ["id"] = row.Id,
                    ["state"] = row.State,
                    ["reason"] = row.Reason,
                    ["language"] = row.Language,
                    ["consent"] = row.Consent is null ? null : row.Consent != 0,
                    ["createdAt"] = row.CreatedAt,
                    ["closedAt"] = row.ClosedAt,
                    ["agent"] = row.Agent,
                    ["callbackRequests"] = new JsonArray([.. callbacks.Where(callback => callback.CaseId == row.Id).Select(callback => (JsonNode)new JsonObject
                    {
                        ["contact"] = callback.Contact,
                        ["createdAt"] = callback.CreatedAt,
                        ["deleteAfter"] = callback.DeleteAfter,
                    })]),
                })]),
            });
        }

        return new JsonObject { ["conversationId"] = conversationId, ["exportedAt"] = Format(time.GetUtcNow()), ["conversations"] = exported };
    }

    private static string Format(DateTimeOffset moment) => moment.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private sealed record ConversationExportRow(string Transport, string Id, string ChannelId, string? UserId, string? Locale, string CreatedAt, string? State);

    private sealed record HandoffExportRow(
        string Id, string State, string Reason, string Language, long? Consent, string CreatedAt, string? ClosedAt, string? Agent);

    private sealed record CallbackExportRow(string CaseId, string Contact, string CreatedAt, string DeleteAfter);
}
