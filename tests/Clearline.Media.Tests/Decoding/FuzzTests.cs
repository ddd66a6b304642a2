using System.Security.Cryptography;
using Clearline.Media.Previews;

namespace Clearline.Media.Tests.Decoding;

/// <summary>
/// Thousands of mutated and truncated files of every format, generated from benign seeds with a fixed random
/// seed: each must come back as data (hashes always, a typed error or a hash), never as an exception or a crash.
/// </summary>
public sealed class FuzzTests
{
    private const int MutationsPerSeed = 220;

    public static TheoryData<MediaFormat> Formats() =>
        [MediaFormat.Jpeg, MediaFormat.Png, MediaFormat.Gif, MediaFormat.WebP, MediaFormat.Bmp];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Hash_MutatedAndTruncatedFiles_AlwaysTypedResult(MediaFormat format)
    {
        var random = new Random(20260717 + (int)format);
        byte[][] seeds = [BenignImages.Encode(format, 48, 40, seed: 1), BenignImages.Encode(format, 181, 97, seed: 2)];
        var hasher = new MediaHasher();
        var thorough = new MediaHasher(new MediaHashOptions { AllFrames = true, Dihedral = true, Previews = PreviewOptions.Default });
        var outcomes = new Dictionary<string, int>();

        foreach (var seed in seeds)
        {
            for (var i = 0; i < MutationsPerSeed; i++)
            {
                var mutated = Mutate(seed, random);
                var result = (i % 10 == 0 ? thorough : hasher).Hash(mutated);

                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(mutated)), result.Hashes.Sha256);
                Assert.True(result.Error is not null || result.Pdq is not null, "a result has a hash or an error");
                Assert.True(result.Pdq is null || result.Image is not null, "a hash comes with metadata");
                var key = result.Error?.Kind.ToString() ?? "ok";
                outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            }
        }

        Assert.Equal(2 * MutationsPerSeed, outcomes.Values.Sum());
        Assert.True(outcomes.Count > 1, "the mutations reach more than one outcome");
    }

    [Fact]
    public void Hash_EveryPrefixOfSmallFiles_NeverThrows()
    {
        foreach (var format in new[] { MediaFormat.Jpeg, MediaFormat.Png, MediaFormat.Gif, MediaFormat.WebP, MediaFormat.Bmp })
        {
            var bytes = BenignImages.Encode(format, 12, 10, seed: 4);
            for (var length = 0; length <= bytes.Length; length++)
            {
                var result = new MediaHasher().Hash(bytes.AsSpan(0, length));
                Assert.True(length == bytes.Length ? result.Error is null : result.Error is not null || result.Pdq is not null);
            }
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        switch (random.Next(6))
        {
            case 0:
                return bytes[..random.Next(bytes.Length)];
            case 1:
                for (var n = random.Next(1, 8); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 2:
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    bytes[random.Next(Math.Min(bytes.Length, 64))] = (byte)(random.Next(2) == 0 ? 0xFF : 0x00);
                }

                return bytes;
            case 3:
                var start = random.Next(bytes.Length);
                var run = random.Next(1, 64);
                random.NextBytes(bytes.AsSpan(start, Math.Min(run, bytes.Length - start)));
                return bytes;
            case 4:
                var from = random.Next(bytes.Length);
                var length = random.Next(1, Math.Min(256, bytes.Length - from + 1));
                return [.. bytes[..from], .. bytes.AsSpan(from, length), .. bytes[from..]];
            default:
                var cut = random.Next(bytes.Length);
                return [.. bytes[..cut], .. bytes[Math.Min(bytes.Length, cut + random.Next(1, 128))..]];
        }
    }
}
