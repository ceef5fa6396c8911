using System.Globalization;

namespace CitizenBot.FunctionalTests.Telemetry;

/// <summary>Reads sample values out of the Prometheus text exposition format: one "name{labels} value [timestamp]" per line.</summary>
public static class PrometheusText
{
    /// <summary>The sum over all series of <paramref name="metric"/> whose labels include every label given; 0 when there is none.</summary>
    public static double Sum(string exposition, string metric, params (string Name, string Value)[] labels)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var total = 0d;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[metric.Length..];
            var labelText = "";
            if (rest.StartsWith('{'))
            {
                var end = rest.IndexOf('}', StringComparison.Ordinal);
                labelText = rest[1..end];
                rest = rest[(end + 1)..];
            }
            else if (!rest.StartsWith(' '))
            {
                continue;
            }

            if (labels.All(label => labelText.Contains($"{label.Name}=\"{label.Value}\"", StringComparison.Ordinal)))
            {
                total += double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
