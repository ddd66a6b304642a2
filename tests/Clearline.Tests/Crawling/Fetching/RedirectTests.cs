using Clearline.Crawling.Fetching;
using Clearline.Tests.Crawling.TestSites;
using Microsoft.AspNetCore.Builder;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Http;

namespace Clearline.Tests.Crawling.Fetching;

public sealed class RedirectTests
{
    [Fact]
    public async Task Fetch_RedirectChain_RecordsEveryHop()
    {
        await using var site = await LocalSite.StartAsync(app =>
        {
            app.MapGet("/a", () => HttpResults.Redirect("/b"));
            app.MapGet("/b", () => HttpResults.Redirect("/c", permanent: true));
            app.MapGet("/c", () => HttpResults.Text("end"));
        });
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(site.Url("/a"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(site.Url("/c"), result.FinalUrl);
        Assert.Equal(
            [new FetchRedirect(site.Url("/a"), 302, site.Url("/b")), new FetchRedirect(site.Url("/b"), 301, site.Url("/c"))],
            result.Redirects);
        Assert.Equal("end", System.Text.Encoding.UTF8.GetString(result.Body.Span));
    }

    [Fact]
    public async Task Fetch_RedirectLoop_FailsWithRedirectLoop()
    {
        await using var site = await LocalSite.StartAsync(app =>
        {
            app.MapGet("/a", () => HttpResults.Redirect("/b"));
            app.MapGet("/b", () => HttpResults.Redirect("/a"));
        });
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(site.Url("/a"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.RedirectLoop, result.Error?.Kind);
        Assert.Equal(2, result.Redirects.Count);
    }

    [Fact]
    public async Task Fetch_ElevenRedirects_FailsWithTooManyRedirects()
    {
        await using var site = await LocalSite.StartAsync(app =>
        {
            app.MapGet("/hop/{n:int}", (int n) => n < 11 ? HttpResults.Redirect($"/hop/{n + 1}") : HttpResults.Text("end"));
        });
        using var fetcher = FetcherKit.Create();

        var tenHops = await fetcher.FetchAsync(site.Url("/hop/1"), FetchPurpose.Page, FetcherKit.Ct);
        var elevenHops = await fetcher.FetchAsync(site.Url("/hop/0"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.True(tenHops.Succeeded, tenHops.Error?.Message);
        Assert.Equal(10, tenHops.Redirects.Count);
        Assert.Equal(FetchErrorKind.TooManyRedirects, elevenHops.Error?.Kind);
        Assert.Equal(10, elevenHops.Redirects.Count);
    }

    [Theory]
    [InlineData("127.0.0.2")]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    public async Task Fetch_RedirectToPrivateAddress_RefusedAtTheHop(string target)
    {
        await using var site = await LocalSite.StartAsync(app =>
            app.MapGet("/go", (HttpRequest r) => HttpResults.Redirect($"http://{target}:{r.Host.Port}/latest/meta-data/")));
        using var fetcher = FetcherKit.Create(o => o.AllowedNetworks.Add("127.0.0.1/32"), allowLoopback: false);

        var result = await fetcher.FetchAsync(site.Url("/go"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.Refused, result.Error?.Kind);
        Assert.Equal(target, Assert.Single(result.Redirects).To.Host);
        Assert.Equal(target, result.FinalUrl.Host);
    }

    [Fact]
    public async Task Fetch_RedirectToFileScheme_Refused()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/go", () => HttpResults.Redirect("file:///etc/passwd")));
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(site.Url("/go"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.Refused, result.Error?.Kind);
    }
}
