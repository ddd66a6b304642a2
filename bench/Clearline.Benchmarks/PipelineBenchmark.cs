using System.Diagnostics;
using Clearline.Audit;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Media;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Tenancy;
using Clearline.WebHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Benchmarks;

/// <summary>
/// End-to-end crawl throughput: a generated local site of 1,000 pages and 5,000 benign 800×600 JPEGs crawled
/// through the real pipeline (fetch, extract, hash, encrypt, store on SQLite), next to hashing the same images alone.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/Clearline.Benchmarks -- pipeline [pages] [images-per-page]</c>.</remarks>
public static class PipelineBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var pages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var perPage = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var count = pages * perPage;
        Console.WriteLine($"Generating {count} benign 800x600 JPEGs...");
        var images = new byte[count][];
        Parallel.For(0, count, i => images[i] = BenchmarkImages.Jpeg(800, 600, seed: i));
        Console.WriteLine($"  {images.Sum(i => (long)i.Length) / count / 1024} KiB each on average");

        var hashOnly = HashOnly(images);
        Console.WriteLine($"Hash only ({Environment.ProcessorCount} cores): {count / hashOnly.TotalSeconds:F1} images/s ({hashOnly.TotalSeconds:F1} s)");

        await using var site = await StartSiteAsync(images, pages, perPage);
        var data = Directory.CreateTempSubdirectory("clearline-pipeline-").FullName;
        try
        {
            var (elapsed, found) = await CrawlAsync(site.Urls.First(), data, pages, count);
            Console.WriteLine($"Pipeline: {pages + 1} pages and {found} images in {elapsed.TotalSeconds:F1} s: {(pages + 1) / elapsed.TotalSeconds:F1} pages/s, {found / elapsed.TotalSeconds:F1} images/s");
            Console.WriteLine($"Pipeline throughput = {hashOnly.TotalSeconds / elapsed.TotalSeconds:P0} of hash-only throughput");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static TimeSpan HashOnly(byte[][] images)
    {
        // The crawler's settings: the dihedral hashes are kept for matching rotated and mirrored copies.
        var hasher = new MediaHasher(new MediaHashOptions { Dihedral = true });
        var watch = Stopwatch.StartNew();
        Parallel.ForEach(images, image => hasher.Hash(image));
        return watch.Elapsed;
    }

    /// <summary>The local site both crawl benchmarks crawl: an index of pages, each with <paramref name="perPage"/> images.</summary>
    internal static async Task<WebApplication> StartSiteAsync(byte[][] images, int pages, int perPage)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var site = builder.Build();
        site.MapGet("/", () => HttpResults.Content(string.Concat(Enumerable.Range(0, pages).Select(p => $"<a href=\"/page/{p}\">{p}</a>\n")), "text/html"));
        site.MapGet("/page/{p:int}", (int p) => HttpResults.Content(
            string.Concat(Enumerable.Range(0, perPage).Select(i => $"<img src=\"/img/{(p * perPage) + i}.jpg\">")), "text/html"));
        site.MapGet("/img/{i:int}.jpg", (int i) => HttpResults.Bytes(images[i], "image/jpeg"));
        await site.StartAsync();
        return site;
    }

    private static async Task<(TimeSpan Elapsed, int Found)> CrawlAsync(string siteUrl, string data, int pages, int images)
    {
        var builder = Host.CreateApplicationBuilder();
        new HostSettings(data).Apply(builder.Configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crawler:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Crawler:MaxDepth"] = "1",
            ["Crawler:MaxPages"] = (pages + 1).ToString(CultureInfo.InvariantCulture),
            ["Crawler:MaxMedia"] = images.ToString(CultureInfo.InvariantCulture),
            ["Crawler:PerHostConcurrency"] = "16",
            ["Workers:Enabled"] = "false",
        });
        builder.Logging.ClearProviders();
        HostSettings.AddDataDirectory(builder.Services, builder.Configuration);
        builder.Services.AddClearlineCore();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<TenantContext>().ActAsSystem();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var organisation = (await services.GetRequiredService<OrganisationDirectory>()
            .CreateAsync(new NewOrganisation("Benchmark hotline", OrganisationKind.Hotline, "NL"), AuditActor.System, CancellationToken.None)).Value!;
        var report = (await services.GetRequiredService<ReportIntake>()
            .SubmitAsync(organisation.Id, AuditActor.System, new ReportSubmission(siteUrl + "/"), null, CancellationToken.None)).Value!.Report;
        var db = services.GetRequiredService<ClearlineDbContext>();
        var crawl = db.Set<Crawl>().Single(c => c.ReportId == report.Id);

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await services.GetRequiredService<CrawlRunner>().RunAsync(crawl.Id, CancellationToken.None);
        var elapsed = watch.Elapsed;
        Console.WriteLine($"CPU during crawl: {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s over {elapsed.TotalSeconds:F1} s");
        var found = db.Set<MediaItems.MediaOccurrence>().Where(o => o.CrawlId == crawl.Id).Select(o => o.MediaSha256).Distinct().Count();
        return (elapsed, found);
    }
}
