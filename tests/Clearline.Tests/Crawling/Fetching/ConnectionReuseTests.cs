using System.Collections.Concurrent;
using System.Net;
using Clearline.Crawling.Fetching;
using Clearline.Tests.Crawling.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.Crawling.Fetching;

/// <summary>
/// A crawl's fetches share kept-alive connections (<see cref="FetchConnections"/>) without losing what each fetch
/// records: the server address and certificate are still the answering connection's, and connections never cross runs.
/// </summary>
public sealed class ConnectionReuseTests
{
    [Fact]
    public async Task Fetch_WithTheRunsConnections_ReusesOneConnectionAndRecordsItsAddressEachTime()
    {
        var connectionIds = new ConcurrentBag<string>();
        await using var site = await CountingSiteAsync(connectionIds);
        using var fetcher = FetcherKit.Create();
        using var connections = new FetchConnections(perOrigin: 4);

        var results = new List<FetchResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await fetcher.FetchAsync(site.Url($"/x/{i}"), FetchPurpose.Page, null, connections, FetcherKit.Ct));
        }

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.All(results, r => Assert.Equal(IPAddress.Loopback, r.ServerAddress));
        Assert.Single(connectionIds.Distinct());
        Assert.Equal(1, connections.Opened);
    }

    [Fact]
    public async Task Fetch_WithoutConnections_OpensAConnectionPerFetch()
    {
        var connectionIds = new ConcurrentBag<string>();
        await using var site = await CountingSiteAsync(connectionIds);
        using var fetcher = FetcherKit.Create();

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await fetcher.FetchAsync(site.Url($"/x/{i}"), FetchPurpose.Page, FetcherKit.Ct)).Succeeded);
        }

        Assert.Equal(3, connectionIds.Distinct().Count());
    }

    [Fact]
    public async Task Fetch_InTwoRuns_NeverSharesAConnectionBetweenThem()
    {
        var connectionIds = new ConcurrentBag<string>();
        await using var site = await CountingSiteAsync(connectionIds);
        using var fetcher = FetcherKit.Create();
        using var first = new FetchConnections(perOrigin: 4);
        using var second = new FetchConnections(perOrigin: 4);

        await fetcher.FetchAsync(site.Url("/x/1"), FetchPurpose.Page, null, first, FetcherKit.Ct);
        await fetcher.FetchAsync(site.Url("/x/2"), FetchPurpose.Page, null, second, FetcherKit.Ct);
        await fetcher.FetchAsync(site.Url("/x/3"), FetchPurpose.Page, null, first, FetcherKit.Ct);

        Assert.Equal(2, connectionIds.Distinct().Count());
        Assert.Equal(1, first.Opened);
        Assert.Equal(1, second.Opened);
    }

    [Fact]
    public async Task Fetch_AfterARedirect_DoesNotKeepTheConnection()
    {
        var connectionIds = new ConcurrentBag<string>();
        await using var site = await LocalSite.StartAsync(app =>
        {
            app.MapGet("/from", (HttpContext context) =>
            {
                connectionIds.Add(context.Connection.Id);
                return HttpResults.Redirect("/x/1");
            });
            app.MapGet("/x/{i}", (HttpContext context) =>
            {
                connectionIds.Add(context.Connection.Id);
                return HttpResults.Text("<p>page</p>", "text/html");
            });
        });
        using var fetcher = FetcherKit.Create();
        using var connections = new FetchConnections(perOrigin: 4);

        var redirected = await fetcher.FetchAsync(site.Url("/from"), FetchPurpose.Page, null, connections, FetcherKit.Ct);
        var next = await fetcher.FetchAsync(site.Url("/x/2"), FetchPurpose.Page, null, connections, FetcherKit.Ct);

        Assert.True(redirected.Succeeded, redirected.Error?.Message);
        Assert.Single(redirected.Redirects);
        Assert.True(next.Succeeded, next.Error?.Message);
        Assert.Equal(2, connections.Opened);
    }

    [Fact]
    public async Task Fetch_WhenTheNameNowResolvesElsewhere_DoesNotUseTheKeptConnection()
    {
        var connectionIds = new ConcurrentBag<string>();
        await using var site = await CountingSiteAsync(connectionIds);

        // The site listens on 127.0.0.1 only: the second answer, 127.0.0.2, refuses connections. Had the kept
        // connection to 127.0.0.1 been reused, the second fetch would have succeeded from an address not vetted for it.
        var resolver = new ScriptedResolver().Answer("site.test", ["127.0.0.1"], ["127.0.0.2"]);
        using var fetcher = FetcherKit.Create(resolver: resolver);
        using var connections = new FetchConnections(perOrigin: 4);
        var url = new Uri($"http://site.test:{site.Port}/x/1");

        var first = await fetcher.FetchAsync(url, FetchPurpose.Page, null, connections, FetcherKit.Ct);
        var second = await fetcher.FetchAsync(url, FetchPurpose.Page, null, connections, FetcherKit.Ct);

        Assert.True(first.Succeeded, first.Error?.Message);
        Assert.Equal(IPAddress.Loopback, first.ServerAddress);
        Assert.Equal(FetchErrorKind.ConnectionFailed, second.Error?.Kind);
        Assert.Null(second.ServerAddress);
        Assert.Single(connectionIds);
    }

    [Fact]
    public async Task Fetch_OverHttpsOnAKeptConnection_RecordsTheCertificateEachTime()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/x/{i}", () => "secure"), https: true);
        using var fetcher = FetcherKit.Create();
        using var connections = new FetchConnections(perOrigin: 4);

        var first = await fetcher.FetchAsync(site.Url("/x/1"), FetchPurpose.Page, null, connections, FetcherKit.Ct);
        var second = await fetcher.FetchAsync(site.Url("/x/2"), FetchPurpose.Page, null, connections, FetcherKit.Ct);

        Assert.Equal(1, connections.Opened);
        var fingerprint = site.Certificate!.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        Assert.Equal(fingerprint, first.Certificate?.Sha256Fingerprint);
        Assert.Equal(fingerprint, second.Certificate?.Sha256Fingerprint);
        Assert.Equal(IPAddress.Loopback, second.ServerAddress);
    }

    private static Task<LocalSite> CountingSiteAsync(ConcurrentBag<string> connectionIds) =>
        LocalSite.StartAsync(app => app.MapGet("/x/{i}", (HttpContext context) =>
        {
            connectionIds.Add(context.Connection.Id);
            return HttpResults.Text("<p>page</p>", "text/html");
        }));
}
