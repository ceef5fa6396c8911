using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.Storage;
using Dapper;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace CitizenBot.Handoff;

/// <summary>
/// Posts handoff events to the configured contact centre. Events go to an outbox table first, so a restart or an
/// outage loses none; a background loop sends them in order, signed, with retries and a stable idempotency key.
/// </summary>
public sealed class ContactCentreWebhook(
    BotDatabase database,
    IHttpClientFactory httpClients,
    IOptions<ContactCentreOptions> options,
    TimeProvider time,
    ILogger<ContactCentreWebhook> logger) : BackgroundService
{
    public const string HttpClientName = "contact-centre";
    private const int Batch = 50;

    private readonly SemaphoreSlim _pending = new(0);

    public bool Enabled => options.Value.Enabled;

    /// <summary>Stores the event for delivery; does nothing when no contact centre is configured.</summary>
    public async Task EnqueueAsync(string type, string caseId, JsonObject payload, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        var id = Guid.NewGuid().ToString("N");
        payload["id"] = id;
        payload["type"] = type;
        payload["caseId"] = caseId;
        payload["timestamp"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        await database.WriteAsync(
            connection => connection.ExecuteAsync(
                "INSERT INTO webhook_outbox (id, body, created_at) VALUES (@id, @body, @now)",
                new { id, body = payload.ToJsonString(), now = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) }),
            cancellationToken);
        _pending.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        var retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.Value.MaxRetries),
            Delay = options.Value.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TaskCanceledException>(),
        }).Build();

        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var (id, body) in await UnsentAsync(stoppingToken))
            {
                try
                {
                    await retry.ExecuteAsync(async token => await DeliverAsync(id, body, token), stoppingToken);
                    await MarkSentAsync(id, stoppingToken);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    // Left in the outbox: the next event or the next start tries again, in order.
                    logger.LogError(exception, "Could not deliver webhook {DeliveryId} to the contact centre", id);
                    break;
                }
            }

            await _pending.WaitAsync(TimeSpan.FromMinutes(1), stoppingToken);
        }
    }

    public override void Dispose()
    {
        _pending.Dispose();
        base.Dispose();
    }

    private async Task DeliverAsync(string id, string body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.Url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(options.Value.Secret!, timestamp, bytes));
        request.Headers.Add(WebhookSignature.IdempotencyHeader, id);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        logger.LogInformation("Webhook {DeliveryId} to the contact centre answered {StatusCode}", id, (int)response.StatusCode);
        response.EnsureSuccessStatusCode();
    }

    private async Task<IReadOnlyList<(string Id, string Body)>> UnsentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(
            "SELECT id AS Id, body AS Body FROM webhook_outbox WHERE sent_at IS NULL ORDER BY created_at, rowid LIMIT @Batch", new { Batch });
        return rows.Select(row => (row.Id, row.Body)).ToList();
    }

    private Task<int> MarkSentAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync(
                "UPDATE webhook_outbox SET sent_at = @now WHERE id = @id",
                new { id, now = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) }),
            cancellationToken);

    private sealed record OutboxRow(string Id, string Body);
}
