using Clearline.Statistics;

namespace Clearline.Pages.Statistics;

/// <summary>
/// A horizontal bar chart drawn as a table: each row a key, an SVG bar (the CSP allows no inline style, and SVG
/// width attributes are not styles) and the count as text, so it reads at a glance and to a screen reader alike.
/// </summary>
public sealed record BarChart(string Id, string Caption, string KeyHeading, IReadOnlyList<StatisticsBucket> Buckets)
{
    /// <summary>The width of the longest bar, in CSS pixels.</summary>
    public const int MaxWidth = 240;

    /// <summary>The bar's width in proportion to the largest count; a non-zero count always shows.</summary>
    public int Width(int count)
    {
        var max = Buckets.Count == 0 ? 0 : Buckets.Max(b => b.Count);
        return count <= 0 || max == 0 ? 0 : Math.Max(1, (int)Math.Round((double)count * MaxWidth / max, MidpointRounding.AwayFromZero));
    }

    public int Total => Buckets.Sum(b => b.Count);
}
