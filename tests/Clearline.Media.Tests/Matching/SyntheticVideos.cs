using Clearline.Media.Pdq;
using Clearline.Media.Video;

namespace Clearline.Media.Tests.Matching;

/// <summary>Seeded synthetic vPDQ videos: scenes of near-identical frames, and re-encoded, trimmed or spliced copies.</summary>
internal static class SyntheticVideos
{
    /// <summary>A video of <paramref name="frames"/> frames in scenes of 5–40 frames, each frame 0–4 bits from its scene's hash; a few frames below quality 50.</summary>
    public static VpdqFeature[] Video(Random random, int frames)
    {
        var features = new VpdqFeature[frames];
        var scene = RandomHashes.Next(random);
        var sceneLeft = 0;
        for (var i = 0; i < frames; i++)
        {
            if (sceneLeft-- == 0)
            {
                scene = RandomHashes.Next(random);
                sceneLeft = random.Next(5, 40);
            }

            var quality = random.Next(50) == 0 ? random.Next(0, 50) : random.Next(50, 101);
            features[i] = Frame(i, quality, RandomHashes.FlipRandomBits(scene, random.Next(0, 5), random));
        }

        return features;
    }

    /// <summary>
    /// A copy of <paramref name="source"/>: frames from <paramref name="start"/> on (a trim), each with 0 to
    /// <paramref name="maxNoise"/> bits flipped (a re-encode), then <paramref name="newFrames"/> frames of a different video.
    /// </summary>
    public static VpdqFeature[] Copy(Random random, VpdqFeature[] source, int start, int maxNoise, int newFrames)
    {
        var copy = source.Skip(start).Select(f => f with { Hash = RandomHashes.FlipRandomBits(f.Hash, random.Next(0, maxNoise + 1), random) })
            .Concat(Video(random, newFrames)).ToArray();
        return [.. copy.Select((f, i) => f with { FrameNumber = i, TimestampSeconds = i / 30.0 })];
    }

    public static VpdqFeature Frame(int number, int quality, PdqHash hash) => new(number, quality, hash, number / 30.0);

    /// <summary>What the index must answer: every known video that <see cref="VpdqMatcher.Compare"/> calls a match, in id order.</summary>
    public static List<(long Id, VpdqComparison Comparison)> BruteForce(
        IEnumerable<(long Id, IReadOnlyList<VpdqFeature> Features)> known, IReadOnlyList<VpdqFeature> query, VpdqMatchOptions options) =>
        [.. known.Select(k => (k.Id, Comparison: VpdqMatcher.Compare(query, k.Features, options)))
            .Where(m => m.Comparison.IsMatch(options)).OrderBy(m => m.Id)];
}
