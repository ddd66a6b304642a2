using Clearline.Database;
using Clearline.Statistics;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Statistics;

/// <summary>INHOPE's figures, the time-to-removal histogram and the trends against the hand-worked answers of <see cref="OutcomesNetwork"/>.</summary>
public sealed class RouteOutcomesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Hotline_EveryInhopeFigureExact_WithdrawnLeftOut(DatabaseProvider provider)
    {
        await using var network = await OutcomesNetwork.StartAsync(provider);

        var f = await ComputeAsync(network, StatisticsScope.Hotline(network.HotlineA.Id), OutcomesNetwork.From, OutcomesNetwork.To);
        var o = f.Outcomes;

        Assert.Equal((7, 1), (o.RoutesToActOn, o.RoutesWithdrawn));
        // T1 after 1 d and T7 after exactly 3 d; T3 after 4 d and T8 26 d after B's first report of the same URL are late.
        Assert.Equal((4, 2), (o.ReferredToPolice, o.ReferredWithinThreeDays));
        Assert.Equal(2.0 / 7, o.ReferredWithinThreeDaysShare);
        // T1 removed at 15:00 the same day; T2 at 06:00 the next day, within 24 h but not the same day.
        Assert.Equal((3, 1), (o.RoutesWithNotice, o.RemovedSameDay));
        Assert.Equal(1.0 / 3, o.RemovedSameDayShare);
        Assert.Equal((1, 1), (o.ClosedUnderOwnLaw, o.ClosedNotIllegal));
        Assert.Equal([new("DE", 2), new("NL", 2)], o.CountriesWithHotline);
        Assert.Equal([new("FR", 1), new("US", 1)], o.CountriesWithoutHotline);
        Assert.Equal(1, o.UnknownCountry);
        // The withdrawn T6 (noticed, removed after 1 h) counts in no takedown figure.
        Assert.Equal((3, 3, 2), (f.RoutesWithNotice, f.RoutesRemoved, f.RemovedWithinThreeDays));
        Assert.Equal(
            [new("0-1d", 2), new("1-2d", 0), new("2-3d", 0), new("3-7d", 0), new("7-14d", 1), new("14-30d", 0), new("30d+", 0)],
            f.TimeToRemoval);
    }

    [Theory]
    [BothDatabases]
    public async Task ReceivingHotline_AssignedOutcomes_CountItsOwnLawClosing(DatabaseProvider provider)
    {
        await using var network = await OutcomesNetwork.StartAsync(provider);

        var f = await ComputeAsync(network, StatisticsScope.Hotline(network.HotlineB.Id), OutcomesNetwork.From, OutcomesNetwork.To);

        // B's own reports in March: none; the content assigned to it: T2 and T4.
        Assert.Equal(RouteOutcomeFigures.None, f.Outcomes);
        var assigned = Assert.IsType<RouteOutcomeFigures>(f.AssignedOutcomes);
        Assert.Equal((2, 1, 0, 1, 0), (assigned.RoutesToActOn, assigned.RoutesWithNotice, assigned.RemovedSameDay, assigned.ClosedUnderOwnLaw, assigned.ClosedNotIllegal));
        Assert.Equal([new("DE", 2)], assigned.CountriesWithHotline);
        Assert.Empty(assigned.CountriesWithoutHotline);
    }

    [Theory]
    [BothDatabases]
    public async Task Network_HasNoAssignedOutcomes_AndCountsTheSame(DatabaseProvider provider)
    {
        await using var network = await OutcomesNetwork.StartAsync(provider);

        var f = await ComputeAsync(network, StatisticsScope.Network, OutcomesNetwork.From, OutcomesNetwork.To);

        Assert.Null(f.AssignedOutcomes);
        Assert.Equal((7, 1, 4, 2, 1), (f.Outcomes.RoutesToActOn, f.Outcomes.RoutesWithdrawn, f.Outcomes.ReferredToPolice, f.Outcomes.ReferredWithinThreeDays, f.Outcomes.ClosedUnderOwnLaw));
    }

    [Theory]
    [BothDatabases]
    public async Task Trend_PerWeek_CutToThePeriod_EmptyWeeksIncluded(DatabaseProvider provider)
    {
        await using var network = await OutcomesNetwork.StartAsync(provider);
        var request = StatisticsRequest.Parse("hotline", "2026-03-01", "2026-04-01", "week", network.HotlineA.Id, OutcomesNetwork.To).Value!;

        var f = await network.App.AsSystemAsync(sp => sp.GetRequiredService<StatisticsQueries>().ComputeAsync(request, Ct));

        Assert.Equal("week", f.Interval);
        // Sunday 1 March alone (the week began in February), five Mondays, then 30–31 March.
        Assert.Equal(
            [Day(1), Day(2), Day(9), Day(16), Day(23), Day(30)],
            f.Trend.Select(p => p.From));
        Assert.Equal([Day(2), Day(9), Day(16), Day(23), Day(30), OutcomesNetwork.To], f.Trend.Select(p => p.To));
        Assert.Equal([0, 1, 0, 1, 1, 0], f.Trend.Select(p => p.Reports));
        var q1 = f.Trend[1];
        Assert.Equal((3, 1.0 / 3, 1.0 / 3), (q1.RoutesToActOn, q1.ReferredWithinThreeDaysShare, q1.RemovedSameDayShare));
        Assert.Equal((1, 1, 1), (f.Trend[3].ClosedUnderOwnLaw, f.Trend[3].CountriesWithHotline, f.Trend[3].CountriesWithoutHotline));
        Assert.Null(f.Trend[0].ReferredWithinThreeDaysShare);
        Assert.Equal(f.Reports, f.Trend.Sum(p => p.Reports));
    }

    [Theory]
    [BothDatabases]
    public async Task Trend_PerMonth_FirstMonthCutAtTheStart(DatabaseProvider provider)
    {
        await using var network = await OutcomesNetwork.StartAsync(provider);
        var request = StatisticsRequest.Parse("network", "2026-02-15", "2026-04-01", "month", network.HotlineA.Id, OutcomesNetwork.To).Value!;

        var f = await network.App.AsSystemAsync(sp => sp.GetRequiredService<StatisticsQueries>().ComputeAsync(request, Ct));

        Assert.Equal("month", f.Interval);
        Assert.Equal([new DateTimeOffset(2026, 2, 15, 0, 0, 0, TimeSpan.Zero), Day(1)], f.Trend.Select(p => p.From));
        // B's February report, then A's three.
        Assert.Equal([1, 3], f.Trend.Select(p => p.Reports));
        Assert.Equal([0, 7], f.Trend.Select(p => p.RoutesToActOn));
    }

    private static DateTimeOffset Day(int march) => new(2026, 3, march, 0, 0, 0, TimeSpan.Zero);

    private static Task<StatisticsFigures> ComputeAsync(OutcomesNetwork network, StatisticsScope scope, DateTimeOffset from, DateTimeOffset to) =>
        network.App.AsSystemAsync(sp => sp.GetRequiredService<StatisticsQueries>().ComputeAsync(scope, from, to, Ct));
}
