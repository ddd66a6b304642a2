using Clearline.Statistics;

namespace Clearline.Tests.Statistics;

public sealed class NearestRankTests
{
    [Theory]
    [InlineData(50, 1, 1)]
    [InlineData(50, 4, 2)]
    [InlineData(50, 5, 3)]
    [InlineData(90, 4, 4)]
    [InlineData(90, 10, 9)]
    [InlineData(90, 11, 10)]
    [InlineData(100, 7, 7)]
    [InlineData(1, 1000, 10)]
    public void Rank_IsCeilingOfPercentOfCount(int percentile, int count, int expected) => Assert.Equal(expected, NearestRank.Rank(percentile, count));

    [Theory]
    [InlineData(0, 5)]
    [InlineData(101, 5)]
    [InlineData(50, 0)]
    public void Rank_OutOfRange_Throws(int percentile, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestRank.Rank(percentile, count));
}
