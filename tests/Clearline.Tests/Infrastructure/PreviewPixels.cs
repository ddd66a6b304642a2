using SkiaSharp;

namespace Clearline.Tests.Infrastructure;

/// <summary>Measures that tell a blurred, greyscale preview from the original, for image and video preview tests.</summary>
internal static class PreviewPixels
{
    /// <summary>
    /// Mean squared luma difference between horizontal neighbours: high for sharp edges and detail, low when blurred
    /// (squared, because a blur spreads a wide bar's edge without lowering its total rise).
    /// </summary>
    public static double Energy(SKBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        double sum = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 1; x < bitmap.Width; x++)
            {
                var difference = Luma(bitmap.GetPixel(x, y)) - Luma(bitmap.GetPixel(x - 1, y));
                sum += difference * difference;
            }
        }

        return sum / (bitmap.Height * (bitmap.Width - 1));
    }

    /// <summary>The largest difference between a pixel's channels: 0 for a true grey (lossy WebP may leave a few levels).</summary>
    public static int MaxChroma(SKBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        var max = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                max = Math.Max(max, Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)));
            }
        }

        return max;
    }

    private static double Luma(SKColor c) => (0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue);
}
