using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.PublicReporting;
using Clearline.Reports;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// Accepting a public report's URL inserts its report (report list, assessment queue) with its crawl reused; closing
/// keeps it out for good. Each is decided once, audited, and moves the reporter's status; another hotline gets 404.
/// </summary>
public sealed class TriageDecisionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string First = "https://first.example.invalid/page";
    private const string Second = "https://second.example.invalid/page";

    [Theory]
    [BothDatabases]
    public async Task AcceptOne_CloseTheOther_InsertsOnlyTheAccepted_WithoutASecondCrawl_AndTheStatusMoves(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var (hotline, client) = await TriageSeed.HotlineAsync(app);
        var reference = await TriageSeed.ReportAsync(client, First, Second);
        var accepted = await TriageSeed.CrawledAsync(app, hotline.Id, First, CrawlState.Completed, media: 2);
        var closed = await TriageSeed.CrawledAsync(app, hotline.Id, Second, CrawlState.Completed, media: 1);
        var first = await TriageSeed.UrlAsync(app, hotline.Id, First);
        var second = await TriageSeed.UrlAsync(app, hotline.Id, Second);
        Assert.Equal(PublicReportStatus.Received, await StatusAsync(app, reference));
        Assert.Empty(await AssessableAsync(app, hotline.Id));

        var decision = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.PostAsJsonAsync(
            $"/api/v1/triage/{first.Id}/accept", new { hotlineReference = "TRIAGE-1", siteType = "ImageHost", commerciality = "Commercial" }, Ct))).RootElement;

        Assert.Equal(("Accepted", first.ReportId), (decision.GetProperty("triage").GetString(), decision.GetProperty("reportId").GetGuid()));
        Assert.Equal(PublicReportStatus.BeingHandled, await StatusAsync(app, reference));
        var listed = await ReportListAsync(client);
        var report = Assert.Single(listed);
        Assert.Equal((First, "TRIAGE-1", "ImageHost", "Commercial"), (report.GetProperty("url").GetString(),
            report.GetProperty("hotlineReference").GetString(), report.GetProperty("siteType").GetString(), report.GetProperty("commerciality").GetString()));
        Assert.Equal(accepted.Order(StringComparer.Ordinal), await AssessableAsync(app, hotline.Id));

        using var close = await client.PostAsJsonAsync($"/api/v1/triage/{second.Id}/close", new { reason = "Adult" }, Ct);
        await ProblemAssert.IsSuccessAsync(close);

        Assert.Equal(PublicReportStatus.Handled, await StatusAsync(app, reference));
        Assert.Single(await ReportListAsync(client));
        Assert.DoesNotContain(closed[0], await AssessableAsync(app, hotline.Id));
        Assert.Equal(2, await Reports.IntakeApp.CrawlCountAsync(app));
        var stored = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var urls = await db.Set<PublicReportUrl>().AsNoTracking().OrderBy(u => u.Position).ToListAsync(Ct);
            var triage = await db.Set<Report>().AsNoTracking().OrderBy(r => r.Url).Select(r => r.Triage).ToListAsync(Ct);
            var audit = await db.Set<AuditEntry>().AsNoTracking()
                .Where(a => a.Action == AuditAction.PublicReportAccepted || a.Action == AuditAction.PublicReportClosed).OrderBy(a => a.Sequence).ToListAsync(Ct);
            return (urls, triage, audit);
        });
        Assert.Equal([ReportTriage.Accepted, ReportTriage.Closed], stored.triage);
        Assert.All(stored.urls, u => Assert.NotNull(u.DecidedAt));
        Assert.Equal([null, TriageCloseReason.Adult], stored.urls.Select(u => u.CloseReason));
        Assert.Equal([AuditAction.PublicReportAccepted, AuditAction.PublicReportClosed], stored.audit.Select(a => a.Action));
        Assert.All(stored.audit, a => Assert.Equal(hotline.Id, a.OrganisationId));
        Assert.All(stored.audit, a => Assert.DoesNotContain("example.invalid", a.Detail ?? "", StringComparison.Ordinal));
        Assert.Empty(await QueueAsync(client));
    }

    [Theory]
    [BothDatabases]
    public async Task SecondDecision_Answers409_AndChangesNothing(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var (hotline, client) = await TriageSeed.HotlineAsync(app);
        await TriageSeed.ReportAsync(client, First);
        var url = await TriageSeed.UrlAsync(app, hotline.Id, First);
        await ProblemAssert.IsSuccessAsync(await client.PostAsJsonAsync($"/api/v1/triage/{url.Id}/accept", new { }, Ct));

        using var again = await client.PostAsJsonAsync($"/api/v1/triage/{url.Id}/accept", new { }, Ct);
        using var close = await client.PostAsJsonAsync($"/api/v1/triage/{url.Id}/close", new { reason = "NotIllegal" }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("already accepted", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(close, HttpStatusCode.Conflict);
        var triage = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Report>().Select(r => r.Triage).SingleAsync(Ct));
        Assert.Equal(ReportTriage.Accepted, triage);
    }

    [Theory]
    [BothDatabases]
    public async Task AnotherHotline_Gets404_ForEachDecision(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var (hotline, client) = await TriageSeed.HotlineAsync(app);
        var (_, otherClient) = await TriageSeed.HotlineAsync(app, "DE");
        await TriageSeed.ReportAsync(client, First);
        var url = await TriageSeed.UrlAsync(app, hotline.Id, First);

        using var accept = await otherClient.PostAsJsonAsync($"/api/v1/triage/{url.Id}/accept", new { }, Ct);
        using var close = await otherClient.PostAsJsonAsync($"/api/v1/triage/{url.Id}/close", new { reason = "Adult" }, Ct);

        await ProblemAssert.IsProblemAsync(accept, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(close, HttpStatusCode.NotFound);
        Assert.Single(await QueueAsync(client));
    }

    [Fact]
    public async Task Close_WithoutAReason_IsRefusedNamingTheField()
    {
        await using var app = await Reports.IntakeApp.StartAsync(DatabaseProvider.Sqlite);
        var (hotline, client) = await TriageSeed.HotlineAsync(app);
        await TriageSeed.ReportAsync(client, First);
        var url = await TriageSeed.UrlAsync(app, hotline.Id, First);

        using var response = await client.PostAsJsonAsync($"/api/v1/triage/{url.Id}/close", new { }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _), problem.ToString());
        Assert.Single(await QueueAsync(client));
    }

    private static async Task<List<JsonElement>> QueueAsync(HttpClient client) =>
        [.. JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri("/api/v1/triage", UriKind.Relative), Ct))).RootElement.EnumerateArray()];

    private static async Task<List<JsonElement>> ReportListAsync(HttpClient client) =>
        [.. JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri("/api/v1/reports", UriKind.Relative), Ct))).RootElement
            .GetProperty("items").EnumerateArray()];

    private static async Task<PublicReportStatus> StatusAsync(ClearlineTestApp app, string reference) =>
        (await app.AsSystemAsync(sp => sp.GetRequiredService<PublicReportStatuses>().FindAsync(reference, Ct)))!.Status;

    /// <summary>The items the hotline's assessment reaches (distinct, sorted).</summary>
    private static Task<List<string>> AssessableAsync(ClearlineTestApp app, Guid hotlineId) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<FoundItems>().For(hotlineId, OrganisationKind.Hotline).Distinct().OrderBy(s => s).ToListAsync(Ct));
}
