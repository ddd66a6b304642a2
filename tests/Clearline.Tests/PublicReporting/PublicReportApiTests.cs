using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Media;
using Clearline.Organisations;
using Clearline.PublicReporting;
using Clearline.Reports;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// <c>POST /api/v1/public-reports</c>: a public report's URLs become reports pending triage, de-duplicated and crawled like
/// any other, but not inserted (no report list shows them) until an analyst accepts them.
/// </summary>
public sealed class PublicReportApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Submit_TwoUrls_GivesAReference_CrawlsEach_AndKeepsThemOutOfTheReportList(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var (hotline, client) = await HotlineAsync(app);
        var body = new
        {
            urls = new[] { "https://pictures.example.invalid/a", "https://pictures.example.invalid/b", "HTTPS://Pictures.Example.Invalid/a#again" },
            whatSeen = "pictures of children", whereFound = "a link in a chat", contactEmail = "reporter@example.org", contactConsent = true,
            wantsFeedback = true, language = "de",
        };
        using var response = await client.PostAsJsonAsync("/api/v1/public-reports", body, Ct);
        var created = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reference = created.GetProperty("reference").GetString()!;
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", reference);
        Assert.Equal("/report/status/" + reference, created.GetProperty("statusUrl").GetString());
        Assert.Equal(2, created.GetProperty("urls").GetArrayLength());
        Assert.Equal(2, await Reports.IntakeApp.CrawlCountAsync(app));

        var reports = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri("/api/v1/reports", UriKind.Relative), Ct))).RootElement;
        Assert.Equal(0, reports.GetProperty("items").GetArrayLength());

        var stored = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var report = await db.Set<PublicReport>().SingleAsync(Ct);
            var triage = await db.Set<Report>().Select(r => r.Triage).ToListAsync(Ct);
            return (report, triage, email: sp.GetRequiredService<PublicContact>().Open(report));
        });
        Assert.Equal(hotline.Id, stored.report.OrganisationId);
        Assert.Equal("de", stored.report.Language);
        Assert.All(stored.triage, t => Assert.Equal(ReportTriage.Pending, t));
        Assert.Equal("reporter@example.org", stored.email);
        Assert.Equal(-1, stored.report.ContactSealed!.AsSpan().IndexOf("reporter@example.org"u8));

        var status = await app.AsSystemAsync(sp => sp.GetRequiredService<PublicReportStatuses>().FindAsync(reference.ToLowerInvariant().Replace('-', ' '), Ct));
        Assert.Equal(PublicReportStatus.Received, status!.Status);
        Assert.Equal(2, status.UrlCount);
    }

    [Theory]
    [BothDatabases]
    public async Task Submit_UrlTheNetworkHas_IsLinked_WithoutASecondCrawl(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var (_, hotlineClient) = await Reports.IntakeApp.HotlineAsync(app, "DE");
        var (_, client) = await HotlineAsync(app);
        await Reports.IntakeApp.SubmitAsync(hotlineClient, new { url = "https://known.example.invalid/page" });

        var created = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(
            await client.PostAsJsonAsync("/api/v1/public-reports", new { urls = new[] { "https://known.example.invalid/page" } }, Ct))).RootElement;

        Assert.True(created.GetProperty("urls")[0].GetProperty("alreadyKnown").GetBoolean());
        Assert.Equal(1, await Reports.IntakeApp.CrawlCountAsync(app));
    }

    [Theory]
    [BothDatabases]
    public async Task HotlineReport_OfAUrlAPublicReportHolds_IsCrawledAsItsOwn_StillLinked(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var (_, client) = await HotlineAsync(app);
        var (_, hotlineClient) = await Reports.IntakeApp.HotlineAsync(app, "DE");
        await ProblemAssert.IsSuccessAsync(await client.PostAsJsonAsync("/api/v1/public-reports", new { urls = new[] { "https://held.example.invalid/" } }, Ct));

        var report = await Reports.IntakeApp.SubmitAsync(hotlineClient, new { url = "https://held.example.invalid/" });

        Assert.Equal(JsonValueKind.Object, report.GetProperty("duplicateOf").ValueKind);
        Assert.Equal("queued", report.GetProperty("crawl").GetProperty("state").GetString());
        Assert.Equal(2, await Reports.IntakeApp.CrawlCountAsync(app));
    }

    [Theory]
    [InlineData("""{"urls":[]}""", "urls")]
    [InlineData("""{"urls":["ftp://files.example.invalid/x"]}""", "urls[0]")]
    [InlineData("""{"urls":["https://ok.example.invalid/","http://127.0.0.1/admin"]}""", "urls[1]")]
    [InlineData("""{"urls":["http://[::ffff:10.0.0.1]/"]}""", "urls[0]")]
    [InlineData("""{"urls":["https://ok.example.invalid/"],"contactEmail":"reporter@example.org"}""", "contactConsent")]
    [InlineData("""{"urls":["https://ok.example.invalid/"],"contactEmail":"not an address","contactConsent":true}""", "contactEmail")]
    [InlineData("""{"urls":["https://ok.example.invalid/"],"wantsFeedback":true}""", "contactEmail")]
    public async Task Submit_BadInput_IsRefusedNamingTheField_AndStoresNothing(string json, string field)
    {
        await using var app = await Reports.IntakeApp.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await HotlineAsync(app);

        using var response = await client.PostAsync(new Uri("/api/v1/public-reports", UriKind.Relative),
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<PublicReport>().CountAsync(Ct)));
        Assert.Equal(0, await Reports.IntakeApp.CrawlCountAsync(app));
    }

    [Fact]
    public async Task Submit_ElevenUrls_IsRefused()
    {
        await using var app = await Reports.IntakeApp.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await HotlineAsync(app);
        var urls = Enumerable.Range(0, PublicReportLimits.MaxUrls + 1).Select(i => $"https://many.example.invalid/{i}").ToArray();

        using var response = await client.PostAsJsonAsync("/api/v1/public-reports", new { urls }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("urls", out _), problem.ToString());
    }

    [Fact]
    public async Task Submit_ByAPoliceKey_IsRefused()
    {
        await using var app = await Reports.IntakeApp.StartAsync(DatabaseProvider.Sqlite);
        var police = await app.CreateOrganisationAsync(OrganisationKind.LawEnforcement);
        var key = await app.CreateApiKeyAsync(police, ApiScopes.ReferralsRead);
        using var client = app.CreateClient(key);

        using var response = await client.PostAsJsonAsync("/api/v1/public-reports", new { urls = new[] { "https://x.example.invalid/" } }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PendingItems_StayOutOfTheAssessmentQueue()
    {
        await using var app = await Reports.IntakeApp.StartAsync(DatabaseProvider.Sqlite);
        var (hotline, client) = await HotlineAsync(app);
        await ProblemAssert.IsSuccessAsync(await client.PostAsJsonAsync("/api/v1/public-reports", new { urls = new[] { "https://x.example.invalid/" } }, Ct));

        var found = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var report = await db.Set<Report>().SingleAsync(Ct);
            var crawl = await db.Set<Crawl>().SingleAsync(Ct);
            var url = await db.Set<CrawledUrl>().SingleAsync(Ct);
            db.Add(new MediaItems.MediaItem { Sha256 = new string('a', 64), Md5 = new string('b', 32), Sha1 = new string('c', 40), Format = MediaFormat.Png, ByteLength = 1, FirstSeenAt = DateTimeOffset.UtcNow });
            db.Add(new MediaItems.MediaOccurrence { OrganisationId = hotline.Id, ReportId = report.Id, CrawlId = crawl.Id, CrawledUrlId = url.Id, MediaSha256 = new string('a', 64), FoundAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
            var items = sp.GetRequiredService<FoundItems>();
            var pending = await items.For(hotline.Id, OrganisationKind.Hotline).CountAsync(Ct);
            report.Triage = ReportTriage.Accepted;
            await db.SaveChangesAsync(Ct);
            return (pending, accepted: await items.For(hotline.Id, OrganisationKind.Hotline).CountAsync(Ct));
        });

        Assert.Equal(0, found.pending);
        Assert.Equal(1, found.accepted);
    }

    private static async Task<(Organisation Hotline, HttpClient Client)> HotlineAsync(ClearlineTestApp app)
    {
        var hotline = await app.CreateOrganisationAsync(country: "NL");
        return (hotline, app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.ReportsRead, ApiScopes.PublicReportsWrite)));
    }
}
