namespace Clearline.Media;

/// <summary>A media container format, recognised by its magic bytes.</summary>
public enum MediaFormat
{
    /// <summary>Not recognised.</summary>
    Unknown = 0,
}
