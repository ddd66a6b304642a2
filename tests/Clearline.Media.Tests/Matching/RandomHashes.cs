using Clearline.Media.Pdq;

namespace Clearline.Media.Tests.Matching;

/// <summary>Seeded random PDQ hashes and copies with chosen bits flipped, for index tests.</summary>
internal static class RandomHashes
{
    public static PdqHash Next(Random random) =>
        PdqHash.FromLanes((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64());

    /// <summary>A copy of <paramref name="hash"/> with <paramref name="count"/> distinct random bits flipped.</summary>
    public static PdqHash FlipRandomBits(PdqHash hash, int count, Random random)
    {
        var bits = Enumerable.Range(0, 256).ToArray();
        random.Shuffle(bits);
        return Flip(hash, bits.AsSpan(0, count));
    }

    /// <summary>A copy of <paramref name="hash"/> with the given (distinct) bits flipped.</summary>
    public static PdqHash Flip(PdqHash hash, ReadOnlySpan<int> bits)
    {
        Span<ulong> lanes = [hash.Lane(0), hash.Lane(1), hash.Lane(2), hash.Lane(3)];
        foreach (var bit in bits)
        {
            lanes[bit >> 6] ^= 1UL << (bit & 63);
        }

        return PdqHash.FromLanes(lanes[0], lanes[1], lanes[2], lanes[3]);
    }
}
