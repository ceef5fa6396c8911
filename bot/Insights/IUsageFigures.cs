namespace CitizenBot.Insights;

/// <summary>Production figures without personal data, for the transparency register, the dashboard and the council's reports.</summary>
public interface IUsageFigures
{
    /// <summary>Totals over the days from <paramref name="firstDay"/> to <paramref name="lastDay"/> inclusive (UTC days).</summary>
    Task<UsageSummary> SummariseAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken);
}

/// <summary>What happened to citizens' questions in a period; answer times are null when there were no answers.</summary>
public sealed record UsageSummary(
    DateOnly From,
    DateOnly To,
    int Conversations,
    int Questions,
    int Answered,
    int AskedBack,
    int Abstained,
    int HandedOff,
    int Likes,
    int Dislikes,
    double? MedianAnswerMilliseconds,
    double? P95AnswerMilliseconds);
