using System.Net;

namespace Clearline.Tests.Hosting;

/// <summary>The ASN and ISP tables in <c>shared/testdata/geoip/README.md</c>, and the CDN flag.</summary>
public sealed class NetworkLookupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("1.0.0.1", 15169L, "Google Inc.")]
    [InlineData("1.128.0.1", 1221L, "Telstra Pty Ltd")]
    [InlineData("12.81.96.1", 7018L, null)]
    [InlineData("89.160.20.112", 29518L, "Bredband2 AB")]
    [InlineData("216.160.83.56", 209L, null)]
    [InlineData("67.43.156.1", 35908L, null)]
    [InlineData("214.1.1.1", 721L, "DoD Network Information Center")]
    [InlineData("2001:1700::1", 6730L, "Sunrise Communications AG")]
    [InlineData("2a02:a400::1", 1136L, "KPN Internet Solutions")]
    [InlineData("81.2.69.160", null, null)]
    [InlineData("2.125.160.216", null, null)]
    [InlineData("8.8.8.8", null, null)]
    public async Task TraceAsync_GeoLite2Asn_AnswersAsDocumented(string ip, long? asn, string? organisation)
    {
        using var tracer = Tracers.Create(asn: GeoIpTestData.Asn);

        var trace = await tracer.TraceAsync(IPAddress.Parse(ip), Ct);

        Assert.Equal(asn, trace.Asn);
        Assert.Equal(organisation, trace.NetworkOrganisation);
        Assert.Null(trace.CountryCode);
    }

    [Theory]
    [InlineData("81.2.69.160", null, "STONEHOUSE office network")]
    [InlineData("89.160.20.112", 29518L, "Bredband2 AB")]
    [InlineData("216.160.83.56", 209L, "Lariat Software")]
    [InlineData("1.128.0.1", 1221L, "Telstra Pty Ltd")]
    [InlineData("12.81.96.1", 7018L, "AT&T Services")]
    [InlineData("8.8.8.8", null, "Level 3 Communications")]
    public async Task TraceAsync_GeoIp2Isp_PrefersAsOrganisationThenOrganisation(string ip, long? asn, string organisation)
    {
        using var tracer = Tracers.Create(asn: GeoIpTestData.Isp);

        var trace = await tracer.TraceAsync(IPAddress.Parse(ip), Ct);

        Assert.Equal(asn, trace.Asn);
        Assert.Equal(organisation, trace.NetworkOrganisation);
    }

    [Fact]
    public async Task TraceAsync_DefaultCdnList_FlagsGoogleOnly()
    {
        using var tracer = Tracers.Create(asn: GeoIpTestData.Asn);

        Assert.True((await tracer.TraceAsync(IPAddress.Parse("1.0.0.1"), Ct)).IsCdn);    // AS15169
        Assert.False((await tracer.TraceAsync(IPAddress.Parse("1.128.0.1"), Ct)).IsCdn); // AS1221
        Assert.False((await tracer.TraceAsync(IPAddress.Parse("8.8.8.8"), Ct)).IsCdn);   // no record
    }

    [Fact]
    public async Task TraceAsync_ConfiguredCdnAsn_Flagged()
    {
        using var tracer = Tracers.Create(asn: GeoIpTestData.Asn, configure: o => o.CdnAsns.Add(1221));

        var trace = await tracer.TraceAsync(IPAddress.Parse("1.128.0.1"), Ct);

        Assert.True(trace.IsCdn);
    }

    [Fact]
    public async Task TraceAsync_BothDatabases_CombinesCountryAndNetwork()
    {
        using var tracer = Tracers.Create(country: GeoIpTestData.Country, asn: GeoIpTestData.Asn);

        var trace = await tracer.TraceAsync(IPAddress.Parse("89.160.20.112"), Ct);

        Assert.Equal(("SE", "DE", 29518L, "Bredband2 AB", false),
            (trace.CountryCode, trace.RegisteredCountryCode, trace.Asn, trace.NetworkOrganisation, trace.IsCdn));
    }
}
