using System.Net;
using System.Text;
using Clearline.AbuseContacts;
using Clearline.Crawling.Extraction;

namespace Clearline.Tests.AbuseContacts;

/// <summary>The pure parts of a lookup: the registrable domain rule, bootstrap matching, and what is looked up for a route.</summary>
public sealed class RdapParsingTests
{
    /// <summary>Debian's copy of Mozilla's list, as the crawler's tests use it (<c>.ci/run</c> installs the <c>publicsuffix</c> package).</summary>
    private static readonly PublicSuffixList Suffixes = PublicSuffixList.Load("/usr/share/publicsuffix/public_suffix_list.dat");

    [Theory]
    [InlineData("https://img0.example/0.png", "img0.example")]
    [InlineData("https://cdn.images.shop.example/a.jpg", "shop.example")]
    [InlineData("https://img.shop.co.uk/a.jpg", "shop.co.uk")]
    [InlineData("https://WWW.Example.COM./a", "example.com")]
    [InlineData("https://bücher.example/a", "xn--bcher-kva.example")]
    [InlineData("https://192.0.2.1/a.png", null)]
    [InlineData("https://[2001:db8::1]/a.png", null)]
    [InlineData("https://localhost/a.png", null)]
    public void Registrar_IsLookedUpForTheRegistrableDomain_ByThePublicSuffixList(string url, string? expected) =>
        Assert.Equal(expected, AbuseContactTargets.Of(null, url, Suffixes).SingleOrDefault().Key);

    [Fact]
    public void Targets_ForAnIpHost_AreTheNetworkOnly()
    {
        var targets = AbuseContactTargets.Of("198.51.100.7", "https://198.51.100.7/a.png", Suffixes).ToList();

        Assert.Equal([(AbuseContactSource.Network, "198.51.100.7")], targets);
    }

    [Fact]
    public void Bootstrap_ChoosesTheLongestPrefixAndTheLongestLabelMatch_PreferringHttps()
    {
        var ip = RdapBootstrapRegistry.Parse(Encoding.UTF8.GetBytes("""
            {"version":"1.0","services":[
              [["192.0.0.0/8"],["https://wide.example/rdap/"]],
              [["192.0.2.0/24"],["http://narrow.example/rdap/","https://narrow.example/rdap"]]]}
            """));
        var dns = RdapBootstrapRegistry.Parse(Encoding.UTF8.GetBytes("""
            {"version":"1.0","services":[[["uk"],["https://uk.example/"]],[["co.uk"],["https://co-uk.example/"]]]}
            """));

        Assert.Equal(new Uri("https://narrow.example/rdap/"), ip.ForAddress(IPAddress.Parse("192.0.2.9")));
        Assert.Equal(new Uri("https://wide.example/rdap/"), ip.ForAddress(IPAddress.Parse("192.0.3.9")));
        Assert.Null(ip.ForAddress(IPAddress.Parse("203.0.113.1")));
        Assert.Equal(new Uri("https://co-uk.example/"), dns.ForDomain("shop.co.uk"));
        Assert.Equal(new Uri("https://uk.example/"), dns.ForDomain("shop.uk"));
        Assert.Null(dns.ForDomain("shop.example"));
    }
}
