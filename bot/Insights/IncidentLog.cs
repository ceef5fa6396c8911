using System.Globalization;
using CitizenBot.Storage;
using Dapper;

namespace CitizenBot.Insights;

/// <summary>What went wrong in operation, for the council: the kind of incident and its cause, never a citizen's words.</summary>
public static class IncidentKinds
{
    /// <summary>A service answer the model was meant to word but the bot quoted instead (timeout, model down, failed grounding check).</summary>
    public const string ModelFallback = "model_fallback";

    /// <summary>The model failed often enough that the bot stopped asking it for a while (the circuit breaker opened).</summary>
    public const string ModelOutage = "model_outage";
}

/// <summary>How often one kind of incident happened for one cause within a period, and when first and last.</summary>
public sealed record IncidentSummary(string Kind, string Cause, int Count, DateTimeOffset First, DateTimeOffset Last);

/// <summary>Incidents in the database; recording never fails a citizen's turn, it only logs that it could not record.</summary>
public sealed class IncidentLog(BotDatabase database, TimeProvider time, ILogger<IncidentLog> logger)
{
    public async Task RecordAsync(string kind, string cause, CancellationToken cancellationToken)
    {
        try
        {
            await database.WriteAsync(
                connection => connection.ExecuteAsync(
                    "INSERT INTO incidents (occurred_at, kind, cause) VALUES (@at, @kind, @cause)",
                    new { at = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), kind, cause }),
                cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Could not record incident {IncidentKind} ({IncidentCause})", kind, cause);
        }
    }

    public async Task<IReadOnlyList<IncidentSummary>> SummariseAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(
            """
            SELECT kind, cause, COUNT(*) AS Count, MIN(occurred_at) AS First, MAX(occurred_at) AS Last
            FROM incidents WHERE substr(occurred_at, 1, 10) BETWEEN @from AND @to
            GROUP BY kind, cause ORDER BY kind, COUNT(*) DESC, cause
            """,
            new { from = Day(from), to = Day(to) });
        return [.. rows.Select(row => new IncidentSummary(row.Kind, row.Cause, (int)row.Count, Parse(row.First), Parse(row.Last)))];
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);

    /// <summary>Dapper fills settable properties whatever type the database reports for a count.</summary>
    private sealed class Row
    {
        public string Kind { get; set; } = "";
        public string Cause { get; set; } = "";
        public long Count { get; set; }
        public string First { get; set; } = "";
        public string Last { get; set; } = "";
    }
}
