namespace Clearline.Media;

/// <summary>An image container format, recognised by its magic bytes (never by file name or MIME type).</summary>
public enum MediaFormat
{
    /// <summary>Not recognised as any supported image format.</summary>
    Unknown = 0,

    /// <summary>JPEG (JFIF, EXIF or raw SOI marker).</summary>
    Jpeg,

    /// <summary>PNG.</summary>
    Png,

    /// <summary>GIF (87a or 89a), possibly animated.</summary>
    Gif,

    /// <summary>WebP (RIFF container with a WEBP form type).</summary>
    WebP,

    /// <summary>Windows bitmap.</summary>
    Bmp,
}
