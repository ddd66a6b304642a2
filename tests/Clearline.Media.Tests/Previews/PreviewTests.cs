using Clearline.Media.Previews;
using SkiaSharp;

namespace Clearline.Media.Tests.Previews;

public sealed class PreviewTests
{
    [Fact]
    public void Hash_PreviewsRequested_ThreeDecodableWebPsAtLongestSide320()
    {
        var options = new MediaHashOptions { Previews = PreviewOptions.Default };

        var result = new MediaHasher(options).Hash(BenignImages.Encode(MediaFormat.Jpeg, 1024, 768, seed: 3));

        var previews = Assert.IsType<ImagePreviews>(result.Previews);
        Assert.Equal((320, 240), (previews.Width, previews.Height));
        Assert.Equal("image/webp", previews.ContentType);
        foreach (var encoded in new[] { previews.Preview, previews.Blurred, previews.GreyBlurred })
        {
            using var bitmap = SKBitmap.Decode(encoded);
            Assert.Equal((320, 240), (bitmap.Width, bitmap.Height));
        }

        Assert.NotNull(result.Pdq);
    }

    [Fact]
    public void Hash_PreviewsRequested_BlurRemovesDetailAndGreyHasNoColour()
    {
        var options = new MediaHashOptions { Previews = PreviewOptions.Default with { Encoding = PreviewEncoding.Jpeg, LongestSide = 200, Quality = 95 } };

        var previews = new MediaHasher(options).Hash(BenignImages.Encode(MediaFormat.Png, 400, 300, seed: 3)).Previews!;

        using var sharp = SKBitmap.Decode(previews.Preview);
        using var blurred = SKBitmap.Decode(previews.Blurred);
        using var grey = SKBitmap.Decode(previews.GreyBlurred);
        Assert.Equal("image/jpeg", previews.ContentType);
        Assert.True(Roughness(blurred) < Roughness(sharp) / 3);
        Assert.All(Enumerable.Range(0, grey.Width), x =>
        {
            var c = grey.GetPixel(x, grey.Height / 2);
            Assert.InRange(Math.Max(Math.Abs(c.Red - c.Green), Math.Abs(c.Green - c.Blue)), 0, 6);
        });
    }

    [Fact]
    public void Hash_SmallImage_PreviewNotEnlarged()
    {
        var result = new MediaHasher(new MediaHashOptions { Previews = PreviewOptions.Default }).Hash(BenignImages.Encode(MediaFormat.Gif, 40, 30, seed: 3));

        Assert.Equal((40, 30), (result.Previews?.Width, result.Previews?.Height));
    }

    [Fact]
    public void Hash_UndecodableWithPreviewsRequested_NoPreviews()
    {
        var result = new MediaHasher(new MediaHashOptions { Previews = PreviewOptions.Default }).Hash("not an image at all"u8);

        Assert.Null(result.Previews);
        Assert.Equal(MediaErrorKind.Unsupported, result.Error?.Kind);
    }

    /// <summary>Mean absolute difference between horizontal neighbours' green channel: high for noise and edges.</summary>
    private static double Roughness(SKBitmap bitmap)
    {
        double sum = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 1; x < bitmap.Width; x++)
            {
                sum += Math.Abs(bitmap.GetPixel(x, y).Green - bitmap.GetPixel(x - 1, y).Green);
            }
        }

        return sum / (bitmap.Height * (bitmap.Width - 1));
    }
}
