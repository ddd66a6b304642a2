namespace Clearline.Media.Video;

/// <summary>A hashed video: its frames' features and what they were computed from.</summary>
/// <param name="Features">The hashed frames, in frame order.</param>
/// <param name="FrameRate">The average frame rate used for frame selection and timestamps.</param>
/// <param name="Width">The decoded frame width.</param>
/// <param name="Height">The decoded frame height.</param>
public sealed record VpdqVideo(IReadOnlyList<VpdqFeature> Features, double FrameRate, int Width, int Height);

/// <summary>The outcome of hashing one video: the video, or why it could not be hashed.</summary>
/// <param name="Video">The hash, when hashing succeeded.</param>
/// <param name="Error">Why not, otherwise.</param>
public sealed record VpdqHashResult(VpdqVideo? Video, MediaError? Error)
{
    /// <summary>Whether <see cref="Video"/> is set.</summary>
    public bool Succeeded => Video is not null;
}
