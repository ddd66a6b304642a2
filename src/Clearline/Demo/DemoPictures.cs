using SkiaSharp;

namespace Clearline.Demo;

/// <summary>
/// The demo site's pictures: benign, generated shapes on gradients, the same bytes for the same number on every
/// start (so a restarted demo finds the same items again).
/// </summary>
public static class DemoPictures
{
    public const int Width = 480;
    public const int Height = 360;

    private static readonly SKColor[] Palette =
    [
        new(20, 60, 140), new(240, 200, 90), new(30, 140, 110), new(200, 80, 60), new(120, 70, 160), new(230, 230, 220),
    ];

    /// <summary>A JPEG of a gradient with circles and rectangles placed by <paramref name="number"/>.</summary>
    public static byte[] Jpeg(int number)
    {
        var random = new Random(number);
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var gradient = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(Width, Height), [Pick(random), Pick(random)], SKShaderTileMode.Clamp);
            using var background = new SKPaint { Shader = gradient };
            canvas.DrawRect(0, 0, Width, Height, background);
            using var shape = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 24; i++)
            {
                shape.Color = Pick(random).WithAlpha(210);
                var size = random.Next(20, 110);
                var (x, y) = (random.Next(Width), random.Next(Height));
                if (random.Next(2) == 0)
                {
                    canvas.DrawCircle(x, y, size / 2f, shape);
                }
                else
                {
                    canvas.DrawRect(x, y, size, size * 0.7f, shape);
                }
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static SKColor Pick(Random random) => Palette[random.Next(Palette.Length)];
}
