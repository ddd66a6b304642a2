using SkiaSharp;

namespace Clearline.Benchmarks;

/// <summary>Benign benchmark images generated in code: a gradient, shapes and seeded noise, JPEG quality 85.</summary>
public static class BenchmarkImages
{
    public static byte[] Jpeg(int width, int height, int seed)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var gradient = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(width, height), [new SKColor(20, 60, 140), new SKColor(240, 200, 90)], SKShaderTileMode.Clamp);
            using var paint = new SKPaint { Shader = gradient };
            canvas.DrawRect(0, 0, width, height, paint);
            var random = new Random(seed);
            using var shape = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 40; i++)
            {
                shape.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 200);
                var x = random.Next(width);
                var y = random.Next(height);
                var r = random.Next(Math.Min(width, height) / 20, Math.Min(width, height) / 5);
                if (i % 2 == 0)
                {
                    canvas.DrawCircle(x, y, r, shape);
                }
                else
                {
                    canvas.DrawRect(x - r, y - (r / 2), 2 * r, r, shape);
                }
            }
        }

        AddNoise(bitmap.GetPixelSpan(), seed);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static void AddNoise(Span<byte> rgba, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < rgba.Length; i++)
        {
            if ((i & 3) != 3)
            {
                rgba[i] = (byte)Math.Clamp(rgba[i] + random.Next(-10, 11), 0, 255);
            }
        }
    }
}
