using System.Text.RegularExpressions;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Pages.Shared;
using Clearline.Routing;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Takedown;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.RoutePages;

/// <summary>The queue sizes in every page's layout: counted no further than the cap, kept per person for a short time.</summary>
public sealed partial class QueueSizesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task QueueSizes_KeptPerPersonForAShortTime_ANewRouteShowsFirstToWhoeverCountsNext(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider, new() { ["Workers:Enabled"] = "false" });
        var reporter = await network.AddHotlineAsync("NL");
        var receiver = await network.AddHotlineAsync("DE");
        await network.ReportAndRouteAsync(reporter, "https://img.example/benign-1.png", "DE", DateTimeOffset.UtcNow.AddDays(-1));
        using var first = await People.SignInAsync(network.App, receiver.Organisation, Role.Analyst);
        Assert.Equal("1", Unactioned(await first.OpenAsync("/")));

        await network.ReportAndRouteAsync(reporter, "https://img.example/benign-2.png", "DE", DateTimeOffset.UtcNow.AddDays(-1));
        using var second = await People.SignInAsync(network.App, receiver.Organisation, Role.Analyst);

        Assert.Equal("1", Unactioned(await first.OpenAsync("/Routes")));
        Assert.Equal("2", Unactioned(await second.OpenAsync("/")));
    }

    [Theory]
    [BothDatabases]
    public async Task Counts_StopAtTheLimitGiven(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider, new() { ["Workers:Enabled"] = "false" });
        var reporter = await network.AddHotlineAsync("NL");
        var receiver = await network.AddHotlineAsync("DE");
        for (var i = 0; i < 3; i++)
        {
            await network.ReportAndRouteAsync(reporter, $"https://img.example/benign-{i}.png", "DE", DateTimeOffset.UtcNow.AddDays(-1));
        }

        var counts = await network.App.AsSystemAsync(async sp =>
        {
            var viewer = new RouteViewer(receiver.Organisation.Id, OrganisationKind.Hotline, IsMandated: false);
            var takedowns = sp.GetRequiredService<TakedownQueries>();
            var routes = sp.GetRequiredService<RouteQueries>();
            return (
                await takedowns.CountAsync(viewer, TakedownQueue.Unactioned, 2, Ct),
                await takedowns.CountAsync(viewer, TakedownQueue.Unactioned, 10, Ct),
                await takedowns.CountAsync(viewer, TakedownQueue.Offline, 10, Ct),
                (await routes.CountAsync(viewer, RouteQueue.Assigned, 2, Ct)).Value,
                (await routes.CountAsync(viewer, RouteQueue.Orphaned, 2, Ct)).Error?.GetType().Name);
        });

        Assert.Equal((2, 3, 0, 2, nameof(RoutingRefused)), counts);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(100, "100")]
    [InlineData(101, "100+")]
    public void Words_BeyondTheCap_SayHundredPlus(int counted, string words) => Assert.Equal(words, QueueSizesViewComponent.Words(counted));

    private static string Unactioned(string html) => UnactionedCount().Match(html) is { Success: true } match ? match.Groups[1].Value : "(none)";

    [GeneratedRegex("""id="queue-unactioned"><span class="queue-sizes__name">Unactioned</span> <span class="queue-sizes__count" data-count="([^"]+)">""")]
    private static partial Regex UnactionedCount();
}
