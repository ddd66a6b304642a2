using Clearline.Media.Pdq;
using Clearline.Media.Video;

namespace Clearline.Media.Tests.Video;

/// <summary>The SIMD RGB luma gives the reference's scalar floats bit for bit, at every width (vector body and tail).</summary>
public sealed class RgbLumaTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 5)]
    [InlineData(8, 3)]
    [InlineData(9, 4)]
    [InlineData(10, 2)]
    [InlineData(17, 7)]
    [InlineData(31, 3)]
    [InlineData(128, 128)]
    [InlineData(1080, 4)]
    [InlineData(1281, 3)]
    public void Fill_RandomPixels_SameFloatsAsTheScalarReference(int width, int height)
    {
        var random = new Random((width * 1000) + height);
        var rgb = new byte[width * height * 3];
        random.NextBytes(rgb);
        var stride = PdqWorkspace.Stride(width);
        var expected = new float[stride * height];
        var actual = new float[stride * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var p = 3 * ((y * width) + x);
                expected[(y * stride) + x] = (0.299f * rgb[p]) + (0.587f * rgb[p + 1]) + (0.114f * rgb[p + 2]);
            }
        }

        RgbLuma.Fill(rgb, width, height, actual);

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Fill_ExtremeValues_SameFloatsAsTheScalarReference()
    {
        const int Width = 64;
        var rgb = new byte[Width * 3];
        for (var i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (i % 4) switch { 0 => 0, 1 => 255, 2 => 128, _ => 1 };
        }

        var actual = new float[PdqWorkspace.Stride(Width)];
        RgbLuma.Fill(rgb, Width, 1, actual);

        for (var x = 0; x < Width; x++)
        {
            var expected = (0.299f * rgb[3 * x]) + (0.587f * rgb[(3 * x) + 1]) + (0.114f * rgb[(3 * x) + 2]);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual[x]));
        }
    }
}
