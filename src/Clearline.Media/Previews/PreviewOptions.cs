namespace Clearline.Media.Previews;

/// <summary>The encoded format of previews.</summary>
public enum PreviewEncoding
{
    /// <summary>WebP (keeps transparency; smaller).</summary>
    WebP,

    /// <summary>JPEG (transparent areas become white).</summary>
    Jpeg,
}

/// <summary>How analyst previews are rendered.</summary>
public sealed record PreviewOptions
{
    /// <summary>The defaults: 320 px longest side, WebP quality 80, blur radius 1/16 of the longest side.</summary>
    public static PreviewOptions Default { get; } = new();

    /// <summary>The longest side of the previews in pixels (default 320). Smaller images are not enlarged.</summary>
    public int LongestSide { get; init; } = 320;

    /// <summary>The Gaussian blur sigma as a fraction of the preview's longest side (default 1/16: shapes and colours stay, detail goes).</summary>
    public float BlurFraction { get; init; } = 1f / 16;

    /// <summary>The output encoding (default WebP).</summary>
    public PreviewEncoding Encoding { get; init; } = PreviewEncoding.WebP;

    /// <summary>The encoder quality, 1..100 (default 80).</summary>
    public int Quality { get; init; } = 80;
}
