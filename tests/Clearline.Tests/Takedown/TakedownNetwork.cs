using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Jobs;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Takedown;

/// <summary>
/// A routing network whose members hold keys for routes and actions, with intent methods to seed a routed content
/// URL (any URL, a fixed received-at), record actions, read takedowns and queues, and let a scheduled re-check run.
/// </summary>
internal sealed class TakedownNetwork : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RoutingNetwork _routing;

    private TakedownNetwork(RoutingNetwork routing, Member coordinator)
    {
        _routing = routing;
        Coordinator = coordinator;
    }

    public ClearlineTestApp App => _routing.App;

    public Member Coordinator { get; }

    public static async Task<TakedownNetwork> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var routing = await RoutingNetwork.StartAsync(provider, settings);
        return new TakedownNetwork(routing, await WithActionsAsync(routing.App, routing.Coordinator.Organisation));
    }

    public async Task<Member> AddHotlineAsync(string country) => await WithActionsAsync(App, (await _routing.AddHotlineAsync(country)).Organisation);

    /// <summary>
    /// Seeds a report by <paramref name="reporter"/>, received at <paramref name="receivedAt"/>, whose completed crawl
    /// found media at <paramref name="mediaUrl"/> hosted in <paramref name="country"/>, decided Baseline by the reporter;
    /// routes it and returns the route id.
    /// </summary>
    public async Task<Guid> ReportAndRouteAsync(Member reporter, string mediaUrl, string country, DateTimeOffset receivedAt, string mediaSha256 = "")
    {
        var (crawlId, reportId) = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            // Each report its own thread: the network keeps one first report per URL.
            var thread = $"https://forum.example/thread/{Guid.NewGuid():N}";
            var report = new Report
            {
                OrganisationId = reporter.Id,
                Url = thread,
                NormalisedUrl = thread,
                ReceivedAt = receivedAt,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            var crawl = new Crawl { OrganisationId = reporter.Id, ReportId = report.Id, State = CrawlState.Completed, CreatedAt = DateTimeOffset.UtcNow };
            var media = new CrawledUrl
            {
                OrganisationId = reporter.Id,
                CrawlId = crawl.Id,
                ReportId = report.Id,
                Url = mediaUrl,
                Role = UrlRole.Media,
                State = UrlFetchState.Fetched,
                Content = UrlContent.Media,
                MediaSha256 = mediaSha256.Length == 0 ? new string('0', 64) : mediaSha256,
                CountryCode = country,
                ServerAddress = "198.51.100.7",
            };
            db.AddRange(report, crawl, media);
            await SeededDecisions.AddAsync(db, media.MediaSha256, reporter.Id);
            await db.SaveChangesAsync(Ct);
            return (crawl.Id, report.Id);
        });
        await _routing.RouteAgainAsync(crawlId);
        return await App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<ContentRoute>()
            .Where(r => r.ReportId == reportId).Select(r => r.Id).SingleAsync(Ct));
    }

    /// <summary>Lets the route's scheduled re-check run now (as if its time had come) and waits until it has.</summary>
    public async Task RunScheduledRecheckAsync(Member hotline, Guid routeId)
    {
        var before = await hotline.TakedownAsync(routeId);
        var done = before.GetProperty("rechecksDone").GetInt32();
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var recheckId = await db.Set<Clearline.Takedown.RouteTakedown>().Where(t => t.RouteId == routeId).Select(t => t.PendingRecheckId).SingleAsync(Ct);
            var jobId = await db.Set<Recheck>().Where(r => r.Id == recheckId).Select(r => r.JobId).SingleAsync(Ct);
            var now = DateTimeOffset.UtcNow;
            return await db.Set<Job>().Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAfter, now), Ct);
        });
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while ((await hotline.TakedownAsync(routeId)).GetProperty("rechecksDone").GetInt32() == done)
        {
            Assert.True(DateTime.UtcNow < deadline, "The scheduled re-check did not run in time.");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>The re-checks of the route's content URL, oldest first, as the crawler recorded them.</summary>
    public Task<List<Recheck>> RechecksAsync(Guid routeId) => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClearlineDbContext>();
        var urlId = await db.Set<ContentRoute>().Where(r => r.Id == routeId).Select(r => r.CrawledUrlId).SingleAsync(Ct);
        return await db.Set<Recheck>().AsNoTracking().Where(r => r.CrawledUrlId == urlId).OrderBy(r => r.Id).ToListAsync(Ct);
    });

    public Task<Job> JobAsync(Guid jobId) => App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().AsNoTracking().SingleAsync(j => j.Id == jobId, Ct));

    public ValueTask DisposeAsync() => _routing.DisposeAsync();

    private static async Task<Member> WithActionsAsync(ClearlineTestApp app, Organisation organisation) =>
        new(organisation, app.CreateClient(await app.CreateApiKeyAsync(organisation, ApiScopes.RoutesRead, ApiScopes.RoutesWrite, ApiScopes.ActionsWrite)));
}

/// <summary>The takedown API as a member calls it.</summary>
internal static class TakedownCalls
{
    public static Task<HttpResponseMessage> ActAsync(this Member member, Guid routeId, string kind, string reason, string? note = null) =>
        member.PostAsync($"/api/v1/routes/{routeId}/actions", new { kind, reason, note });

    public static Task<HttpResponseMessage> RecheckNowAsync(this Member member, Guid routeId) =>
        member.PostAsync($"/api/v1/routes/{routeId}/actions/recheck", new { });

    public static async Task<JsonElement> TakedownAsync(this Member member, Guid routeId) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await member.GetAsync($"/api/v1/routes/{routeId}/actions"))).RootElement;

    /// <summary>Every route id in a takedown queue, walking the cursor in small pages.</summary>
    public static async Task<List<Guid>> TakedownQueueAsync(this Member member, string queue)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var path = $"/api/v1/actions/queues/{queue}?limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            var page = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await member.GetAsync(path))).RootElement;
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("routeId").GetGuid()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetGuid().ToString();
        }
        while (cursor is not null);
        return ids;
    }
}
