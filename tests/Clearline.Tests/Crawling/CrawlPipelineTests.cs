using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Reports;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.Crawling;

/// <summary>A report submitted through the API is crawled end to end against a real local web site.</summary>
public sealed class CrawlPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static Dictionary<string, string?> CrawlSettings(int maxDepth = 2, int maxPages = 200) => new()
    {
        ["Crawler:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Crawler:MaxDepth"] = maxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Crawler:MaxPages"] = maxPages.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Crawler:ConnectTimeout"] = "00:00:05",
        ["Workers:PollInterval"] = "00:00:00.200",
    };

    internal static async Task<(ClearlineTestApp App, ReportsClient Client)> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var app = await ClearlineTestApp.StartAsync(provider, settings ?? CrawlSettings());
        var organisation = await app.CreateOrganisationAsync();
        var key = await app.CreateApiKeyAsync(organisation, ApiScopes.ReportsRead, ApiScopes.ReportsWrite);
        return (app, new ReportsClient(app.CreateClient(key)));
    }

    [Theory]
    [BothDatabases]
    public async Task Crawl_BenignSite_FindsEveryMediaItemWithHashesAndWhereItWasFound(DatabaseProvider provider)
    {
        await using var site = await BenignSite.StartAsync();
        var (app, client) = await StartAsync(provider);
        await using var appLifetime = app;

        var id = await client.SubmitAsync(site.Index);
        var report = await client.WaitForCrawlAsync(id);

        var crawl = report.GetProperty("crawl");
        Assert.Equal("completed", crawl.GetProperty("state").GetString());
        var media = await client.MediaAsync(id);
        var foundShas = media.Select(m => m.GetProperty("sha256").GetString()!).ToHashSet();
        Assert.Empty(site.ExpectedMedia.Where(e => !foundShas.Contains(e.Value)).Select(e => e.Key));
        Assert.Empty(media.Where(m => !site.ExpectedMedia.ContainsValue(m.GetProperty("sha256").GetString()!)).Select(m => m.ToString()));
        Assert.Equal(site.ExpectedMedia.Count, crawl.GetProperty("mediaFound").GetInt32());

        var png = media.Single(m => m.GetProperty("sha256").GetString() == site.ExpectedMedia["img/a.png"]);
        Assert.Equal("image", png.GetProperty("mediaType").GetString());
        Assert.Equal("Png", png.GetProperty("format").GetString());
        Assert.Equal(64, png.GetProperty("width").GetInt32());
        Assert.Equal(48, png.GetProperty("height").GetInt32());
        Assert.Equal(64, png.GetProperty("pdq").GetString()!.Length);
        Assert.Equal(32, png.GetProperty("md5").GetString()!.Length);
        Assert.Equal(40, png.GetProperty("sha1").GetString()!.Length);
        var found = Assert.Single(png.GetProperty("foundAt").EnumerateArray());
        Assert.Equal(site.Site.Url("/img/a.png").AbsoluteUri, found.GetProperty("url").GetString());
        Assert.Equal(site.Index.AbsoluteUri, found.GetProperty("pageUrl").GetString());
        Assert.Equal("img@src", found.GetProperty("foundIn").GetString());

        var video = media.Single(m => m.GetProperty("sha256").GetString() == site.ExpectedMedia["video/clip.mp4"]);
        Assert.Equal("video", video.GetProperty("mediaType").GetString());
        var disguised = media.Single(m => m.GetProperty("sha256").GetString() == site.ExpectedMedia["disguised"]);
        Assert.Equal("Png", disguised.GetProperty("format").GetString());
        var corrupt = media.Single(m => m.GetProperty("sha256").GetString() == site.ExpectedMedia["img/corrupt.jpg"]);
        Assert.Equal(JsonValueKind.Null, corrupt.GetProperty("pdq").ValueKind);
        Assert.False(string.IsNullOrEmpty(corrupt.GetProperty("decodeError").GetString()));
        var inline = media.Single(m => m.GetProperty("sha256").GetString() == site.ExpectedMedia["data-uri"]);
        Assert.StartsWith("data: in img", inline.GetProperty("foundAt")[0].GetProperty("foundIn").GetString(), StringComparison.Ordinal);

        var urls = (await client.UrlsAsync(id)).ToDictionary(u => u.GetProperty("url").GetString()!);
        Assert.Equal(404, urls[site.Site.Url("/img/missing.png").AbsoluteUri].GetProperty("statusCode").GetInt32());
        Assert.Equal("failed", urls[site.Site.Url("/img/missing.png").AbsoluteUri].GetProperty("state").GetString());
        Assert.Equal(500, urls[site.Site.Url("/broken.html").AbsoluteUri].GetProperty("statusCode").GetInt32());
        Assert.Contains("media was expected", urls[site.Site.Url("/fake.jpg").AbsoluteUri].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(site.Site.Url("/img/p4.png").AbsoluteUri, urls.Keys);
        Assert.Equal(2, urls[site.Site.Url("/page3.html").AbsoluteUri].GetProperty("depth").GetInt32());
        var hosting = urls[site.Site.Url("/img/a.png").AbsoluteUri].GetProperty("hosting");
        Assert.Equal("127.0.0.1", hosting.GetProperty("ipAddress").GetString());
        Assert.Equal(JsonValueKind.Null, hosting.GetProperty("countryCode").ValueKind);
        Assert.Single(urls.Keys, u => u.EndsWith("/img/a.png", StringComparison.Ordinal));

        // Every URL's evidence and every item's bytes are stored encrypted and open again.
        await app.AsSystemAsync(async sp =>
        {
            var store = sp.GetRequiredService<Clearline.Storage.MediaStore>();
            foreach (var sha in site.ExpectedMedia.Values)
            {
                Assert.True(await store.ExistsAsync(sha, Ct));
            }

            var db = sp.GetRequiredService<ClearlineDbContext>();
            var crawled = await db.Set<Clearline.Crawling.CrawledUrl>().Where(u => u.ReportId == id).ToListAsync(Ct);
            Assert.All(crawled, u => Assert.NotNull(u.EvidenceSha256));

            // The index page's evidence: what was asked, what answered, from where and when; and its HTML.
            var index = crawled.Single(u => u.Url == site.Index.AbsoluteUri);
            var evidence = Clearline.Crawling.FetchEvidence.FromJson(await ReadBlobAsync(store, index.EvidenceSha256!))!;
            Assert.Equal(200, evidence.StatusCode);
            Assert.Equal("127.0.0.1", evidence.ServerAddress);
            Assert.Contains(evidence.Headers, h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase));
            Assert.True(evidence.CompletedAt >= evidence.StartedAt);
            var html = System.Text.Encoding.UTF8.GetString(await ReadBlobAsync(store, index.BodySha256!));
            Assert.Contains("og:image", html, StringComparison.Ordinal);
            return 0;
        });
    }

    private static async Task<byte[]> ReadBlobAsync(Clearline.Storage.MediaStore store, string sha256)
    {
        var read = Assert.IsType<Clearline.Storage.BlobReadResult.Ok>(await store.OpenReadAsync(sha256, Ct));
        await using var content = read.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    [Theory]
    [BothDatabases]
    public async Task Submit_InvalidUrl_Returns400NamingTheFieldAndStoresNothing(DatabaseProvider provider)
    {
        var (app, client) = await StartAsync(provider);
        await using var appLifetime = app;

        var cases = new (object Body, string Field)[]
        {
            (new { url = "not a url" }, "url"),
            (new { url = "ftp://example.invalid/x" }, "url"),
            (new { url = "" }, "url"),
            (new { url = 5 }, "url"),
            (new { memo = "no url" }, "url"),
            (new { url = "https://example.invalid/", siteType = "Nonsense" }, "siteType"),
            (new { url = "https://example.invalid/", paymentMethods = new[] { "Gold" } }, "paymentMethods"),
            (new { url = "https://example.invalid/", receivedAt = "yesterday" }, "receivedAt"),
            (new { url = "https://example.invalid/", receivedAt = DateTimeOffset.UtcNow.AddDays(2) }, "receivedAt"),
            (new[] { "https://example.invalid/" }, "body"),
        };
        foreach (var (body, field) in cases)
        {
            var response = await client.Http.PostAsJsonAsync("/api/v1/reports", body, Ct);
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal(field, problem.GetProperty("errors").EnumerateObject().Single().Name);
        }

        using var longKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = JsonContent.Create(new { url = "https://example.invalid/" }) };
        longKey.Headers.Add("Idempotency-Key", new string('k', 201));
        var keyProblem = await ProblemAssert.IsProblemAsync(await client.Http.SendAsync(longKey, Ct), HttpStatusCode.BadRequest);
        Assert.Equal("Idempotency-Key", keyProblem.GetProperty("errors").EnumerateObject().Single().Name);

        var stored = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Report>().CountAsync(Ct));
        Assert.Equal(0, stored);
    }

    [Theory]
    [BothDatabases]
    public async Task Submit_SameIdempotencyKey_ReturnsTheSameReport_AndADifferentBodyIsAConflict(DatabaseProvider provider)
    {
        var (app, client) = await StartAsync(provider, new() { ["Workers:Enabled"] = "false" });
        await using var appLifetime = app;

        var first = await client.SubmitAsync(new Uri("https://example.invalid/a"), "key-1");
        var again = await client.SubmitAsync(new Uri("https://example.invalid/a"), "key-1");
        Assert.Equal(first, again);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = JsonContent.Create(new { url = "https://example.invalid/b" }) };
        request.Headers.Add("Idempotency-Key", "key-1");
        await ProblemAssert.IsProblemAsync(await client.Http.SendAsync(request, Ct), HttpStatusCode.Conflict);

        var stored = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Report>().CountAsync(Ct));
        Assert.Equal(1, stored);
    }

    [Theory]
    [BothDatabases]
    public async Task Crawl_UnreachableSite_CompletesWithTheErrorRecorded(DatabaseProvider provider)
    {
        var (app, client) = await StartAsync(provider);
        await using var appLifetime = app;
        var closedPort = Cli.ClearlineProcess.FreePort();

        var id = await client.SubmitAsync(new Uri($"http://127.0.0.1:{closedPort}/gone"));
        var report = await client.WaitForCrawlAsync(id);

        Assert.Equal("completed", report.GetProperty("crawl").GetProperty("state").GetString());
        var url = Assert.Single(await client.UrlsAsync(id));
        Assert.Equal("failed", url.GetProperty("state").GetString());
        Assert.StartsWith("ConnectionFailed", url.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crawl_WhoseJobFailsOnEveryAttempt_IsFailedWithTheError()
    {
        await using var site = await BenignSite.StartAsync();
        var settings = CrawlSettings();
        settings["Workers:MaxAttempts"] = "1";
        settings["Storage:MediaPath"] = "/dev/null/media"; // storage that cannot work: every attempt fails
        var (app, client) = await StartAsync(DatabaseProvider.Sqlite, settings);
        await using var appLifetime = app;

        var id = await client.SubmitAsync(site.Index);
        var report = await client.WaitForCrawlAsync(id);

        var crawl = report.GetProperty("crawl");
        Assert.Equal("failed", crawl.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(crawl.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Crawl_EndlessCalendarTrap_StopsAtThePageLimitWithTheReason()
    {
        await using var site = await TestSites.LocalSite.StartAsync(app =>
            app.MapGet("/calendar/{day:int}", (int day) => HttpResults.Content(
                $"""<a href="/calendar/{day + 1}">next</a> <a href="/calendar/{day + 1}?sid={Guid.NewGuid():N}">next</a> <a href="/calendar/{day * 2}">far</a>""", "text/html")));
        var (app, client) = await StartAsync(DatabaseProvider.Sqlite, CrawlSettings(maxDepth: 10, maxPages: 15));
        await using var appLifetime = app;

        var id = await client.SubmitAsync(site.Url("/calendar/1"));
        var report = await client.WaitForCrawlAsync(id);

        var crawl = report.GetProperty("crawl");
        Assert.Equal("completed", crawl.GetProperty("state").GetString());
        Assert.Equal(15, crawl.GetProperty("pagesFetched").GetInt32());
        Assert.Contains("page limit", crawl.GetProperty("limitReason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Report_OfAnotherOrganisation_Is404(DatabaseProvider provider)
    {
        var (app, client) = await StartAsync(provider, new() { ["Workers:Enabled"] = "false" });
        await using var appLifetime = app;
        var id = await client.SubmitAsync(new Uri("https://example.invalid/mine"));
        var other = await app.CreateOrganisationAsync();
        var otherClient = app.CreateClient(await app.CreateApiKeyAsync(other, ApiScopes.ReportsRead, ApiScopes.ReportsWrite));

        foreach (var path in new[] { $"/api/v1/reports/{id}", $"/api/v1/reports/{id}/media", $"/api/v1/reports/{id}/urls" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode);
        }

        var urlId = (await client.UrlsAsync(id))[0].GetProperty("id").GetGuid();
        var recheck = await otherClient.PostAsync(new Uri($"/api/v1/urls/{urlId}/recheck", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, recheck.StatusCode);
    }
}
