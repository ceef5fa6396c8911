namespace CitizenBot.Knowledge.Search;

/// <summary>How many letters two words differ by, for typo-tolerant matching.</summary>
public static class EditDistance
{
    /// <summary>Optimal string alignment distance (a swap of neighbours counts once), giving up beyond <paramref name="limit"/>.</summary>
    public static int Of(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }

                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }

    public static bool AtMostOne(string a, string b) => Of(a, b, 1) <= 1;
}
