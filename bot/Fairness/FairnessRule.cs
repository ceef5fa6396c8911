namespace CitizenBot.Fairness;

/// <summary>
/// The one rule that says a group of citizens is served worse than everyone: used by the evaluation breakdown,
/// the dashboard's production groups and the weekly check, so all three flag the same groups.
/// </summary>
public static class FairnessRule
{
    /// <summary>A group lags when one of its shares trails the overall share by more than this many percentage points.</summary>
    public const double AllowedLagPoints = 10;

    /// <summary>True when <paramref name="worse"/> falls short of <paramref name="better"/> by more than the allowed points (rounded, so 10.0 exactly is no lag).</summary>
    public static bool Lags(double better, double worse) =>
        !double.IsNaN(better) && !double.IsNaN(worse) && Math.Round((better - worse) * 100, 6) > AllowedLagPoints;

    /// <summary>The same rule for shares that are unknown (null) when nothing was counted: an unknown share never lags.</summary>
    public static bool Lags(double? better, double? worse) =>
        better is { } high && worse is { } low && Lags(high, low);
}
