using System.Globalization;

namespace Clearline.Pages.Statistics;

/// <summary>
/// One column of a <see cref="ColumnChart"/>: its label (in the table), its value (null: nothing to show), the value
/// in words, and a shorter label under the column where the table's is too wide.
/// </summary>
public sealed record ChartPoint(string Label, double? Value, string Text, string? Tick = null);

/// <summary>
/// A column chart drawn as server-side SVG: a trend per week or month, or a histogram. The SVG is an image with a
/// title and a description (<c>role="img"</c>), drawn only with attributes (the CSP allows no inline style), and the
/// same numbers follow in a table, so it reads without the picture, without JavaScript, and to a screen reader.
/// </summary>
/// <remarks>
/// Hand-written rather than ScottPlot's SVG: ScottPlot 5 draws every label as glyph outlines (no text a screen reader,
/// search or zoom can read) and writes ids of its own into each picture; see docs/statistics.md.
/// </remarks>
/// <param name="Id">The id of the figure; the SVG's title, description and table take it as their prefix.</param>
/// <param name="Title">The title of the picture and the caption of the table.</param>
/// <param name="Description">What the picture shows, in words (its <c>desc</c>).</param>
/// <param name="KeyHeading">The heading of the table's first column.</param>
/// <param name="ValueHeading">The heading of the table's values.</param>
/// <param name="Points">The columns, in order.</param>
/// <param name="Scale">The value a full-height column stands for (100 for a share in per cent); null: the largest value.</param>
public sealed record ColumnChart(string Id, string Title, string Description, string KeyHeading, string ValueHeading, IReadOnlyList<ChartPoint> Points, double? Scale = null)
{
    public const int PlotHeight = 120;

    public const int ColumnWidth = 28;

    public const int Gap = 14;

    public const int Left = 8;

    public const int Top = 16;

    /// <summary>Room under the plot for the labels.</summary>
    public const int Bottom = 40;

    public int Width => Left * 2 + Math.Max(1, Points.Count) * (ColumnWidth + Gap);

    public int Height => Top + PlotHeight + Bottom;

    /// <summary>The y of the base line.</summary>
    public int Baseline => Top + PlotHeight;

    private double Max => Scale ?? Points.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max();

    /// <summary>The column's height in proportion to the largest value; a non-zero value always shows.</summary>
    public int ColumnHeight(ChartPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var max = Max;
        return point.Value is not { } value || value <= 0 || max <= 0
            ? 0
            : Math.Clamp((int)Math.Round(value * PlotHeight / max, MidpointRounding.AwayFromZero), 1, PlotHeight);
    }

    public int X(int index) => Left + index * (ColumnWidth + Gap) + Gap / 2;

    public int LabelX(int index) => X(index) + ColumnWidth / 2;

    /// <summary>Coordinates as SVG writes them.</summary>
    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The largest value in words, for the description.</summary>
    public string Highest => Points.Where(p => p.Value is not null).OrderByDescending(p => p.Value).Select(p => $"{p.Text} ({p.Label})").FirstOrDefault() ?? "none";
}
