using Clearline.Classification;

namespace Clearline.Pages.Assessment;

/// <summary>One item as a tile of a workspace grid: its blurred preview and what an analyst needs beside it.</summary>
/// <remarks>
/// <c>Size</c>: width × height in pixels, or "unknown size". <c>Note</c>: why an analyst was unsure (second-opinion
/// queue only). <c>Conflict</c>: another analyst's decision that beat this analyst's, shown on the tile.
/// </remarks>
public sealed record Tile(
    string Sha256, string Format, bool IsVideo, string Size, DateTimeOffset FirstFound, IReadOnlyList<ProbablyKnown> Hints,
    string PreviewUrl, string BlurClass, string? Note = null, string? Conflict = null)
{
    public static Tile Of(QueuedItem item, IReadOnlyList<ProbablyKnown> hints, FilterSettings filters, string? conflict)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(filters);
        return new Tile(
            item.MediaSha256, item.Format.ToString(), item.IsVideo, AssessmentPages.Dimensions(item.Width, item.Height), item.FirstFoundAt, hints,
            AssessmentPages.PreviewUrl(item.MediaSha256, filters.Greyscale), AssessmentPages.BlurClass(filters.BlurStrength), Conflict: conflict);
    }

    public string ShortSha => Sha256[..Math.Min(12, Sha256.Length)];
}
