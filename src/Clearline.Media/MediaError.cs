namespace Clearline.Media;

/// <summary>Why an item could not be (fully) decoded. Expected outcomes for hostile input, never exceptions.</summary>
public enum MediaErrorKind
{
    /// <summary>Not a supported image format (including empty and one-byte files).</summary>
    Unsupported,

    /// <summary>A supported format whose data is invalid.</summary>
    Corrupt,

    /// <summary>The data ends before the image does.</summary>
    Truncated,

    /// <summary>Over the byte or pixel limit (a decompression bomb, or simply too big to decode here).</summary>
    TooLarge,

    /// <summary>Decoding ran past the per-item time budget.</summary>
    TimedOut,

    /// <summary>The file or stream could not be read.</summary>
    Unreadable,
}

/// <summary>A typed decoding error. The message never contains pixel data, paths or hash values.</summary>
/// <param name="Kind">The category, for routing and statistics.</param>
/// <param name="Message">A short human-readable explanation.</param>
public sealed record MediaError(MediaErrorKind Kind, string Message)
{
    /// <summary>The lowercase kind name used in command-line output, e.g. <c>truncated</c>.</summary>
    public string Code => Kind switch
    {
        MediaErrorKind.Unsupported => "unsupported",
        MediaErrorKind.Corrupt => "corrupt",
        MediaErrorKind.Truncated => "truncated",
        MediaErrorKind.TooLarge => "too-large",
        MediaErrorKind.TimedOut => "timed-out",
        MediaErrorKind.Unreadable => "unreadable",
        _ => "error",
    };
}
