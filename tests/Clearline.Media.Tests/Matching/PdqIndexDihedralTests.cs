using Clearline.Media.Matching;
using Clearline.Media.Pdq;
using SkiaSharp;

namespace Clearline.Media.Tests.Matching;

/// <summary>A rotated or mirrored copy of a stored image is found through the matching dihedral hash.</summary>
public sealed class PdqIndexDihedralTests
{
    // At 512 × 512 the reference's pre-resize is a no-op; smaller images drift further from their dihedrals.
    private const int Size = 512;

    public static TheoryData<string, int> Transforms() => new()
    {
        { "as is", 0 },
        { "rotated 90° counter-clockwise", 3 },
        { "rotated 180°", 2 },
        { "mirrored left-right", 5 },
    };

    [Theory]
    [MemberData(nameof(Transforms))]
    public async Task Query_TransformedCopyOfStoredImage_MatchesThroughTheUndoingDihedral(string change, int expectedTransform)
    {
        using var scene = SKBitmap.Decode(BenignImages.SceneJpeg(Size, Size, seed: 21));
        var original = scene.GetPixelSpan().ToArray();
        var random = new Random(22);
        var index = PdqIndex.Build(Enumerable.Range(0, 10_000).Select(i => ((long)i, RandomHashes.Next(random))));
        await index.AddAsync(-1, PdqHasher.HashRgba(original, Size, Size).Hash, TestContext.Current.CancellationToken);
        var copy = change switch
        {
            "rotated 90° counter-clockwise" => RotateCounterClockwise(original),
            "rotated 180°" => RotateCounterClockwise(RotateCounterClockwise(original)),
            "mirrored left-right" => MirrorLeftRight(original),
            _ => original,
        };

        var matches = index.Query(PdqHasher.HashRgbaDihedral(copy, Size, Size));

        var match = Assert.Single(matches);
        Assert.Equal(-1, match.Id);
        Assert.Equal(expectedTransform, match.Transform);
        Assert.InRange(match.Distance, 0, PdqMatching.DefaultThreshold);
    }

    private static byte[] RotateCounterClockwise(byte[] rgba) =>
        Remap(rgba, (x, y) => (Size - 1 - y, x));

    private static byte[] MirrorLeftRight(byte[] rgba) =>
        Remap(rgba, (x, y) => (Size - 1 - x, y));

    /// <summary>Each output pixel (x, y) takes the input pixel at <paramref name="source"/>(x, y).</summary>
    private static byte[] Remap(byte[] rgba, Func<int, int, (int X, int Y)> source)
    {
        var result = new byte[rgba.Length];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var (sx, sy) = source(x, y);
                rgba.AsSpan(((sy * Size) + sx) * 4, 4).CopyTo(result.AsSpan(((y * Size) + x) * 4));
            }
        }

        return result;
    }
}
