using Clearline.Crawling.Extraction;

namespace Clearline.Tests.Crawling.Extraction;

public sealed class PublicSuffixListTests
{
    private const string DebianList = "/usr/share/publicsuffix/public_suffix_list.dat";

    [Theory]
    [InlineData("a.b.example.co.uk", "example.co.uk")]
    [InlineData("example.co.uk", "example.co.uk")]
    [InlineData("co.uk", null)]
    [InlineData("www.example.com", "example.com")]
    [InlineData("WWW.Example.COM.", "example.com")]
    [InlineData("com", null)]
    [InlineData("foo.bar.ck", "foo.bar.ck")]
    [InlineData("bar.ck", null)]
    [InlineData("www.ck", "www.ck")]
    [InlineData("a.www.ck", "www.ck")]
    [InlineData("alice.github.io", "alice.github.io")]
    [InlineData("xn--bcher-kva.example.de", "example.de")]
    [InlineData("bücher.example.de", "example.de")]
    [InlineData("shop.example.xn--p1ai", "example.xn--p1ai")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("[2001:db8::1]", "2001:db8::1")]
    [InlineData("unlisted-tld-x.zzzz", "unlisted-tld-x.zzzz")]
    [InlineData("", null)]
    [InlineData("a..b.com", null)]
    public void RegistrableDomain_DebianList_AsSpecified(string host, string? expected)
    {
        var list = PublicSuffixList.Load(DebianList);

        Assert.Equal(expected, list.RegistrableDomain(host));
    }

    [Fact]
    public void Load_SmallListWithWildcardAndException_RulesApplied()
    {
        var path = Path.Combine(Path.GetTempPath(), $"psl-{Guid.NewGuid():N}.dat");
        File.WriteAllText(path, """
            // A comment line
            uk
            co.uk  trailing text is ignored

            *.kawasaki.jp
            !city.kawasaki.jp
            // ===BEGIN PRIVATE DOMAINS===
            blogspot.com
            """);
        try
        {
            var list = PublicSuffixList.Load(path);

            Assert.Equal(5, list.RuleCount);
            Assert.Equal("example.co.uk", list.RegistrableDomain("www.example.co.uk"));
            Assert.Equal("x.shop.kawasaki.jp", list.RegistrableDomain("a.x.shop.kawasaki.jp"));
            Assert.Null(list.RegistrableDomain("shop.kawasaki.jp"));
            Assert.Equal("city.kawasaki.jp", list.RegistrableDomain("www.city.kawasaki.jp"));
            Assert.Equal("me.blogspot.com", list.RegistrableDomain("photos.me.blogspot.com"));
            Assert.Equal("example.org", list.RegistrableDomain("a.example.org"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_ClearError()
    {
        Assert.ThrowsAny<IOException>(() => PublicSuffixList.Load("/nonexistent/psl.dat"));
    }

    [Theory]
    [InlineData("a.b.example.co.uk", "co.uk")]
    [InlineData("www.example.com", "example.com")]
    [InlineData("com", null)]
    public void Fallback_LastTwoLabels(string host, string? expected)
    {
        Assert.Equal(expected, PublicSuffixList.Fallback.RegistrableDomain(host));
    }
}
