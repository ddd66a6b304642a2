using SkiaSharp;

namespace Clearline.Media.Previews;

/// <summary>Downscales, blurs and greys one decoded image into encoded previews.</summary>
internal static class PreviewRenderer
{
    private static readonly float[] _greyMatrix =
    [
        0.299f, 0.587f, 0.114f, 0, 0,
        0.299f, 0.587f, 0.114f, 0, 0,
        0.299f, 0.587f, 0.114f, 0, 0,
        0, 0, 0, 1, 0,
    ];

    public static ImagePreviews Render(SKPixmap source, PreviewOptions options)
    {
        var longest = Math.Max(source.Width, source.Height);
        var scale = Math.Min(1.0, (double)Math.Max(1, options.LongestSide) / longest);
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);

        using var small = new SKBitmap(info);
        using (var sourceImage = SKImage.FromPixels(source))
        using (var canvas = new SKCanvas(small))
        {
            // Mipmaps average every source pixel into the preview, so a large downscale does not alias.
            var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
            canvas.Clear(SKColors.Transparent);
            canvas.DrawImage(sourceImage, new SKRect(0, 0, width, height), sampling);
        }

        var sigma = Math.Max(1f, Math.Max(width, height) * options.BlurFraction);
        using var blurFilter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp);
        using var greyFilter = SKColorFilter.CreateColorMatrix(_greyMatrix);
        return new ImagePreviews(
            Encode(small, options),
            Encode(Filtered(small, blurFilter, null), options, dispose: true),
            Encode(Filtered(small, blurFilter, greyFilter), options, dispose: true),
            width,
            height,
            options.Encoding == PreviewEncoding.WebP ? "image/webp" : "image/jpeg");
    }

    private static SKBitmap Filtered(SKBitmap source, SKImageFilter blur, SKColorFilter? colour)
    {
        var result = new SKBitmap(source.Info);
        using var canvas = new SKCanvas(result);
        using var paint = new SKPaint { ImageFilter = blur, ColorFilter = colour };
        canvas.Clear(SKColors.Transparent);
        canvas.DrawBitmap(source, 0, 0, SKSamplingOptions.Default, paint);
        return result;
    }

    private static byte[] Encode(SKBitmap bitmap, PreviewOptions options, bool dispose = false)
    {
        try
        {
            using var flattened = options.Encoding == PreviewEncoding.Jpeg ? OnWhite(bitmap) : null;
            using var image = SKImage.FromBitmap(flattened ?? bitmap);
            var format = options.Encoding == PreviewEncoding.WebP ? SKEncodedImageFormat.Webp : SKEncodedImageFormat.Jpeg;
            using var data = image.Encode(format, Math.Clamp(options.Quality, 1, 100));
            return data.ToArray();
        }
        finally
        {
            if (dispose)
            {
                bitmap.Dispose();
            }
        }
    }

    private static SKBitmap OnWhite(SKBitmap source)
    {
        var result = new SKBitmap(new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        canvas.DrawBitmap(source, 0, 0, SKSamplingOptions.Default, null);
        return result;
    }
}
