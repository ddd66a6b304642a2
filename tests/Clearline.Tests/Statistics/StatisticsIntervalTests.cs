using Clearline.Results;
using Clearline.Statistics;

namespace Clearline.Tests.Statistics;

public sealed class StatisticsIntervalTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 18, 15, 45, 0, TimeSpan.Zero);

    private static StatisticsPeriod Period(string from, string to) => StatisticsPeriod.Parse(from, to, Now).Value!;

    [Fact]
    public void Weeks_StartOnMonday_CutToThePeriod()
    {
        var buckets = StatisticsIntervals.Buckets(Period("2026-03-04", "2026-03-20T12:00:00Z"), StatisticsInterval.Week, TimeSpan.Zero);

        Assert.Equal(["2026-03-04T00:00", "2026-03-09T00:00", "2026-03-16T00:00"], buckets.Select(b => b.From.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Period("2026-03-16", "2026-03-20T12:00:00Z"), buckets[^1]);
    }

    [Fact]
    public void Months_AreCalendarMonths_ThePeriodOnAMondayStartsAWeek()
    {
        var months = StatisticsIntervals.Buckets(Period("2026-01-31", "2026-03-02"), StatisticsInterval.Month, TimeSpan.Zero);
        var weeks = StatisticsIntervals.Buckets(Period("2026-03-02", "2026-03-16"), StatisticsInterval.Week, TimeSpan.Zero);

        Assert.Equal([Period("2026-01-31", "2026-02-01"), Period("2026-02-01", "2026-03-01"), Period("2026-03-01", "2026-03-02")], months);
        Assert.Equal([Period("2026-03-02", "2026-03-09"), Period("2026-03-09", "2026-03-16")], weeks);
    }

    [Fact]
    public void EdgeBucketsShorterThanTheMinimum_JoinTheirNeighbours()
    {
        var buckets = StatisticsIntervals.Buckets(Period("2026-03-01T12:00:00Z", "2026-03-16T06:00:00Z"), StatisticsInterval.Week, TimeSpan.FromDays(1));

        Assert.Equal([Period("2026-03-01T12:00:00Z", "2026-03-09"), Period("2026-03-09", "2026-03-16T06:00:00Z")], buckets);
    }

    [Theory]
    [InlineData(null, "2026-03-01", "2026-05-31", StatisticsInterval.Week)]
    [InlineData(null, "2026-03-01", "2026-06-01", StatisticsInterval.Month)]
    [InlineData(" Month ", "2026-03-01", "2026-03-08", StatisticsInterval.Month)]
    [InlineData("week", "2026-01-01", "2026-12-31", StatisticsInterval.Week)]
    public void Parse_DefaultsByLength_IgnoresCase(string? interval, string from, string to, StatisticsInterval expected)
    {
        var parsed = StatisticsRequest.Parse("hotline", from, to, interval, Guid.CreateVersion7(), Now);

        Assert.True(parsed.IsSuccess);
        Assert.Equal(expected, parsed.Value.Interval);
    }

    [Theory]
    [InlineData("fortnight", "2026-03-01", "2026-04-01")]
    [InlineData("1", "2026-03-01", "2026-04-01")]
    [InlineData("week", "2020-01-01", "2026-01-01")]
    public void Parse_BadOrTooManyBuckets_IsInvalidInterval(string interval, string from, string to)
    {
        var parsed = StatisticsRequest.Parse("hotline", from, to, interval, Guid.CreateVersion7(), Now);

        Assert.False(parsed.IsSuccess);
        Assert.Equal("interval", Assert.IsType<InvalidError>(parsed.Error).Field);
    }
}
