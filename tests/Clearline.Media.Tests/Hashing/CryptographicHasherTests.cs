using System.Security.Cryptography;
using Clearline.Media.Hashing;

namespace Clearline.Media.Tests.Hashing;

public sealed class CryptographicHasherTests
{
    [Fact]
    public void Compute_Abc_MatchesPublishedTestVectors()
    {
        var hashes = CryptographicHasher.Compute("abc"u8);

        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", hashes.Md5);
        Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", hashes.Sha1);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hashes.Sha256);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65535)]
    [InlineData(65537)]
    [InlineData(3_000_001)]
    public async Task HashAsync_NonSeekableStream_SameDigestsAsOneShot(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);

        var result = await new MediaHasher().HashAsync(new TrickleStream(bytes), TestContext.Current.CancellationToken);

        Assert.Equal(length, result.Length);
        // MD5 and SHA-1 identify files in exchanged hash lists; nothing here relies on their collision resistance.
#pragma warning disable CA5350, CA5351
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), result.Hashes.Md5);
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(bytes)), result.Hashes.Sha1);
#pragma warning restore CA5350, CA5351
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Hashes.Sha256);
    }

    [Fact]
    public void Hash_StreamAndSpan_SameResult()
    {
        var bytes = BenignImages.Encode(MediaFormat.Jpeg, 300, 200, seed: 8);

        var fromSpan = new MediaHasher().Hash(bytes);
        var fromStream = new MediaHasher().Hash(new MemoryStream(bytes));

        Assert.Equal(fromSpan.Hashes, fromStream.Hashes);
        Assert.Equal(fromSpan.Pdq, fromStream.Pdq);
        Assert.Equal(fromSpan.Image, fromStream.Image);
    }

    /// <summary>A forward-only stream that returns short reads, like a network body.</summary>
    private sealed class TrickleStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 7777), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
