using System.Buffers.Binary;
using Clearline.Media.Decoding;

namespace Clearline.Media.Tests.Decoding;

/// <summary>Decompression bombs, truncation, limits and the time budget: typed results, never exceptions.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void Hash_PngDeclaringGigapixels_TooLargeBeforeAllocating()
    {
        var png = BenignImages.Encode(MediaFormat.Png, 16, 16, seed: 1);
        SetPngSize(png, 100_000, 100_000);

        var result = new MediaHasher().Hash(png);

        Assert.Equal(MediaErrorKind.TooLarge, result.Error?.Kind);
        Assert.Null(result.Pdq);
    }

    [Fact]
    public void Hash_GifDeclaring65535Square_TooLarge()
    {
        var gif = BenignImages.Encode(MediaFormat.Gif, 16, 16, seed: 1);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(6), 65535);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(8), 65535);
        const int imageDescriptor = 13 + (128 * 3) + 8;
        Assert.Equal(0x2C, gif[imageDescriptor]);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(imageDescriptor + 5), 65535);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(imageDescriptor + 7), 65535);

        var result = new MediaHasher().Hash(gif);

        Assert.Equal(MediaErrorKind.TooLarge, result.Error?.Kind);
    }

    [Theory]
    [InlineData(60000, 60000)]
    [InlineData(65535, 65535)]
    public void Hash_JpegFrameHeaderBomb_RefusedWithoutDecoding(int width, int height)
    {
        var jpeg = BenignImages.Encode(MediaFormat.Jpeg, 16, 16, seed: 1);
        var sof = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0]);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), (ushort)width);

        var result = new MediaHasher().Hash(jpeg);

        Assert.Contains(result.Error?.Kind, new MediaErrorKind?[] { MediaErrorKind.TooLarge, MediaErrorKind.Corrupt });
        Assert.Null(result.Pdq);
    }

    [Fact]
    public void Hash_OverPixelLimit_TooLarge()
    {
        var options = new MediaHashOptions { Decode = DecodeOptions.Default with { MaxPixels = 100 * 100 } };

        var result = new MediaHasher(options).Hash(BenignImages.Encode(MediaFormat.Jpeg, 101, 100, seed: 1));

        Assert.Equal(MediaErrorKind.TooLarge, result.Error?.Kind);
        Assert.Equal(101, result.Image?.Width);
    }

    [Fact]
    public void Hash_OverByteLimit_TooLargeButCryptoHashesOfAllBytes()
    {
        var bytes = BenignImages.Encode(MediaFormat.Png, 64, 64, seed: 1);
        var options = new MediaHashOptions { Decode = DecodeOptions.Default with { MaxBytes = 100 } };

        var result = new MediaHasher(options).Hash(new MemoryStream(bytes));

        Assert.Equal(MediaErrorKind.TooLarge, result.Error?.Kind);
        Assert.Equal(bytes.Length, result.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), result.Hashes.Sha256);
    }

    [Theory]
    [InlineData(MediaFormat.Jpeg)]
    [InlineData(MediaFormat.Png)]
    [InlineData(MediaFormat.Gif)]
    [InlineData(MediaFormat.WebP)]
    [InlineData(MediaFormat.Bmp)]
    public void Hash_TruncatedAtHalf_TypedErrorAndNoHashByDefault(MediaFormat format)
    {
        var bytes = BenignImages.Encode(format, 200, 150, seed: 2);

        var result = new MediaHasher().Hash(bytes.AsSpan(0, bytes.Length / 2));

        Assert.Contains(result.Error?.Kind, new MediaErrorKind?[] { MediaErrorKind.Truncated, MediaErrorKind.Corrupt });
        Assert.Null(result.Pdq);
    }

    [Fact]
    public void Hash_TruncatedJpegWithPartialPolicy_HashesAndStillReportsTruncated()
    {
        var bytes = BenignImages.Encode(MediaFormat.Jpeg, 400, 300, seed: 2);
        var options = new MediaHashOptions { Decode = DecodeOptions.Default with { Truncated = TruncatedImagePolicy.HashPartial } };

        var complete = new MediaHasher(options).Hash(bytes);
        var partial = new MediaHasher(options).Hash(bytes.AsSpan(0, (bytes.Length * 3) / 4));

        Assert.Equal(MediaErrorKind.Truncated, partial.Error?.Kind);
        Assert.NotNull(partial.Pdq);
        Assert.NotEqual(complete.Pdq, partial.Pdq);
    }

    [Fact]
    public void Hash_TimeBudgetExceeded_TimedOut()
    {
        var options = new MediaHashOptions
        {
            Decode = DecodeOptions.Default with { TimeBudget = TimeSpan.FromSeconds(5), TimeProvider = new SteppingClock(TimeSpan.FromSeconds(3)) },
        };

        var result = new MediaHasher(options).Hash(BenignImages.Encode(MediaFormat.Jpeg, 2000, 1500, seed: 2));

        Assert.Equal(MediaErrorKind.TimedOut, result.Error?.Kind);
        Assert.Null(result.Pdq);
    }

    [Fact]
    public void HashFile_Missing_UnreadableNotException()
    {
        var result = new MediaHasher().HashFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")));

        Assert.Equal(MediaErrorKind.Unreadable, result.Error?.Kind);
    }

    /// <summary>Rewrites IHDR's size and its CRC, so only the size is hostile.</summary>
    private static void SetPngSize(byte[] png, int width, int height)
    {
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>A clock that moves forward by a fixed step every time it is read.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }
}
