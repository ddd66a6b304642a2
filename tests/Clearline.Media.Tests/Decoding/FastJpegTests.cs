using Clearline.Media.Decoding;

namespace Clearline.Media.Tests.Decoding;

/// <summary>The optional reduced-DCT-scale JPEG mode: how far it moves hashes from the exact ones (documented in docs/hashing.md).</summary>
public sealed class FastJpegTests
{
    private static readonly MediaHasher _exact = new();
    private static readonly MediaHasher _fast = new(new MediaHashOptions { Decode = DecodeOptions.Default with { FastJpeg = true } });

    [Fact]
    public void Hash_FastJpegOnReferencePhotos_WithinFourBitsOfExact()
    {
        var photos = Directory.EnumerateFiles(TestData.Pdq, "*.jp*g", SearchOption.AllDirectories).ToArray();

        var distances = photos.Select(File.ReadAllBytes)
            .Select(bytes => (exact: _exact.Hash(bytes).Pdq!.Value, fast: _fast.Hash(bytes).Pdq!.Value))
            .Where(p => p.exact.Quality >= 80)
            .Select(p => p.exact.Hash.DistanceTo(p.fast.Hash))
            .ToArray();

        Assert.True(distances.Length >= 25);
        Assert.All(distances, d => Assert.InRange(d, 0, 4));
    }

    [Theory]
    [InlineData(3000, 2000)]
    [InlineData(2048, 1536)]
    public void Hash_FastJpegOnGeneratedScene_WithinFourBitsAndSameMetadata(int width, int height)
    {
        var bytes = BenignImages.SceneJpeg(width, height, seed: width);

        var exact = _exact.Hash(bytes);
        var fast = _fast.Hash(bytes);

        Assert.InRange(exact.Pdq!.Value.Hash.DistanceTo(fast.Pdq!.Value.Hash), 0, 4);
        Assert.Equal(exact.Image, fast.Image);
    }

    [Fact]
    public void Hash_FastJpegWhenScalingWouldGoBelow512OrNotJpeg_IdenticalToExact()
    {
        var small = BenignImages.SceneJpeg(1400, 580, seed: 1);
        var png = BenignImages.Encode(MediaFormat.Png, 1500, 1200, seed: 1);

        Assert.Equal(_exact.Hash(small).Pdq, _fast.Hash(small).Pdq);
        Assert.Equal(_exact.Hash(png).Pdq, _fast.Hash(png).Pdq);
    }
}
