using System.Globalization;
using CitizenBot.Storage;
using Dapper;

namespace CitizenBot.Fairness;

/// <summary>A group of citizens the weekly check found served worse than everyone in one week; open until a later week no longer flags it.</summary>
public sealed record FairnessFinding(
    long Id, DateTimeOffset FoundAt, DateOnly WeekFrom, DateOnly WeekTo, string Dimension, string Group, IReadOnlyList<string> Lags, int Questions, DateTimeOffset? ResolvedAt)
{
    public bool Open => ResolvedAt is null;
}

/// <summary>The weekly check's findings in the database, for the editors' view and the council's report.</summary>
public sealed class FairnessFindings(BotDatabase database)
{
    private const string Columns =
        "id, found_at AS FoundAt, week_from AS WeekFrom, week_to AS WeekTo, dimension, group_name AS GroupName, lags, questions, resolved_at AS ResolvedAt";

    /// <summary>Stores a week's finding; checking the same week again keeps the first finding.</summary>
    public Task RecordAsync(DateTimeOffset foundAt, DateOnly weekFrom, DateOnly weekTo, string dimension, string group, IReadOnlyList<string> lags, int questions, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync(
                """
                INSERT INTO fairness_findings (found_at, week_from, week_to, dimension, group_name, lags, questions)
                VALUES (@foundAt, @weekFrom, @weekTo, @dimension, @group, @lags, @questions)
                ON CONFLICT DO NOTHING
                """,
                new { foundAt = Text(foundAt), weekFrom = Text(weekFrom), weekTo = Text(weekTo), dimension, group, lags = string.Join(' ', lags), questions }),
            cancellationToken);

    /// <summary>Closes the open findings of a group that a later week no longer flags.</summary>
    public Task ResolveAsync(string dimension, string group, DateOnly before, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync(
                "UPDATE fairness_findings SET resolved_at = @at WHERE dimension = @dimension AND group_name = @group AND week_from < @before AND resolved_at IS NULL",
                new { at = Text(at), dimension, group, before = Text(before) }),
            cancellationToken);

    public async Task<IReadOnlyList<FairnessFinding>> ListOpenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>($"SELECT {Columns} FROM fairness_findings WHERE resolved_at IS NULL ORDER BY week_from DESC, dimension, group_name");
        return [.. rows.Select(row => row.ToFinding())];
    }

    /// <summary>Open findings found up to the end of a period: what was still open when the period closed, as far as closing dates tell.</summary>
    public async Task<IReadOnlyList<FairnessFinding>> ListOpenAtAsync(DateOnly lastDay, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM fairness_findings
            WHERE week_from <= @last AND (resolved_at IS NULL OR substr(resolved_at, 1, 10) > @last)
            ORDER BY week_from DESC, dimension, group_name
            """,
            new { last = Text(lastDay) });
        return [.. rows.Select(row => row.ToFinding())];
    }

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Dapper fills settable properties whatever type SQLite reports for an empty result.</summary>
    private sealed class Row
    {
        public long Id { get; set; }
        public string FoundAt { get; set; } = "";
        public string WeekFrom { get; set; } = "";
        public string WeekTo { get; set; } = "";
        public string Dimension { get; set; } = "";
        public string GroupName { get; set; } = "";
        public string Lags { get; set; } = "";
        public long Questions { get; set; }
        public string? ResolvedAt { get; set; }

        public FairnessFinding ToFinding() => new(
            Id,
            DateTimeOffset.Parse(FoundAt, CultureInfo.InvariantCulture),
            DateOnly.ParseExact(WeekFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateOnly.ParseExact(WeekTo, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Dimension,
            GroupName,
            Lags.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            (int)Questions,
            ResolvedAt is null ? null : DateTimeOffset.Parse(ResolvedAt, CultureInfo.InvariantCulture));
    }
}
