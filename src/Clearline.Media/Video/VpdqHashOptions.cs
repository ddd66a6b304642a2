namespace Clearline.Media.Video;

/// <summary>How a video is hashed, with the reference's options under its own names, and the bounds on hostile input.</summary>
public sealed record VpdqHashOptions
{
    /// <summary>Every frame, native size, ffmpeg from the PATH, the default bounds.</summary>
    public static VpdqHashOptions Default { get; } = new();

    /// <summary>
    /// The reference's <c>-r</c>: one hashed frame per this many seconds, frames whose number is a multiple of
    /// <c>(int)(SecondsPerHash × frame rate)</c>; 0 hashes every frame (the reference tool's default).
    /// </summary>
    public double SecondsPerHash { get; init; }

    /// <summary>The reference's <c>-s</c>: frames are scaled to N×N (swscale's area filter) before hashing; 0 keeps the native size.</summary>
    public int DownsampleFrameDimension { get; init; }

    /// <summary>The ffmpeg executable: a name looked up on the PATH or a full path; <c>ffprobe</c> is taken from beside it.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>Videos longer than this (by their container's duration) are refused before decoding.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(3);

    /// <summary>The most frames hashed; a video that would give more fails as too large.</summary>
    public int MaxFrames { get; init; } = 200_000;

    /// <summary>The largest frame, in pixels (width × height), that is decoded.</summary>
    public long MaxFramePixels { get; init; } = 8192L * 8192;

    /// <summary>The wall-clock budget for the whole video (probe, decode and hashing); past it ffmpeg is killed.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>ffmpeg's decoder threads; 0 lets ffmpeg choose.</summary>
    public int DecoderThreads { get; init; }

    /// <summary>The <c>ffprobe</c> executable beside <see cref="FfmpegPath"/>.</summary>
    internal string FfprobePath
    {
        get
        {
            var folder = Path.GetDirectoryName(FfmpegPath);
            var name = "ffprobe" + Path.GetExtension(FfmpegPath);
            return string.IsNullOrEmpty(folder) ? name : Path.Combine(folder, name);
        }
    }
}
