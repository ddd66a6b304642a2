using System.Text;

namespace Clearline.Previews;

/// <summary>
/// The neutral image shown instead of a preview for videos whose contact sheet could not be made (no ffmpeg, a corrupt file) and
/// for items that could not be decoded: a grey tile with a label, revealing nothing of the item.
/// </summary>
internal static class PreviewPlaceholder
{
    public const string ContentType = "image/svg+xml";

    private static readonly byte[] _video = Tile("video");
    private static readonly byte[] _undecodable = Tile("no preview");

    public static PreviewContent Video() => new(new MemoryStream(_video, writable: false), ContentType, IsPlaceholder: true);

    public static PreviewContent Undecodable() => new(new MemoryStream(_undecodable, writable: false), ContentType, IsPlaceholder: true);

    private static byte[] Tile(string label) => Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"240\" viewBox=\"0 0 320 240\">"
        + "<rect width=\"320\" height=\"240\" fill=\"#808080\"/>"
        + $"<text x=\"160\" y=\"128\" font-family=\"sans-serif\" font-size=\"24\" fill=\"#f0f0f0\" text-anchor=\"middle\">{label}</text></svg>");
}
