using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.PublicReporting;
using Clearline.Routing;
using Clearline.Tenancy;
using Clearline.WebHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearline.Benchmarks;

/// <summary>
/// The public form under load: the real server (Kestrel on 127.0.0.1, SQLite) and 50 well-behaved clients, each
/// reading the form, solving its proof of work as the browser does and sending a few reports, while one client
/// floods 1,000 reports (replaying one solved form). Clients are told apart by <c>X-Forwarded-For</c> from a trusted
/// proxy on loopback. Prints what was accepted, refused and throttled, the <c>PublicReports</c> rows, and p50/p99 of the POST.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project bench/Clearline.Benchmarks -- publicform [clients] [reports-per-client] [flood] [bits]</c>.
/// The form's page is <c>/report/nl</c>; where this build has no such page, a stand-in endpoint with the same rate-limit
/// policy, the same guard check and the same intake is measured instead (said in the output).
/// </remarks>
public static partial class PublicFormBenchmark
{
    private const string StandInPath = "/bench/public-form";

    public static async Task RunAsync(string[] args)
    {
        var clients = Arg(args, 1, 50);
        var perClient = Arg(args, 2, 3);
        var flood = Arg(args, 3, 1000);
        var bits = Arg(args, 4, 16);
        var data = Directory.CreateTempSubdirectory("clearline-publicform-").FullName;
        var app = ClearlineWebApp.Build(new HostSettings(data, "http://127.0.0.1:0"), builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Workers:Enabled"] = "false",
                ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
                ["PublicReporting:ReportsPerClient"] = "10",
                ["PublicReporting:RateWindow"] = "00:10:00",
                ["PublicReporting:ProofOfWorkBits"] = bits.ToString(CultureInfo.InvariantCulture),
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<IStartupFilter, StandIn>();
        });
        try
        {
            await app.StartAsync();
            await app.Services.GetRequiredService<DatabaseReadiness>().WhenReady.WaitAsync(TimeSpan.FromMinutes(1));
            var hotline = await HotlineAsync(app.Services);
            var server = new Uri(app.Urls.First());
            var real = await HasFormAsync(server);
            Console.WriteLine($"Public form: {clients} clients x {perClient} reports, a flood of {flood} from one client, {bits}-bit proof of work, " +
                $"{(real ? "the form page /report/nl" : "the stand-in endpoint (no /report page in this build)")}, {Environment.ProcessorCount} cores");

            var prepared = await PrepareAsync(app.Services, server, real, hotline, clients, perClient);
            var floodForm = (await PrepareAsync(app.Services, server, real, hotline, 1, 1, firstClient: 250)).Single();
            var wellTimes = new ConcurrentBag<double>();
            var floodTimes = new ConcurrentBag<double>();
            var outcomes = new ConcurrentDictionary<string, int>();
            var watch = Stopwatch.StartNew();
            var flooding = Task.Run(() => Parallel.ForEachAsync(Enumerable.Range(0, flood), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
                Count(outcomes, "flood", await PostAsync(real, floodForm.Client, floodForm.Forms[0], floodTimes))));
            await Task.WhenAll(prepared.Select(c => Task.Run(async () =>
            {
                foreach (var form in c.Forms)
                {
                    Count(outcomes, "well-behaved", await PostAsync(real, c.Client, form, wellTimes));
                }
            })));
            await flooding;
            var elapsed = watch.Elapsed;
            var rows = await RowsAsync(app.Services);

            foreach (var (key, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {key,-32} {count,6}");
            }

            Console.WriteLine($"PublicReports rows: {rows} (expected {clients * perClient} well-behaved + the flood's accepted)");
            Console.WriteLine($"Well-behaved POST: p50 {Percentile(wellTimes, 0.50):F1} ms, p99 {Percentile(wellTimes, 0.99):F1} ms, max {wellTimes.Max():F1} ms ({wellTimes.Count} requests)");
            Console.WriteLine($"Flood POST:        p50 {Percentile(floodTimes, 0.50):F1} ms, p99 {Percentile(floodTimes, 0.99):F1} ms ({floodTimes.Count} requests)");
            Console.WriteLine($"All sent in {elapsed.TotalSeconds:F1} s; load {Load()}");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private sealed record Prepared(HttpClient Client, List<Dictionary<string, string>> Forms);

    /// <summary>Each client reads its forms and solves them first, so the timed phase measures the server's POST alone.</summary>
    private static async Task<List<Prepared>> PrepareAsync(
        IServiceProvider services, Uri server, bool real, Guid hotline, int clients, int perClient, int firstClient = 0)
    {
        var prepared = new List<Prepared>();
        for (var c = 0; c < clients; c++)
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server };
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.18.{(firstClient + c) / 250}.{(firstClient + c) % 250 + 1}");
            var forms = new List<Dictionary<string, string>>();
            var challenges = new List<PowChallenge>();
            for (var r = 0; r < perClient; r++)
            {
                var form = new Dictionary<string, string>
                {
                    ["Urls"] = $"https://pictures.example.invalid/{firstClient + c}/{r}",
                    ["WhatSeen"] = "pictures of a cat",
                    ["WhereFound"] = "a link in a chat",
                    [PublicFormGuard.HoneypotField] = string.Empty,
                };
                PowChallenge challenge;
                if (real)
                {
                    var html = await client.GetStringAsync(new Uri("/report/nl", UriKind.Relative));
                    form["__RequestVerificationToken"] = Field(AntiforgeryField(), html);
                    challenge = new PowChallenge(Field(ChallengeField(), html), int.Parse(Field(BitsField(), html), CultureInfo.InvariantCulture));
                }
                else
                {
                    form["hotline"] = hotline.ToString();
                    challenge = services.GetRequiredService<PublicFormGuard>().Issue();
                }

                form[PublicFormGuard.ChallengeField] = challenge.Value;
                forms.Add(form);
                challenges.Add(challenge);
            }

            Parallel.For(0, forms.Count, i => forms[i][PublicFormGuard.NonceField] = ProofOfWork.Solve(challenges[i]));
            prepared.Add(new Prepared(client, forms));
        }

        return prepared;
    }

    private static async Task<string> PostAsync(bool real, HttpClient client, Dictionary<string, string> form, ConcurrentBag<double> times)
    {
        using var content = new FormUrlEncodedContent(form);
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync(new Uri(real ? "/report/nl" : StandInPath, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        times.Add(watch.Elapsed.TotalMilliseconds);
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => "throttled (429)",
            HttpStatusCode.Created or HttpStatusCode.Redirect or HttpStatusCode.SeeOther => "accepted",
            HttpStatusCode.OK when body.Contains("data-reference", StringComparison.Ordinal) => "accepted",
            _ => $"refused ({(int)response.StatusCode})",
        };
    }

    private static void Count(ConcurrentDictionary<string, int> outcomes, string who, string outcome) =>
        outcomes.AddOrUpdate($"{who}: {outcome}", 1, (_, n) => n + 1);

    private static async Task<bool> HasFormAsync(Uri server)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server };
        using var response = await client.GetAsync(new Uri("/report/nl", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<Guid> HotlineAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        var created = (await scope.ServiceProvider.GetRequiredService<OrganisationDirectory>()
            .CreateAsync(new NewOrganisation("Benchmark hotline", OrganisationKind.Hotline, "NL"), AuditActor.System, CancellationToken.None)).Value!;
        return await scope.ServiceProvider.GetRequiredService<HotlineDesignations>().ResolveAsync("NL", CancellationToken.None) ?? created.Id;
    }

    private static async Task<int> RowsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ClearlineDbContext>().Set<PublicReport>().CountAsync();
    }

    private static double Percentile(ConcurrentBag<double> times, double p)
    {
        var sorted = times.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static int Arg(string[] args, int at, int otherwise) => args.Length > at ? int.Parse(args[at], CultureInfo.InvariantCulture) : otherwise;

    private static string Field(Regex pattern, string html) =>
        pattern.Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"The form has no field matching {pattern}.");

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"pow-challenge\" value=\"([^\"]+)\"")]
    private static partial Regex ChallengeField();

    [GeneratedRegex("data-pow-bits=\"(\\d+)\"")]
    private static partial Regex BitsField();

    /// <summary>The stand-in for a build without the form's page: the same policy, the guard first, then the intake.</summary>
    private sealed class StandIn : IStartupFilter
    {
        private static readonly Endpoint Form = new(SubmitAsync, new EndpointMetadataCollection(
            new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute(),
            new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(PublicFormGuard.RateLimitPolicy)), "public form stand-in");

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, rest) =>
            {
                if (context.Request.Path.StartsWithSegments(StandInPath))
                {
                    context.SetEndpoint(Form);
                }

                return rest(context);
            });
            next(app);
        };

        private static async Task SubmitAsync(HttpContext context)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var outcome = context.RequestServices.GetRequiredService<PublicFormGuard>().Check(form);
            if (!outcome.Passed)
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                }

                await context.Response.WriteAsync(outcome.Problem!, context.RequestAborted);
                return;
            }

            await using var scope = context.RequestServices.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
            var result = await scope.ServiceProvider.GetRequiredService<PublicReportIntake>().SubmitAsync(
                Guid.Parse(form["hotline"].ToString()), new PublicReportSubmission(form["Urls"].ToArray()!, form["WhatSeen"], form["WhereFound"]),
                PublicReportChannel.Form, AuditActor.Anonymous, context.RequestAborted);
            context.Response.StatusCode = result.IsSuccess ? StatusCodes.Status201Created : StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(result.IsSuccess ? "data-reference" : "refused", context.RequestAborted);
        }
    }
}
