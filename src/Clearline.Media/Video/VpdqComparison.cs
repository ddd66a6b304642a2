namespace Clearline.Media.Video;

/// <summary>How much of two videos was found in each other.</summary>
/// <param name="QueryPercent">The share of the query's kept frames with a matching frame in the compared video, 0 to 100.</param>
/// <param name="ComparedPercent">The share of the compared video's kept frames with a matching frame in the query, 0 to 100.</param>
public readonly record struct VpdqComparison(double QueryPercent, double ComparedPercent)
{
    /// <summary>Whether both percentages reach the thresholds of <paramref name="options"/> (inclusive).</summary>
    /// <param name="options">The thresholds; <see cref="VpdqMatchOptions.Default"/> when null.</param>
    public bool IsMatch(VpdqMatchOptions? options = null)
    {
        options ??= VpdqMatchOptions.Default;
        return QueryPercent >= options.QueryMatchPercent && ComparedPercent >= options.ComparedMatchPercent
            && (QueryPercent > 0 || ComparedPercent > 0);
    }
}
