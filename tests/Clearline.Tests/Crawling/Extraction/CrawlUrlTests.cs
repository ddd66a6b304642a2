using Clearline.Crawling.Extraction;

namespace Clearline.Tests.Crawling.Extraction;

public sealed class CrawlUrlTests
{
    private static readonly Uri Base = new("https://site.example/a/b/page.html");

    [Theory]
    [InlineData("HTTP://Site.EXAMPLE/Path", "http://site.example/Path")]
    [InlineData("https://site.example:443/x", "https://site.example/x")]
    [InlineData("http://site.example:80/x", "http://site.example/x")]
    [InlineData("https://site.example:8443/x", "https://site.example:8443/x")]
    [InlineData("https://site.example/a/./b/../c", "https://site.example/a/c")]
    [InlineData("https://site.example/x#fragment", "https://site.example/x")]
    [InlineData("https://site.example", "https://site.example/")]
    [InlineData("https://site.example./x", "https://site.example/x")]
    [InlineData("https://site.example/%7Euser/%41%2f%3a", "https://site.example/~user/A%2F%3A")]
    [InlineData("https://site.example/?b=2&a=1", "https://site.example/?b=2&a=1")]
    [InlineData("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe")]
    public void Normalise_Variants_CanonicalForm(string input, string expected)
    {
        Assert.Equal(expected, CrawlUrl.Normalise(new Uri(input)).AbsoluteUri);
    }

    [Theory]
    [InlineData("https://site.example/shop;jsessionid=ABC123?item=4", "https://site.example/shop?item=4")]
    [InlineData("https://site.example/shop;JSESSIONID=ABC/more", "https://site.example/shop/more")]
    [InlineData("https://site.example/p?PHPSESSID=abc&id=7", "https://site.example/p?id=7")]
    [InlineData("https://site.example/p?id=7&sid=9&sessionid=1&session_id=2", "https://site.example/p?id=7")]
    [InlineData("https://site.example/p?ASPSESSIONIDQQGGQ=xyz", "https://site.example/p")]
    [InlineData("https://site.example/p?side=1", "https://site.example/p?side=1")]
    public void Normalise_SessionIds_Removed(string input, string expected)
    {
        Assert.Equal(expected, CrawlUrl.Normalise(new Uri(input)).AbsoluteUri);
    }

    [Theory]
    [InlineData("HTTP://Site.EXAMPLE:80/a/./b/../%7e%2f?PHPSESSID=1&x=%41#f")]
    [InlineData("https://bücher.example/%2e%2e/x")]
    [InlineData("https://site.example/a%2Fb/%25/ünï/?q=a b&r=%e2%82%ac")]
    [InlineData("https://user:pw@site.example:8080/p;jsessionid=1;x=2")]
    [InlineData("http://[::1]:8080/x")]
    [InlineData("http://127.0.0.1/x?")]
    public void Normalise_AppliedTwice_SameAsOnce(string input)
    {
        var once = CrawlUrl.Normalise(new Uri(input));

        Assert.Equal(once.AbsoluteUri, CrawlUrl.Normalise(once).AbsoluteUri);
    }

    [Fact]
    public void Normalise_RandomPaths_Idempotent()
    {
        const string alphabet = "aZ09-._~%2fE7e/;=?&#:@!$'()*+, ü";
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var path = new string([.. Enumerable.Range(0, random.Next(1, 30)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            if (!Uri.TryCreate("http://h.example/" + path, UriKind.Absolute, out var uri))
            {
                continue;
            }

            var once = CrawlUrl.Normalise(uri);
            Assert.Equal(once.AbsoluteUri, CrawlUrl.Normalise(once).AbsoluteUri);
        }
    }

    [Theory]
    [InlineData("  c.png\n", "https://site.example/a/b/c.png")]
    [InlineData("../c.png", "https://site.example/a/c.png")]
    [InlineData("/c.png", "https://site.example/c.png")]
    [InlineData("//cdn.example/c.png", "https://cdn.example/c.png")]
    [InlineData("?q=1&amp;r=2", "https://site.example/a/b/page.html?q=1&r=2")]
    [InlineData("c%20d.png", "https://site.example/a/b/c%20d.png")]
    [InlineData("c d.png", "https://site.example/a/b/c%20d.png")]
    [InlineData("ima\nge.png", "https://site.example/a/b/image.png")]
    [InlineData("http://other.example", "http://other.example/")]
    public void TryResolve_RelativeAndEncoded_Absolute(string raw, string expected)
    {
        Assert.True(CrawlUrl.TryResolve(raw, Base, out var url));
        Assert.Equal(expected, url.AbsoluteUri);
    }

    [Theory]
    [InlineData("javascript:void(0)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("mailto:someone@site.example")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("ftp://site.example/file")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("http://")]
    [InlineData("http://exa mple.com/")]
    public void TryResolve_NotHttp_False(string raw)
    {
        Assert.False(CrawlUrl.TryResolve(raw, Base, out _));
    }

    [Fact]
    public void TryResolve_OverLongUrl_False()
    {
        Assert.False(CrawlUrl.TryResolve("/" + new string('a', CrawlUrl.MaxLength), Base, out _));
    }
}
