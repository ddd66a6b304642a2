namespace Clearline.Media;

/// <summary>
/// An image or video container format, recognised by its magic bytes (never by file name or MIME type), so that
/// a page served as <c>photo.jpg</c> is not taken for media and an image served as <c>text/html</c> is.
/// </summary>
/// <remarks>The numbers are stable (they may be stored): new formats are appended.</remarks>
public enum MediaFormat
{
    /// <summary>Not recognised as any supported image or video format.</summary>
    Unknown = 0,

    /// <summary>JPEG (JFIF, EXIF or raw SOI marker).</summary>
    Jpeg = 1,

    /// <summary>PNG.</summary>
    Png = 2,

    /// <summary>GIF (87a or 89a), possibly animated.</summary>
    Gif = 3,

    /// <summary>WebP (RIFF container with a WEBP form type).</summary>
    WebP = 4,

    /// <summary>Windows bitmap.</summary>
    Bmp = 5,

    /// <summary>MPEG-4 video (ISO base media file format with an MP4, AVC, DASH or M4V brand).</summary>
    Mp4 = 6,

    /// <summary>QuickTime movie (brand <c>qt  </c>, or a classic file opening with a <c>moov</c>, <c>mdat</c> or <c>wide</c> atom).</summary>
    QuickTime = 7,

    /// <summary>WebM (EBML with DocType <c>webm</c>).</summary>
    WebM = 8,

    /// <summary>Matroska (EBML with any other DocType, or none within the header).</summary>
    Matroska = 9,

    /// <summary>AVI (RIFF container with an <c>AVI </c> form type).</summary>
    Avi = 10,

    /// <summary>Flash video.</summary>
    Flv = 11,

    /// <summary>Advanced Systems Format (WMV; also WMA audio, which shares the container).</summary>
    Asf = 12,

    /// <summary>3GPP or 3GPP2 (ISO base media file format with a <c>3gp</c>/<c>3g2</c> brand).</summary>
    ThreeGpp = 13,
}

/// <summary>Groups <see cref="MediaFormat"/> values by the pipeline that handles them.</summary>
public static class MediaFormatKinds
{
    /// <summary>Whether the format is a still or animated image, which <see cref="MediaHasher"/> decodes.</summary>
    public static bool IsImage(this MediaFormat format) =>
        format is MediaFormat.Jpeg or MediaFormat.Png or MediaFormat.Gif or MediaFormat.WebP or MediaFormat.Bmp;

    /// <summary>Whether the format is a video container, to be split into frames by a video decoder.</summary>
    public static bool IsVideo(this MediaFormat format) =>
        format is MediaFormat.Mp4 or MediaFormat.QuickTime or MediaFormat.WebM or MediaFormat.Matroska
            or MediaFormat.Avi or MediaFormat.Flv or MediaFormat.Asf or MediaFormat.ThreeGpp;
}
