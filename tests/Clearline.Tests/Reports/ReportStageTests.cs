using System.Net;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Routing;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Takedown;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Reports;

/// <summary>A report's stage and status follow its crawl, the decisions on what it found, and its routes' takedowns.</summary>
public sealed class ReportStageTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Stage_UndecidedItem_IsAssessment_UntilADecisionHoldsForTheReportingHotline(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var dutch = await network.AddHotlineAsync("NL");
        var french = await network.AddHotlineAsync("FR");
        var client = await ReportWorld.ReportsClientAsync(network.App, dutch.Organisation);
        var (report, sha) = await ReportWorld.ReportWithUndecidedItemAsync(network.App, dutch.Id);
        Assert.Equal(("Assessment", "Open"), await ReportWorld.StageAsync(client, report));

        // Illegal under French law only: no decision in force for a Dutch hotline.
        await ReportWorld.DecideAsync(network.App, sha, french.Id, Verdict.National, "FR");
        Assert.Equal(("Assessment", "Open"), await ReportWorld.StageAsync(client, report));

        // Not illegal: nothing to route, so the report is done.
        await ReportWorld.DecideAsync(network.App, sha, dutch.Id, Verdict.NotIllegal);
        Assert.Equal(("Completed", "Closed"), await ReportWorld.StageAsync(client, report));
    }

    [Theory]
    [BothDatabases]
    public async Task Stage_Route_GoesFromTakedownToMonitoringToCompleted_AndFiltersFollow(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var dutch = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");
        var client = await ReportWorld.ReportsClientAsync(network.App, dutch.Organisation);
        var route = await network.ReportAndRouteAsync(dutch, "https://img.example/a.png", "DE", Received);
        var other = await network.ReportAndRouteAsync(dutch, "https://img.example/b.png", "DE", Received);
        var report = await ReportWorld.ReportOfRouteAsync(network.App, route);
        var otherReport = await ReportWorld.ReportOfRouteAsync(network.App, other);

        Assert.Equal(("Takedown", "Open"), await ReportWorld.StageAsync(client, report));

        // The police only: the host still has to be told.
        Assert.Equal(HttpStatusCode.Created, (await german.ActAsync(route, "ReportedToLea", "IllegalContent")).StatusCode);
        Assert.Equal(("Takedown", "Open"), await ReportWorld.StageAsync(client, report));

        Assert.Equal(HttpStatusCode.Created, (await german.ActAsync(route, "ReportedToHost", "IllegalContent")).StatusCode);
        Assert.Equal(("Monitoring", "Open"), await ReportWorld.StageAsync(client, report));
        Assert.Equal([report], await ReportWorld.ListAsync(client, "stage=Monitoring"));
        Assert.Equal([otherReport], await ReportWorld.ListAsync(client, "stage=takedown"));
        Assert.Equal(2, (await ReportWorld.ListAsync(client, "status=Open")).Count);
        Assert.Empty(await ReportWorld.ListAsync(client, "status=Closed"));

        Assert.Equal(HttpStatusCode.Created, (await german.ActAsync(route, "Removed", "HostConfirmedRemoval")).StatusCode);
        Assert.Equal(("Completed", "Closed"), await ReportWorld.StageAsync(client, report));
        Assert.Equal([report], await ReportWorld.ListAsync(client, "status=Closed"));
        Assert.Equal([report], await ReportWorld.ListAsync(client, "stage=Completed&status=Closed"));
        Assert.Empty(await ReportWorld.ListAsync(client, "stage=Completed&status=Open"));
    }

    [Theory]
    [BothDatabases]
    public async Task Stage_WithdrawnRoute_DoesNotKeepTheReportOpen(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var dutch = await network.AddHotlineAsync("NL");
        await network.AddHotlineAsync("DE");
        var client = await ReportWorld.ReportsClientAsync(network.App, dutch.Organisation);
        var route = await network.ReportAndRouteAsync(dutch, "https://img.example/w.png", "DE", Received);
        var report = await ReportWorld.ReportOfRouteAsync(network.App, route);

        await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<ContentRoute>().Where(r => r.Id == route)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RouteState.Withdrawn), Ct));

        Assert.Equal(("Completed", "Closed"), await ReportWorld.StageAsync(client, report));
    }

    [Theory]
    [BothDatabases]
    public async Task Stage_NoMedia_CompletesWithItsCrawl_AndADuplicateFollowsItsFirstReport(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (_, dutch) = await IntakeApp.HotlineAsync(app, "NL");
        var (_, german) = await IntakeApp.HotlineAsync(app, "DE");
        var first = (await IntakeApp.SubmitAsync(dutch, new { url = "https://empty.example.invalid/" })).GetProperty("id").GetGuid();
        var duplicate = (await IntakeApp.SubmitAsync(german, new { url = "https://empty.example.invalid/" })).GetProperty("id").GetGuid();

        // Queued, not crawled yet: still to assess, and so is the duplicate that follows it.
        Assert.Equal(("Assessment", "Open"), await ReportWorld.StageAsync(dutch, first));
        Assert.Equal(("Assessment", "Open"), await ReportWorld.StageAsync(german, duplicate));

        await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Crawl>().IgnoreQueryFilters().Where(c => c.ReportId == first)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CrawlState.Completed), Ct));

        Assert.Equal(("Completed", "Closed"), await ReportWorld.StageAsync(dutch, first));
        Assert.Equal(("Completed", "Closed"), await ReportWorld.StageAsync(german, duplicate));
        Assert.Equal([duplicate], await ReportWorld.ListAsync(german, "status=Closed"));
    }

    [Theory]
    [BothDatabases]
    public async Task List_BadFilter_Answers400NamingTheField(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (_, client) = await IntakeApp.HotlineAsync(app, "NL");

        foreach (var (query, field) in new[] { ("stage=Closing", "stage"), ("stage=2", "stage"), ("status=Done", "status"), ("queue=unassigned", "queue") })
        {
            var problem = await ProblemAssert.IsProblemAsync(await client.GetAsync(new Uri($"/api/v1/reports?{query}", UriKind.Relative), Ct), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }
    }
}
