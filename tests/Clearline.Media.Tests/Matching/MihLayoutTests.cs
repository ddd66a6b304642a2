using System.Numerics;
using Clearline.Media.Matching;

namespace Clearline.Media.Tests.Matching;

public sealed class MihLayoutTests
{
    public static TheoryData<int, long> Layouts() => new()
    {
        { 0, 0 }, { 31, 0 }, { 10, 1_000 }, { 31, 100_000 }, { 63, 100_000 }, { 31, 1_000_000 }, { 31, 10_000_000 }, { 63, 10_000_000 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Choose_AnyThresholdUpToMax_RadiiCoverThePigeonhole(int maxThreshold, long count)
    {
        var layout = MihLayout.Choose(maxThreshold, count);

        Assert.Equal(256, layout.Widths.Sum());
        Assert.All(layout.Widths, width => Assert.InRange(width, 8, MihLayout.MaxWidth));
        for (var threshold = 0; threshold <= maxThreshold; threshold++)
        {
            var covered = Enumerable.Range(0, layout.TableCount).Sum(table => Math.Max(0, layout.RadiusFor(table, threshold) + 1));
            Assert.True(covered >= threshold + 1, $"threshold {threshold}: radii cover only {covered}");
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Masks_EachTable_AreEveryDistinctMaskWithinRadiusInWeightOrder(int maxThreshold, long count)
    {
        var layout = MihLayout.Choose(maxThreshold, count);

        for (var table = 0; table < layout.TableCount; table++)
        {
            var masks = layout.Masks[table];
            var width = layout.Widths[table];
            var radius = layout.RadiusFor(table, maxThreshold);
            Assert.Equal(masks.Length, masks.Distinct().Count());
            Assert.All(masks, mask => Assert.True(mask < 1u << width));
            for (var r = 0; r <= radius; r++)
            {
                var expected = Enumerable.Range(0, r + 1).Sum(k => Binomial(width, k));
                Assert.Equal(expected, layout.MaskCounts[table][r]);
                Assert.All(masks.Take(layout.MaskCounts[table][r]), mask => Assert.True(BitOperations.PopCount(mask) <= r));
            }
        }
    }

    [Fact]
    public void Key_RandomHashes_HoldsTheSubstringsBitsInOrder()
    {
        var random = new Random(3);
        var layout = MihLayout.Choose(31, 10_000_000);
        for (var n = 0; n < 100; n++)
        {
            var hash = RandomHashes.Next(random);
            for (var table = 0; table < layout.TableCount; table++)
            {
                var key = layout.Key(hash, table);
                for (var bit = 0; bit < layout.Widths[table]; bit++)
                {
                    Assert.Equal(hash[layout.Starts[table] + bit], ((key >> bit) & 1) != 0);
                }
            }
        }
    }

    private static int Binomial(int n, int k) => k == 0 ? 1 : Binomial(n - 1, k - 1) * n / k;
}
