using Clearline.Media.Decoding;
using Clearline.Media.Pdq;

namespace Clearline.Media.Tests.Decoding;

public sealed class DecodingTests
{
    public static TheoryData<MediaFormat> Formats() =>
        [MediaFormat.Jpeg, MediaFormat.Png, MediaFormat.Gif, MediaFormat.WebP, MediaFormat.Bmp];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Hash_GeneratedImage_DecodesWithMetadataAndHash(MediaFormat format)
    {
        var bytes = BenignImages.Encode(format, 120, 90, seed: 7);

        var result = new MediaHasher().Hash(bytes);

        Assert.Null(result.Error);
        Assert.Equal(format, MediaFormatDetector.Detect(bytes));
        Assert.Equal(new ImageMetadata(format, 120, 90, 1, null, null, false, 1), result.Image);
        Assert.True(result.Pdq?.Quality > 50);
        Assert.Equal(bytes.Length, result.Length);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Hash_LosslessFormats_HashEqualsHashOfPixels(MediaFormat format)
    {
        if (format is MediaFormat.Jpeg or MediaFormat.WebP or MediaFormat.Gif)
        {
            return;
        }

        var pixels = BenignImages.Rgba(700, 300, seed: 3);

        var result = new MediaHasher().Hash(BenignImages.Encode(format, 700, 300, seed: 3));

        Assert.Equal(PdqHasher.HashRgba(pixels, 700, 300), result.Pdq);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(13)]
    public void Hash_TooShortToBeAnImage_IsUnsupportedWithCryptoHashes(int length)
    {
        var result = new MediaHasher().Hash(new byte[length]);

        Assert.Equal(MediaErrorKind.Unsupported, result.Error?.Kind);
        Assert.Null(result.Pdq);
        Assert.Equal(length == 0 ? "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" : result.Hashes.Sha256, result.Hashes.Sha256);
    }

    [Fact]
    public void Hash_OnePixel_ZeroHashQualityZero()
    {
        var result = new MediaHasher().Hash(BenignImages.Encode(MediaFormat.Png, 1, 1, seed: 1));

        Assert.Null(result.Error);
        Assert.Equal(new PdqResult(PdqHash.Zero, 0), result.Pdq);
    }

    [Fact]
    public void Hash_FiveByFive_IsTheSmallestHashableSize()
    {
        var four = new MediaHasher().Hash(BenignImages.Encode(MediaFormat.Png, 4, 5, seed: 1));
        var five = new MediaHasher().Hash(BenignImages.Encode(MediaFormat.Png, 5, 5, seed: 1));

        Assert.Equal(PdqHash.Zero, four.Pdq?.Hash);
        Assert.NotEqual(PdqHash.Zero, five.Pdq?.Hash);
        Assert.Equal(128, five.Pdq?.Hash.PopCount);
    }

    [Fact]
    public void Hash_65535ByOne_ResizedToSquareAndHashed()
    {
        var result = new MediaHasher().Hash(BenignImages.Encode(MediaFormat.Png, 65535, 1, seed: 1));

        Assert.Null(result.Error);
        Assert.Equal(65535, result.Image?.Width);
        Assert.Equal(1, result.Image?.Height);
        Assert.NotNull(result.Pdq);
    }

    [Fact]
    public void Hash_AnimatedGif_FirstFrameByDefaultEveryFrameOnRequest()
    {
        var frames = Enumerable.Range(0, 3).Select(seed => BenignImages.Rgba(64, 48, seed * 100)).ToArray();
        frames[1] = frames[1].Reverse().ToArray();
        var gif = BenignImages.Gif(64, 48, frames);

        var first = new MediaHasher().Hash(gif);
        var all = new MediaHasher(new MediaHashOptions { AllFrames = true }).Hash(gif);

        Assert.Equal(3, first.Image?.FrameCount);
        Assert.Empty(first.Frames);
        Assert.Equal(3, all.Frames.Count);
        Assert.Equal(first.Pdq, all.Frames[0]);
        Assert.True(all.Frames[0].Hash.DistanceTo(all.Frames[1].Hash) > 31);
    }

    [Fact]
    public void Hash_GreyscaleRgbImage_UsesGreyPath()
    {
        var pixels = BenignImages.Rgba(40, 40, seed: 5);
        for (var i = 0; i < pixels.Length; i += 4)
        {
            pixels[i + 1] = pixels[i];
            pixels[i + 2] = pixels[i];
        }

        var luma = new float[40 * 40];
        for (var p = 0; p < luma.Length; p++)
        {
            luma[p] = pixels[4 * p];
        }

        Assert.Equal(PdqHasher.HashLuma(luma, 40, 40), PdqHasher.HashRgba(pixels, 40, 40));
    }

    [Fact]
    public void Hash_TransparentPixels_AlphaIgnored()
    {
        var opaque = BenignImages.Rgba(80, 60, seed: 9);
        var transparent = (byte[])opaque.Clone();
        for (var i = 3; i < transparent.Length; i += 8)
        {
            transparent[i] = 0;
        }

        var a = new MediaHasher().Hash(BenignImages.Encode(MediaFormat.Png, 80, 60, 9));
        var b = new MediaHasher().Hash(BenignImages.EncodeSkia(transparent, 80, 60, SkiaSharp.SKEncodedImageFormat.Png, 100));

        Assert.Equal(a.Pdq, b.Pdq);
    }

    [Fact]
    public void Hash_GifTransparentIndex_HashedAsItsPaletteColour()
    {
        var rgba = BenignImages.Rgba(64, 48, 3);
        var gif = BenignImages.Gif(64, 48, [rgba]);
        const int graphicControl = 13 + (128 * 3);
        var transparent = BenignImages.GifIndex(rgba, 0);
        gif[graphicControl + 3] = 0x05;
        gif[graphicControl + 6] = transparent;
        var expected = new byte[rgba.Length];
        for (var p = 0; p < rgba.Length / 4; p++)
        {
            var index = BenignImages.GifIndex(rgba, p);
            byte[] colour = [.. BenignImages.GifPalette(index), (byte)(index == transparent ? 0 : 255)];
            colour.CopyTo(expected, 4 * p);
        }

        var result = new MediaHasher().Hash(gif);

        // Skia's GIF decoder gives the transparent index as black; the palette colour the reference's ImageMagick
        // path hashes is put back from the GIF's colour table (more in TransparentGifTests).
        Assert.Equal(PdqHasher.HashRgba(expected, 64, 48), result.Pdq);
    }
}
