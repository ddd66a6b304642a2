using Clearline.Media.Pdq;

namespace Clearline.Media.Video;

/// <summary>One hashed frame of a video, as Meta's reference <c>vpdq-hash-video</c> reports it.</summary>
/// <param name="FrameNumber">The 0-based index of the decoded frame, in decoder output order.</param>
/// <param name="Quality">The frame's PDQ quality, 0 to 100.</param>
/// <param name="Hash">The frame's PDQ hash, computed at full size (or the downsampled size) with no pre-resize.</param>
/// <param name="TimestampSeconds">The frame number divided by the average frame rate (not the presentation time).</param>
public readonly record struct VpdqFeature(int FrameNumber, int Quality, PdqHash Hash, double TimestampSeconds)
{
    /// <summary>Whether the frame takes part in matching (quality at or above <paramref name="threshold"/>).</summary>
    /// <param name="threshold">The lowest quality kept; the reference's is 50.</param>
    public bool IsMatchable(int threshold = VpdqMatchOptions.DefaultQualityThreshold) => Quality >= threshold;
}
