using System.Globalization;
using System.Text;

namespace CitizenBot.Insights;

/// <summary>The daily figures as CSV (RFC 4180, UTF-8, comma, invariant numbers) for spreadsheets and the council's archive.</summary>
public static class FiguresCsv
{
    private const string Header = "day,conversations,questions,answered,asked_back,abstained,handed_off,likes,dislikes,answered_share,handoff_rate,like_share";

    public static string Write(DashboardFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var day in figures.Days)
        {
            Row(csv, day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Figures);
        }

        Row(csv, "total", figures.Figures);
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, string label, OutcomeFigures figures)
    {
        object?[] cells =
        [
            label, figures.Conversations, figures.Questions, figures.Answered, figures.AskedBack, figures.Abstained, figures.HandedOff,
            figures.Likes, figures.Dislikes, figures.AnsweredShare, figures.HandoffRate, figures.LikeShare,
        ];
        csv.AppendJoin(',', cells.Select(cell => Convert.ToString(cell, CultureInfo.InvariantCulture))).Append("\r\n");
    }
}
