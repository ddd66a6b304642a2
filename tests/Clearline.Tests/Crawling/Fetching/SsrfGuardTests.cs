using Clearline.Crawling.Fetching;
using Clearline.Tests.Crawling.TestSites;
using Microsoft.AspNetCore.Builder;

namespace Clearline.Tests.Crawling.Fetching;

/// <summary>The fetcher never reaches a special-purpose address unless it is allow-listed, however it is spelled or resolved.</summary>
public sealed class SsrfGuardTests
{
    private int _hits;

    private Task<LocalSite> StartCountingSiteAsync() => LocalSite.StartAsync(app => app.MapGet("/", () =>
    {
        Interlocked.Increment(ref _hits);
        return "internal";
    }));

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://127.0.0.1:70/")]
    [InlineData("data:text/html,hello")]
    [InlineData("javascript:alert(1)")]
    public async Task Fetch_NonHttpScheme_Refused(string url)
    {
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(new Uri(url), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.Refused, result.Error?.Kind);
        Assert.Null(result.StatusCode);
    }

    [Fact]
    public async Task Fetch_RelativeUrl_InvalidUrl()
    {
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(new Uri("/page", UriKind.Relative), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.InvalidUrl, result.Error?.Kind);
    }

    [Fact]
    public async Task Fetch_Loopback_RefusedUnlessAllowListed()
    {
        await using var site = await StartCountingSiteAsync();
        using var guarded = FetcherKit.Create(allowLoopback: false);
        using var allowed = FetcherKit.Create(o => o.AllowedNetworks.Add("127.0.0.0/8"), allowLoopback: false);

        var refused = await guarded.FetchAsync(site.Url("/"), FetchPurpose.Page, FetcherKit.Ct);
        Assert.Equal(0, _hits);
        var fetched = await allowed.FetchAsync(site.Url("/"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.Refused, refused.Error?.Kind);
        Assert.True(fetched.Succeeded, fetched.Error?.Message);
        Assert.Equal(1, _hits);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::1")]
    public async Task Fetch_NameResolvingToPrivateAddress_Refused(string address)
    {
        await using var site = await StartCountingSiteAsync();
        var resolver = new ScriptedResolver().Answer("intranet.example", [address]);
        using var fetcher = FetcherKit.Create(resolver: resolver, allowLoopback: false);

        var result = await fetcher.FetchAsync(site.UrlOn("intranet.example", "/"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.Refused, result.Error?.Kind);
        Assert.Equal(0, _hits);
    }

    [Fact]
    public async Task Fetch_NameResolvingToPublicAndPrivate_RefusesTheWholeName()
    {
        await using var site = await StartCountingSiteAsync();
        var resolver = new ScriptedResolver().Answer("mixed.example", ["8.8.8.8", "127.0.0.1"]);
        using var fetcher = FetcherKit.Create(resolver: resolver, allowLoopback: false);

        var result = await fetcher.FetchAsync(site.UrlOn("mixed.example", "/"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.Refused, result.Error?.Kind);
        Assert.Equal(0, _hits);
    }

    [Fact]
    public async Task Fetch_DnsRebinding_ConnectsOnlyToTheVettedAddress()
    {
        await using var site = await StartCountingSiteAsync();
        var resolver = new ScriptedResolver().Answer("rebind.example", ["8.8.8.8"], ["127.0.0.1"]);
        using var fetcher = FetcherKit.Create(o => o.ConnectTimeout = TimeSpan.FromMilliseconds(500), resolver, allowLoopback: false);

        var first = await fetcher.FetchAsync(site.UrlOn("rebind.example", "/"), FetchPurpose.Page, FetcherKit.Ct);
        Assert.Equal(1, resolver.Calls);
        var second = await fetcher.FetchAsync(site.UrlOn("rebind.example", "/"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Contains(first.Error?.Kind, new FetchErrorKind?[] { FetchErrorKind.ConnectionFailed, FetchErrorKind.Timeout });
        Assert.Equal(FetchErrorKind.Refused, second.Error?.Kind);
        Assert.Equal(0, _hits);
    }

    [Theory]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    [InlineData("0177.0.0.1")]
    [InlineData("127.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[::ffff:7f00:1]")]
    [InlineData("[64:ff9b::127.0.0.1]")]
    [InlineData("[::127.0.0.1]")]
    [InlineData("[::ffff:0:127.0.0.1]")]
    [InlineData("[::1]")]
    [InlineData("0.0.0.0")]
    public async Task Fetch_LoopbackInAnySpelling_Refused(string host)
    {
        await using var site = await StartCountingSiteAsync();
        using var fetcher = FetcherKit.Create(allowLoopback: false);

        var result = await fetcher.FetchAsync(new Uri($"http://{host}:{site.Port}/"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.Refused, result.Error?.Kind);
        Assert.Equal(0, _hits);
    }

    [Fact]
    public async Task Fetch_UnknownName_DnsFailure()
    {
        using var fetcher = FetcherKit.Create();

        var result = await fetcher.FetchAsync(new Uri("http://nowhere.example/"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.DnsFailure, result.Error?.Kind);
    }

    [Fact]
    public async Task Fetch_HostNameTooLongForDns_DnsFailure()
    {
        using var fetcher = FetcherKit.Create(resolver: new SystemHostResolver());

        var result = await fetcher.FetchAsync(new Uri($"http://{string.Join('.', Enumerable.Repeat(new string('a', 60), 5))}.example/"), FetchPurpose.Page, FetcherKit.Ct);

        Assert.Equal(FetchErrorKind.DnsFailure, result.Error?.Kind);
    }
}
