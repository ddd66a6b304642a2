using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearline.Crawling;
using Clearline.Crawling.Fetching;
using Clearline.Database;
using Clearline.Media;
using Clearline.Media.Tests;
using Clearline.Reports;
using Clearline.Storage;
using Clearline.Tests.Crawling.TestSites;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.Crawling;

/// <summary>
/// A report's credentials open a gated site (HTTP Basic) for the crawler, and reach that site's origin only: never a
/// linked or embedded origin, nor the target of a redirect, and never the stored evidence.
/// </summary>
public sealed class GatedCrawlTests
{
    private const string Username = "reporter-login";
    private const string Password = "benign-gated-password-5521";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Crawl_WithCredentials_OpensTheGatedSite_AndSendsThemToItsOriginOnly(DatabaseProvider provider)
    {
        await using var sites = await GatedSites.StartAsync();
        var (app, client) = await CrawlPipelineTests.StartAsync(provider);
        await using var appLifetime = app;

        var id = await SubmitAsync(client, sites.Gated.Url("/"), new { username = Username, password = Password });
        var report = await client.WaitForCrawlAsync(id);

        Assert.Equal("completed", report.GetProperty("crawl").GetProperty("state").GetString());
        var found = (await client.MediaAsync(id)).Select(m => m.GetProperty("sha256").GetString()!).ToHashSet();
        Assert.Empty(sites.Expected.Where(e => !found.Contains(e.Value)).Select(e => e.Key));
        var urls = (await client.UrlsAsync(id)).ToDictionary(u => u.GetProperty("url").GetString()!);
        Assert.Equal(200, urls[sites.Gated.Url("/inner.html").AbsoluteUri].GetProperty("statusCode").GetInt32());

        // The other origin was reached (embedded image, redirect target) but never saw the reporter's login.
        Assert.Contains("/img/outside.png", sites.OutsideHits);
        Assert.Contains("/landing.html", sites.OutsideHits);
        Assert.Empty(sites.OutsideAuthorizations);

        // A re-check of gated content logs in too, so what is still there is present, not a 401.
        var gatedImage = urls[sites.Gated.Url("/img/gated.png").AbsoluteUri].GetProperty("id").GetGuid();
        Assert.Equal("present", (await RecheckTests.RecheckAsync(client, gatedImage)).GetProperty("outcome").GetString());
        Assert.Empty(sites.OutsideAuthorizations);

        var evidence = await EvidenceAsync(app, id);
        Assert.NotEmpty(evidence);
        Assert.All(evidence, json =>
        {
            Assert.DoesNotContain(Password, json, StringComparison.Ordinal);
            Assert.DoesNotContain(GatedSites.BasicParameter, json, StringComparison.Ordinal);
        });
    }

    [Theory]
    [BothDatabases]
    public async Task Crawl_WithoutCredentials_Records401s_AndFindsNothing(DatabaseProvider provider)
    {
        await using var sites = await GatedSites.StartAsync();
        var (app, client) = await CrawlPipelineTests.StartAsync(provider);
        await using var appLifetime = app;

        var id = await SubmitAsync(client, sites.Gated.Url("/"), credentials: null);
        var report = await client.WaitForCrawlAsync(id);

        Assert.Equal("completed", report.GetProperty("crawl").GetProperty("state").GetString());
        Assert.Empty(await client.MediaAsync(id));
        var index = Assert.Single(await client.UrlsAsync(id));
        Assert.Equal(401, index.GetProperty("statusCode").GetInt32());
        Assert.Equal("failed", index.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Crawl_WithAWrongPassword_Records401s(DatabaseProvider provider)
    {
        await using var sites = await GatedSites.StartAsync();
        var (app, client) = await CrawlPipelineTests.StartAsync(provider);
        await using var appLifetime = app;

        var id = await SubmitAsync(client, sites.Gated.Url("/"), new { username = Username, password = "not-the-password" });
        await client.WaitForCrawlAsync(id);

        Assert.Equal(401, Assert.Single(await client.UrlsAsync(id)).GetProperty("statusCode").GetInt32());
    }

    [Theory]
    [InlineData("https://members.example.test/a/b?c=d", true)]
    [InlineData("https://MEMBERS.example.test:443/other", true)]
    [InlineData("http://members.example.test/", false)]
    [InlineData("https://members.example.test:8443/", false)]
    [InlineData("https://www.members.example.test/", false)]
    [InlineData("https://example.test/", false)]
    public void OriginCredentials_AreSentOnlyToTheReportedOrigin(string url, bool sent)
    {
        var credentials = OriginCredentials.For(new Uri("https://members.example.test/gallery/"), new GatedContentCredentials(Username, Password, null))!;

        var header = credentials.HeaderFor(new Uri(url));

        Assert.Equal(sent, header is not null);
        Assert.DoesNotContain(Password, credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("members", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OriginCredentials_WithOnlyANote_AreNone() =>
        Assert.Null(OriginCredentials.For(new Uri("https://members.example.test/"), new GatedContentCredentials(null, null, "invitation code 42")));

    private static async Task<Guid> SubmitAsync(ReportsClient client, Uri url, object? credentials)
    {
        var response = await client.Http.PostAsJsonAsync("/api/v1/reports", new { url = url.AbsoluteUri, credentials }, Ct);
        return JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>The decrypted evidence of every URL of the report's crawl, as JSON text.</summary>
    private static Task<List<string>> EvidenceAsync(ClearlineTestApp app, Guid reportId) => app.AsSystemAsync(async sp =>
    {
        var store = sp.GetRequiredService<MediaStore>();
        var addresses = await sp.GetRequiredService<ClearlineDbContext>().Set<CrawledUrl>()
            .Where(u => u.ReportId == reportId && u.EvidenceSha256 != null).Select(u => u.EvidenceSha256!).ToListAsync(Ct);
        var evidence = new List<string>();
        foreach (var address in addresses)
        {
            var read = Assert.IsType<BlobReadResult.Ok>(await store.OpenReadAsync(address, Ct));
            await using var content = read.Content;
            using var reader = new StreamReader(content, Encoding.UTF8);
            evidence.Add(await reader.ReadToEndAsync(Ct));
        }

        return evidence;
    });

    /// <summary>
    /// Two local origins: a gated one (Basic authentication on every path) linking and redirecting to an open one on
    /// another port, which records every Authorization header it receives.
    /// </summary>
    private sealed class GatedSites : IAsyncDisposable
    {
        public static readonly string BasicParameter = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));

        private GatedSites(LocalSite gated, LocalSite outside, Dictionary<string, string> expected, ConcurrentBag<string> hits, ConcurrentBag<string> authorizations)
        {
            Gated = gated;
            Outside = outside;
            Expected = expected;
            OutsideHits = hits;
            OutsideAuthorizations = authorizations;
        }

        public LocalSite Gated { get; }

        public LocalSite Outside { get; }

        /// <summary>SHA-256 of every media item a crawl with the credentials must find, by name.</summary>
        public Dictionary<string, string> Expected { get; }

        public ConcurrentBag<string> OutsideHits { get; }

        public ConcurrentBag<string> OutsideAuthorizations { get; }

        public static async Task<GatedSites> StartAsync()
        {
            var gatedPng = BenignImages.Encode(MediaFormat.Png, 64, 48, 41);
            var innerJpg = BenignImages.Encode(MediaFormat.Jpeg, 64, 48, 42);
            var outsidePng = BenignImages.Encode(MediaFormat.Png, 64, 48, 43);
            var hits = new ConcurrentBag<string>();
            var authorizations = new ConcurrentBag<string>();
            var outside = await LocalSite.StartAsync(site =>
            {
                site.Use(async (context, next) =>
                {
                    hits.Add(context.Request.Path.Value ?? "");
                    if (context.Request.Headers.Authorization.Count > 0)
                    {
                        authorizations.Add(context.Request.Headers.Authorization.ToString());
                    }

                    await next(context);
                });
                site.MapGet("/img/outside.png", () => HttpResults.Bytes(outsidePng, "image/png"));
                site.MapGet("/landing.html", () => HttpResults.Content("<!DOCTYPE html><p>landing</p>", "text/html"));
                site.MapGet("/page.html", () => HttpResults.Content("<!DOCTYPE html><p>outside</p>", "text/html"));
            });

            var gated = await LocalSite.StartAsync(site =>
            {
                site.Use(async (context, next) =>
                {
                    if (context.Request.Headers.Authorization.ToString() != "Basic " + BasicParameter)
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = "Basic realm=\"members\"";
                        return;
                    }

                    await next(context);
                });
                site.MapGet("/", () => HttpResults.Content($"""
                    <!DOCTYPE html><html><body><img src="/img/gated.png"><a href="/inner.html">inner</a>
                    <img src="{outside.Url("/img/outside.png")}"><a href="{outside.Url("/page.html")}">elsewhere</a>
                    <a href="/go">moved</a></body></html>
                    """, "text/html"));
                site.MapGet("/inner.html", () => HttpResults.Content("<!DOCTYPE html><img src=\"/img/inner.jpg\">", "text/html"));
                site.MapGet("/go", () => HttpResults.Redirect(outside.Url("/landing.html").AbsoluteUri));
                site.MapGet("/img/gated.png", () => HttpResults.Bytes(gatedPng, "image/png"));
                site.MapGet("/img/inner.jpg", () => HttpResults.Bytes(innerJpg, "image/jpeg"));
            });

            var expected = new Dictionary<string, string>
            {
                ["img/gated.png"] = BenignBytes.Sha256(gatedPng),
                ["img/inner.jpg"] = BenignBytes.Sha256(innerJpg),
                ["outside.png"] = BenignBytes.Sha256(outsidePng),
            };
            return new GatedSites(gated, outside, expected, hits, authorizations);
        }

        public async ValueTask DisposeAsync()
        {
            await Gated.DisposeAsync();
            await Outside.DisposeAsync();
        }
    }
}
