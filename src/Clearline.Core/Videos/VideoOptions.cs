using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Videos;

/// <summary>How stored videos are hashed with vPDQ (section <c>Video</c>).</summary>
/// <remarks>
/// The ffmpeg executable is the one previews use (<c>Previews:FfmpegPath</c>), so there is one place to set it.
/// A video that breaks a bound fails with a typed error that is recorded, and the video goes to the analyst.
/// </remarks>
public sealed class VideoOptions : ISectionOptions
{
    public static string Section => "Video";

    /// <summary>
    /// One hashed frame per this many seconds; 0 hashes every frame. Every frame is the default because a trimmed
    /// copy still matches then (one per second loses step after a trim; see <c>docs/known-material.md</c>).
    /// </summary>
    [Range(0.0, 60.0)]
    public double SecondsPerHash { get; set; }

    /// <summary>Videos longer than this (by their container's duration) are not hashed; they go to the analyst.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most frames hashed for one video; one that would give more fails as too large.</summary>
    [Range(1, 10_000_000)]
    public int MaxFrames { get; set; } = 120_000;

    /// <summary>The wall-clock budget for hashing one video (probe, decode, hashing); past it ffmpeg is killed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00")]
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(10);
}
