namespace Clearline.Statistics;

/// <summary>
/// The nearest-rank percentile: the <c>p</c>-th percentile of <c>n</c> sorted values is the value at 1-based rank
/// <c>ceil(p × n / 100)</c> (at least 1). It is always one of the observed values, so it is exact and the same on
/// every database; the median is the 50th percentile (for an even count, the lower of the two middle values).
/// </summary>
public static class NearestRank
{
    /// <summary>The 1-based rank of the <paramref name="percentile"/>-th percentile among <paramref name="count"/> values.</summary>
    public static int Rank(int percentile, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return Math.Max(1, (int)Math.Ceiling(percentile * (long)count / 100m));
    }
}
