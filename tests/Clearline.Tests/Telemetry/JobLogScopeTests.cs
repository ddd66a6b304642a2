using Clearline.ApiKeys;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Jobs;
using Clearline.Tests.Crawling;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearline.Tests.Telemetry;

/// <summary>Log lines written while a job runs carry the job's id and kind, and a crawl's its crawl and report.</summary>
public sealed class JobLogScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task CrawlJob_LogLines_CarryJobIdKindCrawlIdAndReportId(DatabaseProvider provider)
    {
        var capture = new LogCapture();
        await using var site = await MetricsTestSite.StartAsync();
        await using var app = await ClearlineTestApp.StartAsync(provider, CrawlPipelineTests.CrawlSettings(),
            builder => builder.Logging.AddProvider(capture));
        var organisation = await app.CreateOrganisationAsync();
        var client = new ReportsClient(app.CreateClient(await app.CreateApiKeyAsync(organisation, ApiScopes.ReportsRead, ApiScopes.ReportsWrite)));

        var id = await client.SubmitAsync(site.Url("/"));
        await client.WaitForCrawlAsync(id);

        var (jobId, crawlId) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var crawl = await db.Set<Crawl>().SingleAsync(c => c.ReportId == id, Ct);
            var jobs = await db.Set<Job>().Where(j => j.Kind == CrawlJob.Kind).ToListAsync(Ct);
            return (jobs.Single(j => j.Payload.Contains(crawl.Id.ToString(), StringComparison.OrdinalIgnoreCase)).Id, crawl.Id);
        });
        var completed = Assert.Single(capture.Lines, l => l.Category == typeof(CrawlRunner).FullName && l.Message.EndsWith(" completed", StringComparison.Ordinal));
        Assert.Equal(jobId, completed.Scopes["JobId"]);
        Assert.Equal(CrawlJob.Kind, completed.Scopes["JobKind"]);
        Assert.Equal(crawlId, completed.Scopes["CrawlId"]);
        Assert.Equal(id, completed.Scopes["ReportId"]);

        // Nothing logged outside a job carries one.
        Assert.All(capture.Lines.Where(l => l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)),
            l => Assert.False(l.Scopes.ContainsKey("JobId")));
    }
}
