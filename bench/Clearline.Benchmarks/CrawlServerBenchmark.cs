using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Clearline.Benchmarks;

/// <summary>
/// The crawl as an operator gets it: the real <c>clearline serve</c> process (temporary data folder, SQLite or
/// PostgreSQL, an API key) crawls a local site of 300 pages × 5 benign 800×600 JPEGs after
/// <c>POST /api/v1/reports</c>, timed until the report's crawl is completed; then <c>clearline hash --dihedral</c>
/// hashes the same 1,500 files as a whole process. Prints both rates, the ratio and the load average.
/// </summary>
/// <remarks>
/// <para>Run: <c>dotnet run -c Release --project bench/Clearline.Benchmarks -- crawlserver [pages] [images-per-page] [rounds]</c>.
/// With <c>CLEARLINE_BENCH_POSTGRES</c> set, the server uses a fresh PostgreSQL database <c>bench_crawl_…</c>, dropped afterwards.
/// Other <c>CLEARLINE__…</c> variables of the benchmark's environment reach the server (e.g. <c>CLEARLINE__Crawler__PerHostConcurrency</c>).</para>
/// <para>The site is Kestrel in this process, serving the images from memory: its CPU is on the same two cores, as the
/// site of the measurement was. The hash anchor runs with <c>--dihedral</c> because the crawler keeps the
/// dihedral hashes (the same work per image).</para>
/// </remarks>
public static class CrawlServerBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var pages = Arg(args, 1, 300);
        var perPage = Arg(args, 2, 5);
        var rounds = Arg(args, 3, 1);
        var count = pages * perPage;
        var images = new byte[count][];
        Parallel.For(0, count, i => images[i] = BenchmarkImages.Jpeg(800, 600, seed: i));
        var folder = Directory.CreateTempSubdirectory("clearline-crawlserver-").FullName;
        var imageFolder = Directory.CreateDirectory(Path.Combine(folder, "images")).FullName;
        for (var i = 0; i < count; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(imageFolder, $"{i}.jpg"), images[i]);
        }

        Console.WriteLine($"Crawl through the real server: {pages} pages x {perPage} JPEGs (800x600, {images.Sum(i => (long)i.Length) / count / 1024} KiB on average), " +
            $"{Environment.ProcessorCount} cores");
        await using var site = await PipelineBenchmark.StartSiteAsync(images, pages, perPage);
        var siteUrl = new Uri(site.Urls.First());
        var executable = ServerProcess.Executable();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                Console.WriteLine($"Round {round}: load before {Load()}");
                var crawl = await CrawlAsync(executable, siteUrl, folder, round, pages, count);
                var (hash, hashCpu) = await HashAsync(executable, imageFolder, count);
                Console.WriteLine($"  crawl: {crawl.Images} images, {crawl.Pages} pages in {crawl.Elapsed.TotalSeconds:F1} s: {crawl.Images / crawl.Elapsed.TotalSeconds:F1} images/s " +
                    $"(server CPU {crawl.Cpu.TotalSeconds:F1} s = {crawl.Cpu.TotalMilliseconds / crawl.Images:F1} ms per image, {crawl.Cpu / crawl.Elapsed:F2} cores; {crawl.Database})");
                Console.WriteLine($"  hash:  {count} images in {hash.TotalSeconds:F1} s: {count / hash.TotalSeconds:F1} images/s " +
                    $"(CPU {hashCpu.TotalSeconds:F1} s = {hashCpu.TotalMilliseconds / count:F1} ms per image; clearline hash --dihedral, whole process)");
                Console.WriteLine($"  crawl / hash = {hash.TotalSeconds / crawl.Elapsed.TotalSeconds * crawl.Images / count:P0} by wall clock, " +
                    $"{hashCpu.TotalMilliseconds / count / (crawl.Cpu.TotalMilliseconds / crawl.Images):P0} by CPU per image; load after {Load()}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record CrawlResult(TimeSpan Elapsed, TimeSpan Cpu, int Images, int Pages, string Database);

    private static async Task<CrawlResult> CrawlAsync(string executable, Uri siteUrl, string folder, int round, int pages, int count)
    {
        var data = Directory.CreateDirectory(Path.Combine(folder, $"data-{round}")).FullName;
        var postgres = Environment.GetEnvironmentVariable(PublicFormBenchmark.PostgresVariable) is { Length: > 0 } pg ? pg : null;
        string? postgresDatabase = null;
        ServerProcess? server = null;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["CLEARLINE__Crawler__AllowedNetworks__0"] = "127.0.0.0/8",
                ["CLEARLINE__Crawler__MaxDepth"] = "1",
                ["CLEARLINE__Crawler__MaxPages"] = (pages + 1).ToString(CultureInfo.InvariantCulture),
                ["CLEARLINE__Crawler__MaxMedia"] = count.ToString(CultureInfo.InvariantCulture),
            };
            var database = "SQLite";
            if (postgres is not null)
            {
                postgresDatabase = "bench_crawl_" + Guid.NewGuid().ToString("N")[..12];
                await HashCheckLoadBenchmark.PostgresAsync(postgres, $"CREATE DATABASE \"{postgresDatabase}\"");
                environment["CLEARLINE__Database__Provider"] = "Postgres";
                environment["CLEARLINE__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(postgres) { Database = postgresDatabase }.ConnectionString;
                database = "PostgreSQL";
            }
            else
            {
                environment["CLEARLINE__Database__Provider"] = "Sqlite";
            }

            await ServerProcess.RunToEndAsync(executable, environment,
                "admin", "create-org", "--name", "Benchmark hotline", "--kind", "Hotline", "--country", "NL", "--data", data);
            var key = (await ServerProcess.RunToEndAsync(executable, environment,
                "admin", "create-api-key", "--org", "Benchmark hotline", "--name", "crawl", "--scopes", "reports:write", "reports:read", "--data", data)).Trim();
            server = await ServerProcess.StartAsync(executable, environment, data);
            using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(1) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var process = Process.GetProcessById(server.Pid);
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            using var submitted = await client.PostAsJsonAsync(new Uri("/api/v1/reports", UriKind.Relative), new { url = new Uri(siteUrl, "/").AbsoluteUri });
            var body = await submitted.Content.ReadAsStringAsync();
            if (!submitted.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /api/v1/reports answered {(int)submitted.StatusCode}: {body}");
            }

            var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
            while (true)
            {
                await Task.Delay(1000);
                using var report = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/reports/{id}", UriKind.Relative)));
                var crawl = report.RootElement.GetProperty("crawl");
                var state = crawl.GetProperty("state").GetString();
                if (state is "completed" or "failed")
                {
                    var elapsed = watch.Elapsed;
                    process.Refresh();
                    return new CrawlResult(elapsed, process.TotalProcessorTime - cpu, crawl.GetProperty("mediaFound").GetInt32(),
                        crawl.GetProperty("pagesFetched").GetInt32(), database + (state == "failed" ? ", crawl FAILED" : string.Empty));
                }

                if (watch.Elapsed > TimeSpan.FromMinutes(15))
                {
                    throw new TimeoutException($"The crawl did not finish within 15 minutes (state {state}).");
                }
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            if (postgres is not null && postgresDatabase is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await HashCheckLoadBenchmark.PostgresAsync(postgres, $"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)");
            }
        }
    }

    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu)> HashAsync(string executable, string imageFolder, int count)
    {
        var cpu = ChildrenCpu();
        var watch = Stopwatch.StartNew();
        var output = await ServerProcess.RunToEndAsync(executable, new Dictionary<string, string>(), "hash", "--dihedral", imageFolder);
        var elapsed = watch.Elapsed;
        var lines = output.Count(c => c == '\n');
        return lines >= count ? (elapsed, ChildrenCpu() - cpu) : throw new InvalidOperationException($"clearline hash printed {lines} lines for {count} files.");
    }

    /// <summary>CPU time of this process's reaped children (<c>cutime</c> + <c>cstime</c> of /proc/self/stat, in 1/100 s).</summary>
    private static TimeSpan ChildrenCpu()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
