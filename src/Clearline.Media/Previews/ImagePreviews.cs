namespace Clearline.Media.Previews;

/// <summary>Encoded previews of one image, ready to be stored encrypted. All three have the same size.</summary>
/// <param name="Preview">The downscaled image.</param>
/// <param name="Blurred">The downscaled image, blurred (the default view for analysts).</param>
/// <param name="GreyBlurred">The downscaled image, greyscale and blurred (the least exposing view).</param>
/// <param name="Width">The previews' width in pixels.</param>
/// <param name="Height">The previews' height in pixels.</param>
/// <param name="ContentType">The MIME type of all three, e.g. <c>image/webp</c>.</param>
public sealed record ImagePreviews(byte[] Preview, byte[] Blurred, byte[] GreyBlurred, int Width, int Height, string ContentType);
