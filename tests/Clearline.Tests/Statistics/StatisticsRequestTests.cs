using Clearline.Results;
using Clearline.Statistics;

namespace Clearline.Tests.Statistics;

public sealed class StatisticsRequestTests
{
    private static readonly Guid Caller = Guid.CreateVersion7();

    private static readonly DateTimeOffset Now = new(2026, 3, 18, 15, 45, 0, TimeSpan.Zero);

    [Fact]
    public void Nothing_IsTheCallersHotlineOverTheLast30DaysIncludingToday()
    {
        var request = StatisticsRequest.Parse(null, null, null, Caller, Now);

        Assert.True(request.IsSuccess);
        Assert.Equal(StatisticsScope.Hotline(Caller), request.Value.Scope);
        Assert.Equal(new DateTimeOffset(2026, 3, 19, 0, 0, 0, TimeSpan.Zero), request.Value.Period.To);
        Assert.Equal(new DateTimeOffset(2026, 2, 17, 0, 0, 0, TimeSpan.Zero), request.Value.Period.From);
    }

    [Fact]
    public void DatesAreMidnightUtc_InstantsKeepTheirOffset_ScopeIgnoresCase()
    {
        var request = StatisticsRequest.Parse(" Network ", "2026-03-01", "2026-03-31T12:00:00+02:00", Caller, Now);

        Assert.True(request.IsSuccess);
        Assert.Same(StatisticsScope.Network, request.Value.Scope);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), request.Value.Period.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 10, 0, 0, TimeSpan.Zero), request.Value.Period.To);
    }

    [Fact]
    public void NetworkPeriod_OfOneDay_IsAllowedAndAHotlineMayLookCloser()
    {
        Assert.True(StatisticsRequest.Parse("network", "2026-03-01", "2026-03-02", Caller, Now).IsSuccess);
        Assert.True(StatisticsRequest.Parse("hotline", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z", Caller, Now).IsSuccess);
    }

    [Theory]
    [InlineData("everyone", null, null, "scope")]
    [InlineData(null, "yesterday", null, "from")]
    [InlineData(null, null, "2026-02-30", "to")]
    [InlineData(null, "2026-03-02", "2026-03-01", "to")]
    [InlineData(null, "2026-03-01", "2026-03-01", "to")]
    [InlineData(null, "2026-04-01", null, "to")]
    [InlineData("network", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z", "to")]
    [InlineData("network", "2026-03-01T00:00:00Z", "2026-03-01T23:59:59Z", "to")]
    public void BadInput_NamesTheField(string? scope, string? from, string? to, string field)
    {
        var request = StatisticsRequest.Parse(scope, from, to, Caller, Now);

        Assert.False(request.IsSuccess);
        Assert.Equal(field, Assert.IsType<InvalidError>(request.Error).Field);
    }
}
