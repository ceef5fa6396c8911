using CitizenBot.Insights;

namespace CitizenBot.Fairness;

/// <summary>
/// Every Monday 00:00 UTC, looks at the calendar week just ended and writes a finding for each conversation language or channel
/// the dashboard flags; a group no longer flagged closes its earlier findings. The editors see open findings on /admin.
/// </summary>
public sealed partial class WeeklyFairnessCheck(UsageFigures usage, FairnessFindings findings, TimeProvider time, ILogger<WeeklyFairnessCheck> logger)
    : BackgroundService
{
    public const string Language = "language";
    public const string Channel = "channel";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                await Task.Delay(NextMonday(now) - now, time, stoppingToken);
                await CheckWeekBeforeAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; the next start waits for the next Monday again.
        }
    }

    /// <summary>Checks the Monday-to-Sunday week that ended before <paramref name="today"/>'s week began.</summary>
    public async Task CheckWeekBeforeAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var weekFrom = today.AddDays(-DaysSinceMonday(today.DayOfWeek) - 7);
        var weekTo = weekFrom.AddDays(6);
        var figures = await usage.FigureAsync(weekFrom, weekTo, cancellationToken);
        var flagged = 0;
        foreach (var (dimension, groups) in new[] { (Language, figures.ByLanguage), (Channel, figures.ByChannel) })
        {
            foreach (var group in groups)
            {
                if (group.Flagged)
                {
                    flagged++;
                    await findings.RecordAsync(time.GetUtcNow(), weekFrom, weekTo, dimension, group.Group, group.Lags, group.Figures.Questions, cancellationToken);
                }
                else
                {
                    await findings.ResolveAsync(dimension, group.Group, weekFrom, time.GetUtcNow(), cancellationToken);
                }
            }
        }

        LogChecked(weekFrom, weekTo, flagged);
    }

    private static DateTimeOffset NextMonday(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var monday = today.AddDays(7 - DaysSinceMonday(today.DayOfWeek));
        return new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    private static int DaysSinceMonday(DayOfWeek day) => ((int)day + 6) % 7;

    [LoggerMessage(Level = LogLevel.Information, Message = "Fairness check of the week {WeekFrom} to {WeekTo}: {Flagged} groups lag")]
    private partial void LogChecked(DateOnly weekFrom, DateOnly weekTo, int flagged);
}
