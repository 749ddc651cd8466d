namespace Integrations.Benchmarks;

/// <summary>Order statistics of measured samples, for the commands that print their own tables.</summary>
internal static class BenchmarkStatistics
{
    /// <summary>
    /// The value at <paramref name="p"/> (0 to 1) of the sorted values, by nearest rank rounded down
    /// (so 0.5 of an even count is the upper of the two middle values).
    /// </summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    /// <summary>The median: the middle value, or the mean of the two middle values of an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
