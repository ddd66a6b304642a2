using Clearline.Media.Pdq;

namespace Clearline.Media.Video;

/// <summary>
/// The reference's float luma of packed RGB24 pixels, <c>0.299f·R + 0.587f·G + 0.114f·B</c> added left to right,
/// written row by row at the PDQ workspace's stride. Used for every frame, grey or not, as the vPDQ reference does.
/// </summary>
internal static class RgbLuma
{
    private const float RedWeight = 0.299f;
    private const float GreenWeight = 0.587f;
    private const float BlueWeight = 0.114f;

    public static void Fill(ReadOnlySpan<byte> rgb, int width, int height, Span<float> luma)
    {
        var stride = PdqWorkspace.Stride(width);
        for (var y = 0; y < height; y++)
        {
            var row = rgb.Slice(y * width * 3, width * 3);
            var output = luma.Slice(y * stride, width);
            for (var x = 0; x < width; x++)
            {
                output[x] = (RedWeight * row[3 * x]) + (GreenWeight * row[(3 * x) + 1]) + (BlueWeight * row[(3 * x) + 2]);
            }
        }
    }
}
