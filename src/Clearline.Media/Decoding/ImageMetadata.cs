namespace Clearline.Media.Decoding;

/// <summary>What the container says about an image, read without trusting it.</summary>
/// <param name="Format">The format recognised from the magic bytes.</param>
/// <param name="Width">The width in pixels as stored (EXIF orientation is not applied).</param>
/// <param name="Height">The height in pixels as stored.</param>
/// <param name="FrameCount">The number of frames (1 for still images).</param>
/// <param name="CameraMake">EXIF camera make, if present.</param>
/// <param name="CameraModel">EXIF camera model, if present.</param>
/// <param name="HasGps">
/// Whether EXIF GPS tags are present. A victim-identification lead: only presence is reported, and the
/// values are never read into memory by this library, so they cannot leak into logs.
/// </param>
/// <param name="Orientation">The EXIF orientation (1..8), reported but not applied; 1 when absent.</param>
public sealed record ImageMetadata(
    MediaFormat Format,
    int Width,
    int Height,
    int FrameCount,
    string? CameraMake,
    string? CameraModel,
    bool HasGps,
    int Orientation);
