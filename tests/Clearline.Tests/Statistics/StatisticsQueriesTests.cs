using Clearline.Database;
using Clearline.Statistics;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Statistics;

/// <summary>Every figure against the hand-worked answers of <see cref="StatisticsNetwork"/>, on both databases.</summary>
public sealed class StatisticsQueriesTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Theory]
    [BothDatabases]
    public async Task Hotline_CountsOnlyItsOwnReportsInThePeriod_EveryFigureExact(DatabaseProvider provider)
    {
        await using var network = await StatisticsNetwork.StartAsync(provider);

        var f = await ComputeAsync(network, StatisticsScope.Hotline(network.HotlineA.Id), StatisticsNetwork.From, StatisticsNetwork.To);

        Assert.Equal(("hotline", StatisticsNetwork.From, StatisticsNetwork.To), (f.Scope, f.From, f.To));
        Assert.Equal((3, 6), (f.Reports, f.ContentUrls));
        Assert.Equal((5, 4, 2, 1, 3), (f.ItemsFound, f.ItemsAssessed, f.BaselineItems, f.NationalItems, f.IllegalItems));
        Assert.Equal(0.75, f.IllegalShare);
        Assert.Equal((1, 3), (f.KnownItems, f.NewItems));
        Assert.Equal(0.25, f.KnownShare);
        Assert.Equal([new("NL", 3), new("DE", 1), new("US", 1), new("unknown", 1)], f.HostingCountries);
        Assert.Equal([new("Forum", 2), new("ImageBoard", 1)], f.SiteTypes);
        Assert.Equal([new("PrePubescent", 2), new("Pubescent", 1)], f.AgeGroups);
        Assert.Equal([new("Female", 2), new("Male", 1)], f.Genders);
        Assert.Equal((5, 4, 3), (f.RoutesWithNotice, f.RoutesRemoved, f.RemovedWithinThreeDays));
        Assert.Equal(0.6, f.RemovedWithinThreeDaysShare);
        // Removed after 1 d, 2 d + 123 µs, 3 d, 10 d: nearest rank ceil(0.5 × 4) = 2 and ceil(0.9 × 4) = 4.
        Assert.Equal(StatisticsNetwork.JustOverTwoDays, f.MedianTimeToRemoval);
        Assert.Equal(10 * Day, f.P90TimeToRemoval);
    }

    [Theory]
    [BothDatabases]
    public async Task Network_CountsEveryHotlinesReports(DatabaseProvider provider)
    {
        await using var network = await StatisticsNetwork.StartAsync(provider);

        var f = await ComputeAsync(network, StatisticsScope.Network, StatisticsNetwork.From, StatisticsNetwork.To);

        Assert.Equal("network", f.Scope);
        Assert.Equal((4, 8), (f.Reports, f.ContentUrls));
        Assert.Equal((6, 5, 3, 1, 4), (f.ItemsFound, f.ItemsAssessed, f.BaselineItems, f.NationalItems, f.IllegalItems));
        Assert.Equal(0.8, f.IllegalShare);
        Assert.Equal((1, 4), (f.KnownItems, f.NewItems));
        Assert.Equal([new("NL", 3), new("DE", 2), new("FR", 1), new("US", 1), new("unknown", 1)], f.HostingCountries);
        Assert.Equal([new("Forum", 2), new("ImageBoard", 1), new("Website", 1)], f.SiteTypes);
        Assert.Equal([new("PrePubescent", 2), new("Infant", 1), new("Pubescent", 1)], f.AgeGroups);
        Assert.Equal([new("Female", 2), new("Both", 1), new("Male", 1)], f.Genders);
        Assert.Equal((6, 5, 3), (f.RoutesWithNotice, f.RoutesRemoved, f.RemovedWithinThreeDays));
        Assert.Equal(0.5, f.RemovedWithinThreeDaysShare);
        // Removed after 1 d, 2 d + 123 µs, 3 d, 5 d, 10 d: nearest rank ceil(2.5) = 3 and ceil(4.5) = 5.
        Assert.Equal(3 * Day, f.MedianTimeToRemoval);
        Assert.Equal(10 * Day, f.P90TimeToRemoval);
    }

    [Theory]
    [BothDatabases]
    public async Task OtherHotline_SeesOnlyItsOwnReports(DatabaseProvider provider)
    {
        await using var network = await StatisticsNetwork.StartAsync(provider);

        var f = await ComputeAsync(network, StatisticsScope.Hotline(network.HotlineB.Id), StatisticsNetwork.From, StatisticsNetwork.To);

        Assert.Equal((1, 2, 2, 2, 2, 0), (f.Reports, f.ContentUrls, f.ItemsFound, f.ItemsAssessed, f.BaselineItems, f.NationalItems));
        Assert.Equal([new("DE", 1), new("FR", 1)], f.HostingCountries);
        Assert.Equal([new("Website", 1)], f.SiteTypes);
        Assert.Equal((1, 1, 0), (f.RoutesWithNotice, f.RoutesRemoved, f.RemovedWithinThreeDays));
        Assert.Equal(0.0, f.RemovedWithinThreeDaysShare);
        Assert.Equal((5 * Day, 5 * Day), (f.MedianTimeToRemoval!.Value, f.P90TimeToRemoval!.Value));
    }

    [Theory]
    [BothDatabases]
    public async Task Period_IncludesItsStartAndExcludesItsEnd(DatabaseProvider provider)
    {
        await using var network = await StatisticsNetwork.StartAsync(provider);
        var a = StatisticsScope.Hotline(network.HotlineA.Id);

        var march = await ComputeAsync(network, a, StatisticsNetwork.From, StatisticsNetwork.To);
        var laterStart = await ComputeAsync(network, a, StatisticsNetwork.From.AddTicks(10), StatisticsNetwork.To);
        var laterEnd = await ComputeAsync(network, a, StatisticsNetwork.From, StatisticsNetwork.To.AddSeconds(1));
        var earlierStart = await ComputeAsync(network, a, StatisticsNetwork.From.AddSeconds(-1), StatisticsNetwork.To);
        var empty = await ComputeAsync(network, a, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(3, march.Reports);
        Assert.Equal((2, 3), (laterStart.Reports, laterStart.ContentUrls));
        Assert.Equal((4, 7), (laterEnd.Reports, laterEnd.ContentUrls));
        Assert.Equal([new("Forum", 2), new("ImageBoard", 1), new("Website", 1)], laterEnd.SiteTypes);
        Assert.Equal(TimeSpan.FromHours(1), (await ComputeAsync(network, a, StatisticsNetwork.To, StatisticsNetwork.To.AddDays(1))).MedianTimeToRemoval);
        Assert.Equal(4, earlierStart.Reports);
        Assert.Equal((0, 0, 0, 0), (empty.Reports, empty.ContentUrls, empty.ItemsFound, empty.RoutesWithNotice));
        Assert.Equal(((double?)null, (double?)null, (double?)null), (empty.IllegalShare, empty.KnownShare, empty.RemovedWithinThreeDaysShare));
        Assert.Equal(((TimeSpan?)null, (TimeSpan?)null), (empty.MedianTimeToRemoval, empty.P90TimeToRemoval));
        Assert.Empty(empty.HostingCountries);
    }

    [Theory]
    [BothDatabases]
    public async Task HostingCountries_NameTheTopTen_ThenOtherThenUnknown(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        var countries = new[] { "AT", "BE", "CH", "CZ", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IT" };
        var content = countries.Select((c, i) => new SeededContent(StatisticsDataSet.Sha((char)('a' + (i % 6))), c))
            .Append(new SeededContent(StatisticsDataSet.Sha('a'), "IT"))
            .Append(new SeededContent(StatisticsDataSet.Sha('b'), null))
            .ToArray();
        await new StatisticsDataSet(app).ReportAsync(hotline, StatisticsNetwork.From, Clearline.Reports.SiteType.FileHost, content);

        var f = await app.AsSystemAsync(sp => sp.GetRequiredService<StatisticsQueries>()
            .ComputeAsync(StatisticsScope.Hotline(hotline.Id), StatisticsNetwork.From, StatisticsNetwork.To, TestContext.Current.CancellationToken));

        // IT has two URLs; the nine that follow it by code are AT to FR, leaving GB and IE as "other".
        Assert.Equal(
            [new("IT", 2), new("AT", 1), new("BE", 1), new("CH", 1), new("CZ", 1), new("DE", 1), new("DK", 1), new("ES", 1), new("FI", 1), new("FR", 1),
                new("other", 2), new("unknown", 1)],
            f.HostingCountries);
        Assert.Equal((14, 6), (f.ContentUrls, f.ItemsFound));
    }

    private static Task<StatisticsFigures> ComputeAsync(StatisticsNetwork network, StatisticsScope scope, DateTimeOffset from, DateTimeOffset to) =>
        network.App.AsSystemAsync(sp => sp.GetRequiredService<StatisticsQueries>().ComputeAsync(scope, from, to, TestContext.Current.CancellationToken));
}
