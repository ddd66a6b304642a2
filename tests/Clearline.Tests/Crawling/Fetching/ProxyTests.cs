using Clearline.Crawling.Fetching;
using Clearline.Tests.Crawling.TestSites;

namespace Clearline.Tests.Crawling.Fetching;

/// <summary>Through a configured proxy (an anonymising gateway) requests go to the proxy; targets are still vetted.</summary>
public sealed class ProxyTests
{
    [Fact]
    public async Task Fetch_WithProxy_SendsTheRequestThroughTheProxy()
    {
        await using var proxy = new RecordingProxy();
        var resolver = new ScriptedResolver().Answer("crawl-target.example", ["8.8.8.8"]);
        using var fetcher = FetcherKit.Create(o => o.Proxy = proxy.Url, resolver, allowLoopback: false);

        var result = await fetcher.FetchAsync(new Uri("http://crawl-target.example/page?x=1"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal("via proxy", System.Text.Encoding.UTF8.GetString(result.Body.Span));
        Assert.Equal("GET http://crawl-target.example/page?x=1 HTTP/1.1", Assert.Single(proxy.RequestLines));
        Assert.Null(result.ServerAddress);
    }

    [Fact]
    public async Task Fetch_WithProxy_StillRefusesPrivateTargets()
    {
        await using var proxy = new RecordingProxy();
        var resolver = new ScriptedResolver().Answer("intranet.example", ["10.0.0.1"]);
        using var fetcher = FetcherKit.Create(o => o.Proxy = proxy.Url, resolver, allowLoopback: false);

        var byName = await fetcher.FetchAsync(new Uri("http://intranet.example/"), FetchPurpose.Page, FetcherKit.Ct);
        var byAddress = await fetcher.FetchAsync(new Uri("http://169.254.169.254/latest/meta-data/"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.Refused, byName.Error?.Kind);
        Assert.Equal(FetchErrorKind.Refused, byAddress.Error?.Kind);
        Assert.Empty(proxy.RequestLines);
    }
}
