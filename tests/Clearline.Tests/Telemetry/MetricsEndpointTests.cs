using System.Net;
using System.Net.Http.Json;
using Clearline.ApiKeys;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.Organisations;
using Clearline.Telemetry;
using Clearline.Tests.Crawling;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Telemetry;

/// <summary>The Prometheus endpoint on its own port: what a crawl, a hash check and the queue show, and that it is opt-in.</summary>
public sealed class MetricsEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static Dictionary<string, string?> MetricsSettings(bool workers = true)
    {
        var settings = CrawlPipelineTests.CrawlSettings();
        settings["Metrics:Enabled"] = "true";
        settings["Metrics:Port"] = "0";
        settings["Metrics:QueueDepthMaxAge"] = "00:00:00";
        settings["Workers:Enabled"] = workers ? "true" : "false";
        return settings;
    }

    [Theory]
    [BothDatabases]
    public async Task Scrape_AfterCrawlOfLocalSite_CountsUrlsFetchedItemsHashedAndMatches(DatabaseProvider provider)
    {
        await using var site = await MetricsTestSite.StartAsync();
        await using var app = await ClearlineTestApp.StartAsync(provider, MetricsSettings());
        var organisation = await app.CreateOrganisationAsync();
        var client = new ReportsClient(app.CreateClient(await app.CreateApiKeyAsync(organisation, ApiScopes.ReportsRead, ApiScopes.ReportsWrite)));
        var metrics = app.Services.GetRequiredService<MetricsEndpoint>().Url!;

        var before = await Scrape.ReadAsync(metrics);
        Assert.Equal(0, before["clearline_crawl_pages_total"]);
        Assert.Equal(0, before["clearline_hash_items_total"]);

        var id = await client.SubmitAsync(site.Url("/"));
        Assert.Equal("completed", (await client.WaitForCrawlAsync(id)).GetProperty("crawl").GetProperty("state").GetString());
        var urls = await client.UrlsAsync(id);
        Assert.Equal(MetricsTestSite.Pages + MetricsTestSite.Images, urls.Count);
        Assert.Equal(MetricsTestSite.Images, (await client.MediaAsync(id)).Count);

        // Matching runs as its own job once the media are stored: wait for its first timing.
        var after = await Scrape.ReadAsync(metrics);
        for (var tries = 0; after.Series.GetValueOrDefault("clearline_match_duration_seconds_count") == 0 && tries < 300; tries++)
        {
            await Task.Delay(100, Ct);
            after = await Scrape.ReadAsync(metrics);
        }

        Assert.Equal(urls.Count, after["clearline_crawl_pages_total"]);
        Assert.Equal(MetricsTestSite.Images, after["clearline_hash_items_total"]);
        Assert.True(after["clearline_match_duration_seconds_count"] >= 1, after.Text);
        Assert.Equal(after["clearline_match_duration_seconds_count"], after["clearline_match_duration_seconds_bucket{le=\"+Inf\"}"]);
        Assert.Contains("# TYPE clearline_crawl_pages_total counter", after.Text, StringComparison.Ordinal);
        Assert.Contains("# TYPE clearline_match_duration_seconds histogram", after.Text, StringComparison.Ordinal);
        Assert.Contains("# TYPE clearline_jobs_queued gauge", after.Text, StringComparison.Ordinal);
        Assert.Equal(0, after["clearline_jobs_queued{kind=\"crawl\"}"]);
    }

    [Theory]
    [BothDatabases]
    public async Task Scrape_ShowsQueuedAndFailedJobsPerKind_AndTimesHashChecks_OnLoopbackOnly(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, MetricsSettings(workers: false));
        var endpoint = app.Services.GetRequiredService<MetricsEndpoint>();
        Assert.Equal("127.0.0.1", endpoint.Url!.Host);
        await app.AsSystemAsync(async sp =>
        {
            var queue = sp.GetRequiredService<JobQueue>();
            queue.Enqueue(CrawlJob.Kind, new CrawlJob(Guid.NewGuid()));
            queue.Enqueue(CrawlJob.Kind, new CrawlJob(Guid.NewGuid()));
            queue.Enqueue(MatchMediaJob.Kind, new { });
            queue.Enqueue(MatchMediaJob.Kind, new { }).State = JobState.Failed;
            return await sp.GetRequiredService<ClearlineDbContext>().SaveChangesAsync(Ct);
        });
        var industry = await app.CreateOrganisationAsync(OrganisationKind.Industry, "US");
        using var partner = app.CreateClient(await app.CreateApiKeyAsync(industry, ApiScopes.HashesCheck));
        var check = await partner.PostAsJsonAsync("/api/v1/hash-check", new { hashes = new[] { new { type = "md5", value = new string('a', 32) } } }, Ct);
        await ProblemAssert.IsSuccessAsync(check);

        var scrape = await Scrape.ReadAsync(endpoint.Url);

        Assert.Equal(2, scrape["clearline_jobs_queued{kind=\"crawl\"}"]);
        Assert.Equal(1, scrape["clearline_jobs_queued{kind=\"match-media\"}"]);
        Assert.Equal(0, scrape["clearline_jobs_queued{kind=\"rematch-media\"}"]);
        Assert.Equal(1, scrape["clearline_jobs_failed{kind=\"match-media\"}"]);
        Assert.Equal(0, scrape["clearline_jobs_failed{kind=\"crawl\"}"]);
        Assert.Equal(1, scrape["clearline_hashcheck_duration_seconds_count"]);
        Assert.Equal(0, scrape["clearline_crawl_pages_total"]);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(endpoint.Url, "/"), Ct)).StatusCode);
    }

    [Theory]
    [BothDatabases]
    public async Task Metrics_NotEnabled_NothingListensAndTheWebPortHasNoMetrics(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        Assert.Null(app.Services.GetService<MetricsEndpoint>());

        var response = await app.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative), Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("clearline_", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
