using Clearline.Media.Pdq;

namespace Clearline.Media.Tests.Pdq;

/// <summary>The SIMD core against the naive scalar model, on sizes whose windows the reference images do not reach.</summary>
public sealed class PdqModelTests
{
    [Theory]
    [InlineData(5, 5)]
    [InlineData(7, 131)]
    [InlineData(64, 64)]
    [InlineData(65, 63)]
    [InlineData(129, 257)]
    [InlineData(300, 300)]
    [InlineData(384, 385)]
    [InlineData(511, 17)]
    [InlineData(512, 512)]
    [InlineData(777, 640)]
    public void HashLuma_RandomPlane_MatchesScalarModel(int width, int height)
    {
        var luma = Plane(width, height, seed: width * 1000 + height);

        var result = PdqHasher.HashLuma(luma, width, height);

        Assert.Equal(ScalarPdqModel.Hash(luma, width, height), (result.Hash.ToString(), result.Quality));
    }

    [Fact]
    public void HashLumaDihedral_64x64_BlursUnlikePlainHash()
    {
        var luma = Plane(64, 64, seed: 5);

        var dihedral = PdqHasher.HashLumaDihedral(luma, 64, 64);

        Assert.Equal(ScalarPdqModel.Hash(luma, 64, 64, copy64: false).Hash, dihedral.Original.ToString());
    }

    /// <summary>Smooth structure plus fractional noise, like RGB-path luma.</summary>
    private static float[] Plane(int width, int height, int seed)
    {
        var random = new Random(seed);
        var luma = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                luma[(y * width) + x] = (float)((127 + (80 * Math.Sin(x / 9.0) * Math.Cos(y / 13.0))) + (random.NextDouble() * 40));
            }
        }

        return luma;
    }
}
