using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Clearline.Cluster;

/// <summary>
/// Several nodes, as docs/deployment.md describes them: one PostgreSQL, one store, two <c>clearline serve
/// --no-workers</c> and two <c>clearline worker</c> processes. A report of a local site of
/// <c>CLEARLINE_CLUSTER_PAGES</c> pages (1,000 by default) is posted through one web node; mid-crawl the worker
/// running the crawl is SIGKILLed and restarted, then a web node is restarted. At the end every page and image is
/// stored once, no job is lost or ran to completion twice, and the audit chain verifies.
/// </summary>
/// <remarks>
/// PostgreSQL only: several machines cannot share an embedded SQLite file. Skipped without
/// <c>CLEARLINE_TEST_POSTGRES</c>, failed under CI without it (<c>.ci/run</c> provides it).
/// </remarks>
public sealed partial class SeveralNodesTests
{
    public const string PagesVariable = "CLEARLINE_CLUSTER_PAGES";

    public const string MinutesVariable = "CLEARLINE_CLUSTER_MINUTES";

    /// <summary>
    /// The whole test, start-up to checks (8 minutes unless <c>CLEARLINE_CLUSTER_MINUTES</c> says otherwise): every
    /// wait fails the test once this is spent.
    /// </summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(
        int.TryParse(Environment.GetEnvironmentVariable(MinutesVariable), CultureInfo.InvariantCulture, out var minutes) && minutes > 0 ? minutes : 8);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Category", "LongRunning")]
    public async Task Crawl_WorkerKilledAndWebNodeRestarted_EverythingStoredOnceNoJobLostOrRunTwice()
    {
        ExternalRequirement.Require(ClusterDatabase.Server is not null, $"{ClusterDatabase.Variable} is not set (a PostgreSQL server for the cluster's database)");
        ExternalRequirement.Require(
            !ClusterStorage.UsesS3 || Environment.GetEnvironmentVariable(ClusterStorage.S3Variable) is { Length: > 0 },
            $"{ClusterStorage.S3Variable} is not set (the S3 server for the cluster's bucket; or {ClusterStorage.Variable}=FileSystem)");
        var pages = int.TryParse(Environment.GetEnvironmentVariable(PagesVariable), CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1000;
        var watch = Stopwatch.StartNew();
        await using var site = await ClusterSite.StartAsync(pages);
        var cluster = await Cluster.StartAsync(ClusterDatabase.Server!, pages, Ct);
        var passed = false;
        try
        {
            Progress(watch, $"cluster up: {cluster.Web.Count} web nodes, {cluster.Workers.Count} workers, {cluster.Storage.Description}; {site.PageUrls} pages, {site.MediaUrls} media URLs");
            await RunScenarioAsync(cluster, site, watch);
            passed = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n{cluster.Tails()}", ex);
        }
        finally
        {
            await cluster.DisposeAsync();
            if (passed)
            {
                cluster.DeleteFolder();
            }
        }
    }

    private static async Task RunScenarioAsync(Cluster cluster, ClusterSite site, Stopwatch watch)
    {
        var urls = site.PageUrls + site.MediaUrls;
        var reportId = await SubmitAsync(cluster.Web[0], cluster.ApiKey, site.Index);
        Progress(watch, $"report {reportId} posted through {cluster.Web[0].Name}");

        // The worker holding the crawl's lease is the one killed: the crawl must move to the other worker.
        await WaitForFetchedAsync(cluster, reportId, urls / 5, watch);
        var holder = await cluster.Database.CrawlLeaseHolderAsync(Ct) ?? throw new InvalidOperationException("No worker holds the crawl's lease.");
        var killed = await cluster.KillAndRestartWorkerAsync(holder);
        var atKill = await cluster.Database.FetchedAsync(reportId, Ct);
        Progress(watch, $"SIGKILLed {killed.Name} (pid {holder}) at {atKill} of {urls} URLs, restarted it");
        Assert.True(atKill < urls, "The crawl finished before the worker was killed; lower the load or raise the page count.");

        // While the crawl waits for the killed worker's lease to run out, a web node goes through a rolling restart.
        var atRestart = await cluster.Database.FetchedAsync(reportId, Ct);
        await cluster.RestartWebAsync(0, Ct);
        Progress(watch, $"restarted web1 (stopped at {atRestart} URLs, back at {await cluster.Database.FetchedAsync(reportId, Ct)})");
        await AssertFormOfOneWebNodeAcceptedByAnotherAsync(cluster.Web[1], cluster.Web[0]);

        var report = await WaitForCrawlAsync(cluster, reportId, watch);
        Assert.Equal("completed", report.GetProperty("crawl").GetProperty("state").GetString());
        await WaitForJobsAsync(cluster, watch);
        await cluster.StopAsync();
        Progress(watch, "crawl completed, every job finished, nodes stopped");

        await AssertStoredOnceAsync(cluster, site, reportId);
        await AssertNoJobLostOrRunTwiceAsync(cluster, site);
        await cluster.RunAsync(Ct, "audit", "verify");
        Progress(watch, "stored once, no job lost or run twice, audit chain valid");
    }

    /// <summary>Each URL once, fetched; each image once as an item and a blob; every blob row has its object, and no object is there twice.</summary>
    private static async Task AssertStoredOnceAsync(Cluster cluster, ClusterSite site, Guid reportId)
    {
        var db = cluster.Database;
        var urls = await db.UrlsAsync(reportId, Ct);
        Assert.Equal(site.PageUrls + site.MediaUrls, urls.Count);
        Assert.Equal(urls.Count, urls.Select(u => u.Url).Distinct(StringComparer.Ordinal).Count());
        Assert.All(urls, u => Assert.Equal("Fetched", u.State));
        Assert.All(urls, u => Assert.NotNull(u.Evidence));

        var images = site.ImageSha256.Append(site.SharedSha256).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(images.Count, images.Count(new HashSet<string>(await db.MediaItemsAsync(Ct), StringComparer.Ordinal).Contains));
        var occurrences = await db.OccurrencesAsync(reportId, Ct);
        Assert.Equal(site.MediaUrls, occurrences.Count);
        Assert.Equal(occurrences.Count, occurrences.Distinct(StringComparer.Ordinal).Count());

        // Content addressed: each image, page body and fetch's evidence is one row and one object.
        var expected = urls.SelectMany(u => new[] { u.Media, u.Evidence, u.Body }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.Superset(images, expected);
        var rows = (await db.BlobAddressesAsync(Ct)).ToHashSet(StringComparer.Ordinal);
        Assert.True(rows.SetEquals(expected), $"{rows.Count} blob rows for the {expected.Count} addresses the crawl references");
        var temporary = 0;
        var objects = await cluster.Storage.ObjectsAsync(t => temporary = t, Ct);
        Assert.Equal(objects.Count, objects.Distinct(StringComparer.Ordinal).Count());
        var missing = rows.Except(objects, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} blob rows have no object in {cluster.Storage.Description}");

        // A worker killed between writing an object and committing its row leaves an object no row names: unreadable
        // ciphertext whose data key died with the process. Bounded by what one worker had in flight (one batch).
        var orphans = objects.Except(rows, StringComparer.Ordinal).Count();
        TestContext.Current.TestOutputHelper?.WriteLine($"{rows.Count} blobs ({expected.Count} referenced by the crawl), {orphans} objects without a row and {temporary} temporary objects left by the killed worker");
        Assert.InRange(orphans, 0, 3 * 64);
    }

    /// <summary>Every job succeeded, each handler completed once, and what completions write is there once.</summary>
    private static async Task AssertNoJobLostOrRunTwiceAsync(Cluster cluster, ClusterSite site)
    {
        var all = await cluster.Database.JobsAsync(Ct);
        var now = DateTimeOffset.UtcNow;
        var jobs = all.Where(j => !j.IsScheduled(now)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"scheduled for later, not counted: {string.Join(", ", all.Where(j => j.IsScheduled(now)).Select(j => j.Kind))}");
        var notSucceeded = jobs.Where(j => j.State != 2).Select(j => $"{j.Kind} {j.Id} in state {j.State} after {j.Attempts} attempts").ToList();
        Assert.True(notSucceeded.Count == 0, "Jobs not succeeded: " + string.Join("; ", notSucceeded));

        var crawl = Assert.Single(jobs, j => j.Kind == "crawl");
        Assert.True(crawl.Attempts >= 2, "The crawl job was not taken over after its worker was killed.");
        Assert.Single(jobs, j => j.Kind == "route-crawl");

        // Each new media item is queued for matching exactly once: a crawl batch recorded twice would queue it again.
        var matched = jobs.Where(j => j.Kind == "match-media").SelectMany(ClusterDatabase.MatchedMedia).ToList();
        Assert.Equal(matched.Count, matched.Distinct(StringComparer.Ordinal).Count());
        Assert.True(matched.ToHashSet(StringComparer.Ordinal).SetEquals(site.ImageSha256.Append(site.SharedSha256)), "Not every new image was queued for matching");

        var (completions, unrecorded) = cluster.Completions();
        var twice = completions.Where(c => c.Value > 1).Select(c => $"{c.Key} ({c.Value} times)").ToList();
        Assert.True(twice.Count == 0, "Jobs whose handler ran to completion more than once: " + string.Join(", ", twice));
        Assert.Equal(0, unrecorded);

        // A SIGKILL may take the last few lines of the killed worker's log with it (the console logger writes from a
        // queue), so a job it completed just before may have no line; at most what its two slots were running.
        var withoutLine = jobs.Count(j => !completions.ContainsKey(j.Id));
        TestContext.Current.TestOutputHelper?.WriteLine($"{jobs.Count} jobs, {completions.Count} with a completion line, {withoutLine} without");
        Assert.InRange(withoutLine, 0, 2);
    }

    /// <summary>
    /// The sign-in form (its antiforgery cookie and token) served by one web node is accepted by another, restarted
    /// one: the Data Protection key ring is shared through the database. A refused token would be a 400.
    /// </summary>
    private static async Task AssertFormOfOneWebNodeAcceptedByAnotherAsync(ClusterNode from, ClusterNode to)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var form = await client.GetStringAsync(new Uri(from.Address!, "/Account/Login"), Ct);
        var token = AntiforgeryToken().Match(form);
        Assert.True(token.Success, "The sign-in page has no antiforgery token");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = "nobody@example.invalid",
            ["Input.Password"] = "not-the-password",
        });
        using var response = await client.PostAsync(new Uri(to.Address!, "/Account/Login"), content, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{to.Name} answered {(int)response.StatusCode} to the form {from.Name} served");
        Assert.Contains("Input.Email", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<Guid> SubmitAsync(ClusterNode web, string apiKey, Uri url)
    {
        using var client = Client(web, apiKey);
        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/reports", UriKind.Relative), new { url = url.AbsoluteUri }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST /api/v1/reports: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task WaitForFetchedAsync(Cluster cluster, Guid reportId, int atLeast, Stopwatch watch)
    {
        while (await cluster.Database.FetchedAsync(reportId, Ct) < atLeast)
        {
            Assert.True(watch.Elapsed < Budget, $"Fewer than {atLeast} URLs were fetched within the test's {Budget.TotalMinutes} minutes.");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>Polls the report through each web node in turn (both must answer for it), bounded.</summary>
    private static async Task<JsonElement> WaitForCrawlAsync(Cluster cluster, Guid reportId, Stopwatch watch)
    {
        for (var poll = 0; ; poll++)
        {
            using var client = Client(cluster.Web[poll % cluster.Web.Count], cluster.ApiKey);
            using var response = await client.GetAsync(new Uri($"/api/v1/reports/{reportId}", UriKind.Relative), Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"GET the report: {(int)response.StatusCode} {body}");
            var report = JsonDocument.Parse(body).RootElement;
            if (report.GetProperty("crawl").GetProperty("state").GetString() is "completed" or "failed")
            {
                return report;
            }

            Assert.True(watch.Elapsed < Budget, $"The crawl did not finish within the test's {Budget.TotalMinutes} minutes: {body}");
            await Task.Delay(500, Ct);
        }
    }

    private static async Task WaitForJobsAsync(Cluster cluster, Stopwatch watch)
    {
        while (await cluster.Database.UnfinishedJobsAsync(Ct) > 0)
        {
            Assert.True(watch.Elapsed < Budget, $"Jobs were still queued or running after the test's {Budget.TotalMinutes} minutes.");
            await Task.Delay(250, Ct);
        }
    }

    private static HttpClient Client(ClusterNode web, string apiKey)
    {
        var client = new HttpClient { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private static void Progress(Stopwatch watch, string message) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{watch.Elapsed.TotalSeconds,6:F1} s  {message}");
}
