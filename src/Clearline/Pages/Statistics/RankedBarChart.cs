using Clearline.Statistics;

namespace Clearline.Pages.Statistics;

/// <summary>
/// A sorted horizontal bar chart as one SVG image with a title and a description (<c>role="img"</c>), drawn only with
/// attributes (CSP), followed by the same counts in a table: hosting countries, the most first.
/// </summary>
public sealed record RankedBarChart(string Id, string Title, string Description, string KeyHeading, IReadOnlyList<StatisticsBucket> Buckets)
{
    public const int LabelWidth = 64;

    public const int RowHeight = 20;

    public const int BarHeight = 14;

    /// <summary>Room right of the longest bar for its count.</summary>
    public const int ValueWidth = 48;

    public int Width => LabelWidth + BarChart.MaxWidth + ValueWidth;

    public int Height => Math.Max(1, Buckets.Count) * RowHeight;

    public int Y(int index) => index * RowHeight + (RowHeight - BarHeight) / 2;

    public int TextY(int index) => index * RowHeight + 14;

    public int BarWidth(int count) => new BarChart(Id, Title, KeyHeading, Buckets).Width(count);

    public int Total => Buckets.Sum(b => b.Count);
}
