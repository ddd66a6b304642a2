using Clearline.Media.Pdq;
using Clearline.Media.Video;

namespace Clearline.Benchmarks;

/// <summary>
/// Seeded synthetic vPDQ videos for the video index benchmarks: scenes of 10–60 near-identical frames (each frame
/// 0–4 bits from its scene's hash, as consecutive frames of one shot hash), 2 % of frames below quality 50 (fades,
/// black frames), and re-encoded copies (every frame 0–16 bits off, a 10 % trim, new frames appended).
/// </summary>
internal static class SyntheticVideoHashes
{
    /// <summary>Known video <paramref name="id"/>: the same frames every time it is asked for.</summary>
    public static VpdqFeature[] Known(long id, int frames) => Video(new Random(unchecked((int)(id * 2654435761L)) ^ 0x5EED), frames);

    /// <summary>A video that is not in the index.</summary>
    public static VpdqFeature[] Unknown(int seed, int frames) => Video(new Random(-1 - seed), frames);

    /// <summary>A re-encoded copy of <paramref name="source"/> trimmed by 10 % at the start, with as many new frames appended.</summary>
    public static VpdqFeature[] ReencodedTrimmed(VpdqFeature[] source, int seed)
    {
        var random = new Random(seed);
        var trim = source.Length / 10;
        var copy = new VpdqFeature[source.Length];
        for (var i = 0; i < source.Length - trim; i++)
        {
            copy[i] = source[i + trim] with { Hash = Flip(source[i + trim].Hash, random.Next(0, 17), random) };
        }

        Video(random, trim).CopyTo(copy, source.Length - trim);
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = copy[i] with { FrameNumber = i, TimestampSeconds = i / 30.0 };
        }

        return copy;
    }

    private static VpdqFeature[] Video(Random random, int frames)
    {
        var features = new VpdqFeature[frames];
        var scene = default(PdqHash);
        var sceneLeft = 0;
        for (var i = 0; i < frames; i++)
        {
            if (sceneLeft-- == 0)
            {
                scene = PdqHash.FromLanes((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64());
                sceneLeft = random.Next(10, 61);
            }

            var quality = random.Next(50) == 0 ? random.Next(0, 50) : random.Next(50, 101);
            features[i] = new VpdqFeature(i, quality, Flip(scene, random.Next(0, 5), random), i / 30.0);
        }

        return features;
    }

    /// <summary>Flips up to <paramref name="count"/> random bits (a bit drawn twice flips back: near enough for noise).</summary>
    private static PdqHash Flip(PdqHash hash, int count, Random random)
    {
        Span<ulong> lanes = [hash.Lane(0), hash.Lane(1), hash.Lane(2), hash.Lane(3)];
        for (var i = 0; i < count; i++)
        {
            var bit = random.Next(256);
            lanes[bit >> 6] ^= 1UL << (bit & 63);
        }

        return PdqHash.FromLanes(lanes[0], lanes[1], lanes[2], lanes[3]);
    }
}
