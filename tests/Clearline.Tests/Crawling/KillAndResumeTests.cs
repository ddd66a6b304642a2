using System.Diagnostics;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Media;
using Clearline.Media.Tests;
using Clearline.MediaItems;
using Clearline.Tests.Cli;
using Clearline.Tests.Crawling.TestSites;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.Crawling;

/// <summary>A <c>clearline worker</c> process killed with SIGKILL mid-crawl: another worker resumes and finishes the crawl.</summary>
public sealed class KillAndResumeTests
{
    private const int Images = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Crawl_WorkerKilledMidCrawl_AnotherWorkerFinishesWithoutDuplicates(DatabaseProvider provider)
    {
        var images = Enumerable.Range(0, Images).Select(i => BenignImages.Encode(MediaFormat.Png, 32, 32, 500 + i)).ToArray();
        await using var site = await LocalSite.StartAsync(app =>
        {
            app.MapGet("/", () => HttpResults.Content(string.Concat(Enumerable.Range(0, Images).Select(i => $"<img src=\"/img/{i}.png\">")), "text/html"));
            app.MapGet("/img/{i:int}.png", async (int i, CancellationToken ct) =>
            {
                await Task.Delay(150, ct);
                return HttpResults.Bytes(images[i], "image/png");
            });
        });

        // The web app takes the report; only the worker processes crawl.
        var settings = CrawlPipelineTests.CrawlSettings();
        settings["Workers:Enabled"] = "false";
        var (app, client) = await CrawlPipelineTests.StartAsync(provider, settings);
        await using var appLifetime = app;
        var id = await client.SubmitAsync(site.Url("/"));

        var environment = WorkerEnvironment(app, provider);
        using (var first = Process.Start(ClearlineProcess.StartInfo(environment, "worker", "--data", app.DataDirectory))!)
        {
            first.StandardInput.Close();
            _ = first.StandardOutput.ReadToEndAsync(Ct);
            _ = first.StandardError.ReadToEndAsync(Ct);
            var fetchedBeforeKill = await WaitForFetchedAsync(app, id, atLeast: 5);
            first.Kill(entireProcessTree: true); // SIGKILL: no shutdown, the lease is left to expire
            await first.WaitForExitAsync(Ct);
            Assert.True(fetchedBeforeKill < Images + 1, "The first worker finished before it was killed; the test proves nothing.");
        }

        using var second = Process.Start(ClearlineProcess.StartInfo(environment, "worker", "--data", app.DataDirectory))!;
        second.StandardInput.Close();
        _ = second.StandardOutput.ReadToEndAsync(Ct);
        _ = second.StandardError.ReadToEndAsync(Ct);
        try
        {
            var report = await client.WaitForCrawlAsync(id, TimeSpan.FromMinutes(3));
            Assert.Equal("completed", report.GetProperty("crawl").GetProperty("state").GetString());
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(Ct);
        }

        var media = await client.MediaAsync(id);
        Assert.Equal(images.Select(BenignBytes.Sha256).Order(), media.Select(m => m.GetProperty("sha256").GetString()).Order());
        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            Assert.Equal(Images, await db.Set<MediaOccurrence>().CountAsync(o => o.ReportId == id, Ct));
            Assert.Equal(Images + 1, await db.Set<CrawledUrl>().CountAsync(u => u.ReportId == id, Ct));
            Assert.Equal(0, await db.Set<CrawledUrl>().CountAsync(u => u.ReportId == id && u.State != UrlFetchState.Fetched, Ct));
            return 0;
        });
    }

    private static Dictionary<string, string> WorkerEnvironment(ClearlineTestApp app, DatabaseProvider provider)
    {
        var environment = new Dictionary<string, string>
        {
            ["CLEARLINE__Crawler__AllowedNetworks__0"] = "127.0.0.0/8",
            ["CLEARLINE__Crawler__GlobalConcurrency"] = "2",
            ["CLEARLINE__Workers__LeaseDuration"] = "00:00:03",
            ["CLEARLINE__Workers__PollInterval"] = "00:00:00.200",
            ["CLEARLINE__Database__Provider"] = provider.ToString(),
        };
        if (provider == DatabaseProvider.Postgres)
        {
            environment["CLEARLINE__Database__ConnectionString"] = app.Services.GetRequiredService<IConfiguration>()["Database:ConnectionString"]!;
        }

        return environment;
    }

    private static async Task<int> WaitForFetchedAsync(ClearlineTestApp app, Guid reportId, int atLeast)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var fetched = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<CrawledUrl>()
                .CountAsync(u => u.ReportId == reportId && u.State != UrlFetchState.Pending, Ct));
            if (fetched >= atLeast)
            {
                return fetched;
            }

            Assert.True(DateTime.UtcNow < deadline, "The first worker never started crawling.");
            await Task.Delay(50, Ct);
        }
    }
}
