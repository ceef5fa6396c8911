using System.Globalization;
using CitizenBot.Storage;
using Dapper;

namespace CitizenBot.Channels.Messengers;

/// <summary>
/// Remembers which webhook deliveries (Telegram update_id, Matrix transaction id) were processed, so a replay is
/// acknowledged without running its turns again. Kept in the webhook_deliveries table beside the contact centre's.
/// </summary>
public sealed class ProcessedDeliveries(BotDatabase database, TimeProvider time)
{
    public async Task<bool> WasProcessedAsync(string channel, string deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE id = @id", new { id = Id(channel, deliveryId) }) > 0;
    }

    /// <summary>Called after the delivery's turns ran, so a delivery that failed halfway is processed again when retried.</summary>
    public Task MarkProcessedAsync(string channel, string deliveryId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync(
                "INSERT INTO webhook_deliveries (id, received_at) VALUES (@id, @now) ON CONFLICT (id) DO NOTHING",
                new { id = Id(channel, deliveryId), now = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) }),
            cancellationToken);

    private static string Id(string channel, string deliveryId) => channel + ":" + deliveryId;
}
