namespace Clearline.Media.Decoding;

/// <summary>What to do with an image whose data ends early.</summary>
public enum TruncatedImagePolicy
{
    /// <summary>Report <see cref="MediaErrorKind.Truncated"/> and compute no perceptual hash (the default: a partial hash matches nothing reliably).</summary>
    Reject,

    /// <summary>Hash what was decoded, the missing rows filled by the decoder, and still report <see cref="MediaErrorKind.Truncated"/>.</summary>
    HashPartial,
}

/// <summary>Limits for decoding untrusted images. The defaults suit crawled web content.</summary>
/// <remarks>
/// Who is excluded and why: files over <see cref="MaxBytes"/> are not decoded (their cryptographic hashes are
/// still computed); images declaring more than <see cref="MaxPixels"/> are refused before any pixel memory is
/// allocated (decompression bombs); decoding stops at <see cref="TimeBudget"/>, checked between row chunks
/// and frames. Single-call decoders (WebP, GIF frames, interlaced PNG) are linear in the pixel count, which the
/// pixel limit already bounds.
/// </remarks>
public sealed record DecodeOptions
{
    /// <summary>The defaults.</summary>
    public static DecodeOptions Default { get; } = new();

    /// <summary>The largest encoded size decoded, in bytes (default 64 MiB).</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The largest decoded size, in pixels per frame (default 64 Mpx, e.g. 8192×8192).</summary>
    public long MaxPixels { get; init; } = 64L * 1024 * 1024;

    /// <summary>The wall-clock budget for decoding one item (default 10 s).</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What to do with truncated data (default <see cref="TruncatedImagePolicy.Reject"/>).</summary>
    public TruncatedImagePolicy Truncated { get; init; } = TruncatedImagePolicy.Reject;

    /// <summary>The most frames hashed when all frames of an animation are requested (default 1000).</summary>
    public int MaxFrames { get; init; } = 1000;

    /// <summary>
    /// Decode large JPEGs at a reduced DCT scale: the smallest k/8 that keeps both sides at least 512 pixels, so
    /// the 512×512 PDQ input is still sampled from real pixels. Much faster for photos of several megapixels, but
    /// <b>not bit-exact</b>: the measured distance to the exact hash is in docs/hashing.md. Off by default.
    /// </summary>
    public bool FastJpeg { get; init; }

    /// <summary>The clock for the time budget.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
