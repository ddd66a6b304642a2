using Clearline.Crawling;
using Clearline.Crawling.Extraction;

namespace Clearline.Tests.Crawling.Extraction;

public sealed class CrawlScopeTests
{
    private static readonly PublicSuffixList Suffixes = PublicSuffixList.Load("/usr/share/publicsuffix/public_suffix_list.dat");
    private static readonly Uri Seed = new("https://www.example.co.uk/gallery/");

    [Theory]
    [InlineData("https://www.example.co.uk/other", true)]
    [InlineData("http://www.example.co.uk:8080/other", true)]
    [InlineData("https://images.example.co.uk/x", true)]
    [InlineData("https://example.co.uk/", true)]
    [InlineData("https://www.other.co.uk/", false)]
    [InlineData("https://example.com/", false)]
    [InlineData("ftp://www.example.co.uk/", false)]
    public void IncludesPage_SameSite_RegistrableDomainDecides(string url, bool expected)
    {
        Assert.Equal(expected, new CrawlScope(CrawlScopeMode.SameSite, Seed, Suffixes).IncludesPage(new Uri(url)));
    }

    [Theory]
    [InlineData("https://WWW.example.co.uk/other", true)]
    [InlineData("http://www.example.co.uk/", true)]
    [InlineData("https://images.example.co.uk/x", false)]
    [InlineData("https://example.co.uk/", false)]
    public void IncludesPage_SameHost_ExactHost(string url, bool expected)
    {
        Assert.Equal(expected, new CrawlScope(CrawlScopeMode.SameHost, Seed, Suffixes).IncludesPage(new Uri(url)));
    }

    [Theory]
    [InlineData("https://anywhere.example.net/", true)]
    [InlineData("http://192.0.2.1/", true)]
    [InlineData("mailto:a@b.example", false)]
    public void IncludesPage_Any_EveryHttpPage(string url, bool expected)
    {
        Assert.Equal(expected, new CrawlScope(CrawlScopeMode.Any, Seed, Suffixes).IncludesPage(new Uri(url)));
    }

    [Fact]
    public void IncludesPage_SeparateUsersOnPrivateSuffix_DifferentSites()
    {
        var scope = new CrawlScope(CrawlScopeMode.SameSite, new Uri("https://alice.github.io/"), Suffixes);

        Assert.True(scope.IncludesPage(new Uri("https://alice.github.io/page")));
        Assert.False(scope.IncludesPage(new Uri("https://bob.github.io/page")));
    }

    [Fact]
    public void IncludesPage_IpSeed_SameIpOnly()
    {
        var scope = new CrawlScope(CrawlScopeMode.SameSite, new Uri("http://127.0.0.1:5000/"), Suffixes);

        Assert.True(scope.IncludesPage(new Uri("http://127.0.0.1:6000/x")));
        Assert.False(scope.IncludesPage(new Uri("http://127.0.0.2/x")));
    }
}
