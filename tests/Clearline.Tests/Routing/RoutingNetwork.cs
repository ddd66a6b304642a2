using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Routing;

/// <summary>
/// A network to route in: the real app with a coordinator, and intent methods to add hotlines, seed completed
/// crawls whose content is hosted in given countries, and call the routing API as an organisation.
/// </summary>
internal sealed class RoutingNetwork : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RoutingNetwork(ClearlineTestApp app, Member coordinator)
    {
        App = app;
        Coordinator = coordinator;
    }

    public ClearlineTestApp App { get; }

    public Member Coordinator { get; }

    public static async Task<RoutingNetwork> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var app = await ClearlineTestApp.StartAsync(provider, settings);
        var coordinator = await JoinAsync(app, OrganisationKind.Coordinator, null);
        return new RoutingNetwork(app, coordinator);
    }

    public Task<Member> AddHotlineAsync(string country) => JoinAsync(App, OrganisationKind.Hotline, country);

    public Task<Member> AddAsync(OrganisationKind kind, string? country) => JoinAsync(App, kind, country);

    /// <summary>
    /// Seeds a report by <paramref name="reporter"/> whose completed crawl found one page and one content URL per
    /// entry of <paramref name="hosting"/> (country, IP), each an item of its own that the reporter decided Baseline,
    /// routes it as the route-crawl job does, and returns the
    /// crawl and the route id of each content URL in the same order.
    /// </summary>
    public async Task<SeededCrawl> ReportAndRouteAsync(Member reporter, params (string? Country, string Ip)[] hosting)
    {
        var content = await SeedAsync(reporter, [.. hosting.Select(h => (h.Country, h.Ip, SeededDecisions.NewSha256()))], decide: true, found: false);
        await RouteAgainAsync(content.CrawlId);
        var routes = await App.AsSystemAsync(sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            return Task.FromResult(content.UrlIds.Select(id => db.Set<ContentRoute>().Single(r => r.CrawledUrlId == id).Id).ToArray());
        });
        return new SeededCrawl(content.CrawlId, routes);
    }

    /// <summary>
    /// Seeds a report by <paramref name="reporter"/> whose completed crawl found one page (hosted in
    /// <paramref name="pageCountry"/>) and one content URL per entry of <paramref name="content"/> (country, IP, item:
    /// the same item may be at several URLs), each found by the reporter (an occurrence, unless not <paramref name="found"/>); decided Baseline by it only when
    /// <paramref name="decide"/>. Nothing is routed: <see cref="RouteAgainAsync"/> is the crawl's completion.
    /// </summary>
    public Task<SeededContent> SeedAsync(Member reporter, (string? Country, string Ip, string Sha256)[] content, bool decide = false, string pageCountry = "NL", bool isCdn = false, bool found = true) =>
        App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var now = DateTimeOffset.UtcNow;
            // A URL of its own per seeded report: the network has one first report per URL (a repeat is a duplicate, uncrawled).
            var url = $"https://forum.example/thread/{Guid.NewGuid():N}";
            var report = new Report
            {
                OrganisationId = reporter.Id,
                Url = url,
                NormalisedUrl = url,
                ReceivedAt = now.AddHours(-1),
                CreatedAt = now,
                HotlineReference = "REF-42",
                SiteType = SiteType.Forum,
                Commerciality = Commerciality.Commercial,
                PaymentMethods = PaymentMethods.Visa | PaymentMethods.Cryptocurrency,
                Referrer = "https://referrer.example/",
                Memo = "Reported by a member of the public.",
            };
            var crawl = new Crawl { OrganisationId = reporter.Id, ReportId = report.Id, State = CrawlState.Completed, CreatedAt = now, CompletedAt = now };
            var page = new CrawledUrl
            {
                OrganisationId = reporter.Id,
                CrawlId = crawl.Id,
                ReportId = report.Id,
                Url = report.NormalisedUrl,
                Role = UrlRole.Page,
                State = UrlFetchState.Fetched,
                Content = UrlContent.Page,
                CountryCode = pageCountry,
                ServerAddress = "192.0.2.1",
            };
            var media = content.Select((h, i) => new CrawledUrl
            {
                OrganisationId = reporter.Id,
                CrawlId = crawl.Id,
                ReportId = report.Id,
                Url = $"https://img{i}.example/{Guid.NewGuid():N}.png",
                Role = UrlRole.Media,
                Depth = 1,
                FoundOnId = page.Id,
                FoundIn = "img@src",
                State = UrlFetchState.Fetched,
                Content = UrlContent.Media,
                CountryCode = h.Country,
                ServerAddress = h.Ip,
                Asn = 64496,
                NetworkOrganisation = "Example Hosting",
                IsCdn = isCdn,
                MediaSha256 = h.Sha256,
            }).ToList();
            db.AddRange(report, crawl, page);
            db.AddRange(media);
            foreach (var item in media)
            {
                await SeededDecisions.AddItemAsync(db, item.MediaSha256!);
                if (!found)
                {
                    continue;
                }

                db.Add(new MediaOccurrence
                {
                    OrganisationId = reporter.Id, ReportId = report.Id, CrawlId = crawl.Id, CrawledUrlId = item.Id, MediaSha256 = item.MediaSha256!, FoundIn = "img@src", FoundAt = now,
                });
            }

            foreach (var sha in decide ? media.Select(m => m.MediaSha256!).Distinct() : [])
            {
                await SeededDecisions.AddAsync(db, sha, reporter.Id);
            }

            await db.SaveChangesAsync(Ct);
            return new SeededContent(crawl.Id, report.Id, page.Id, [.. media.Select(m => m.Id)]);
        });

    /// <summary>Runs the route-crawl job's work for <paramref name="crawlId"/> (again); returns how many routes the network has.</summary>
    public Task<int> RouteAgainAsync(Guid crawlId) => App.AsSystemAsync(async sp =>
    {
        await RouteAsync(sp, crawlId);
        return sp.GetRequiredService<ClearlineDbContext>().Set<ContentRoute>().Count();
    });

    public ValueTask DisposeAsync() => App.DisposeAsync();

    private static Task RouteAsync(IServiceProvider services, Guid crawlId) =>
        services.GetRequiredService<IllegalContentRouting>().RouteCrawlAsync(crawlId, Ct);

    private static async Task<Member> JoinAsync(ClearlineTestApp app, OrganisationKind kind, string? country)
    {
        var organisation = await app.CreateOrganisationAsync(kind, country);
        // A kind whose keys cannot hold the routing scopes (police: no role of theirs acts on routes) gets a key without them.
        string[] routing = [.. new[] { ApiScopes.RoutesRead, ApiScopes.RoutesWrite }.Where(s => ScopeCeilings.Allows(kind, s))];
        var key = await app.CreateApiKeyAsync(organisation, routing.Length > 0 ? routing : [ApiScopes.OrganisationRead]);
        return new Member(organisation, app.CreateClient(key));
    }
}

/// <summary>A seeded completed crawl: its report, its page and its content URLs, in the order seeded.</summary>
internal sealed record SeededContent(Guid CrawlId, Guid ReportId, Guid PageId, Guid[] UrlIds);

/// <summary>A seeded completed crawl and the routes of its content URLs.</summary>
internal sealed record SeededCrawl(Guid CrawlId, Guid[] Routes);

/// <summary>A member organisation and an API client holding its routing key.</summary>
internal sealed record Member(Organisation Organisation, HttpClient Client)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Guid Id => Organisation.Id;

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(new Uri(path, UriKind.Relative), Ct);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        Client.PostAsync(new Uri(path, UriKind.Relative), body is null ? null : JsonContent.Create(body), Ct);

    public Task<HttpResponseMessage> PutAsync(string path, object? body = null) =>
        Client.PutAsync(new Uri(path, UriKind.Relative), body is null ? null : JsonContent.Create(body), Ct);

    public Task<HttpResponseMessage> DeleteAsync(string path) => Client.DeleteAsync(new Uri(path, UriKind.Relative), Ct);

    public async Task<JsonElement> RouteAsync(Guid routeId) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await GetAsync($"/api/v1/routes/{routeId}"))).RootElement;

    /// <summary>Every route id in a queue, walking the cursor in small pages.</summary>
    public async Task<List<Guid>> QueueAsync(string queue)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var query = $"/api/v1/routes?queue={queue}&limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            var page = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await GetAsync(query))).RootElement;
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetGuid().ToString();
        }
        while (cursor is not null);
        return ids;
    }
}
