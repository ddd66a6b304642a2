using System.Net;
using Clearline.Hosting;
using MaxMind.Db;

namespace Clearline.Tests.Hosting;

/// <summary>Every row of the country table in <c>shared/testdata/geoip/README.md</c>.</summary>
public sealed class CountryLookupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("81.2.69.160", "GB", "US")]
    [InlineData("216.160.83.56", "US", "GB")]
    [InlineData("89.160.20.112", "SE", "DE")]
    [InlineData("2.125.160.216", "GB", "FR")]
    [InlineData("67.43.156.1", "BT", "RO")]
    [InlineData("202.196.224.1", "PH", "PH")]
    [InlineData("175.16.199.1", "CN", "CN")]
    [InlineData("149.101.100.1", "US", "GB")]
    [InlineData("214.1.1.1", null, null)]      // anycast traits only
    [InlineData("2001:218::1", "JP", "JP")]
    [InlineData("2a02:d3c0::1", "GB", "GB")]
    [InlineData("2a02:d500::1", null, null)]   // continent only
    [InlineData("::ffff:81.2.69.160", "GB", "US")]
    [InlineData("8.8.8.8", null, null)]        // no record
    public async Task TraceAsync_GeoIp2Country_AnswersAsDocumented(string ip, string? country, string? registered)
    {
        using var tracer = Tracers.Create(country: GeoIpTestData.Country);

        var trace = await tracer.TraceAsync(IPAddress.Parse(ip), Ct);

        Assert.Equal(IPAddress.Parse(ip), trace.Address);
        Assert.False(trace.SpecialPurpose);
        Assert.Equal(country, trace.CountryCode);
        Assert.Equal(registered, trace.RegisteredCountryCode);
        Assert.True(tracer.HasCountryDatabase);
        Assert.Equal("GeoIP2-Country", tracer.CountryDatabase?.DatabaseType);
    }

    [Theory]
    [InlineData("81.2.69.160", "GB")]
    [InlineData("2001:218::1", "JP")]
    [InlineData("214.1.1.1", null)]
    [InlineData("175.16.199.1", null)]
    [InlineData("149.101.100.1", null)]
    public async Task TraceAsync_GeoLite2Country_AnswersAsDocumented(string ip, string? country)
    {
        using var tracer = Tracers.Create(country: GeoIpTestData.LiteCountry);

        var trace = await tracer.TraceAsync(IPAddress.Parse(ip), Ct);

        Assert.Equal(country, trace.CountryCode);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("2001:db8::1")]
    [InlineData("8.8.8.8")]
    public void Find_AddressWithoutRecord_ReturnsNull(string ip)
    {
        using var database = IpDatabase.Open(GeoIpTestData.Country, "test")!;

        Assert.Null(database.Find<CountryRecord>(IPAddress.Parse(ip)));
    }

    [Fact]
    public async Task TraceAsync_IPv4OnlyDatabaseAndIPv6Address_CountryUnknown()
    {
        var path = await PatchedCopyAsync(GeoIpTestData.Country, MarkIPv4Only);
        try
        {
            var ipv6 = IPAddress.Parse("2001:218::1");
            using (var raw = new Reader(path))
            {
                Assert.Equal(4, raw.Metadata.IPVersion);
                Assert.NotNull(raw.Find<Dictionary<string, object>>(ipv6));   // the reader answers junk rather than refusing
            }

            using var tracer = Tracers.Create(country: path);

            Assert.Null((await tracer.TraceAsync(ipv6, Ct)).CountryCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TraceAsync_FlatSchema_ReadsCountryCode()
    {
        var path = await PatchedCopyAsync(GeoIpTestData.Isp, RenameOrganizationToCountryCode);
        try
        {
            using var tracer = Tracers.Create(country: path);

            var trace = await tracer.TraceAsync(IPAddress.Parse("81.2.69.160"), Ct);

            Assert.Equal("STONEHOUSE office network", trace.CountryCode);
            Assert.Null(trace.RegisteredCountryCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> PatchedCopyAsync(string source, Func<byte[], byte[]> patch)
    {
        var path = Path.Combine(Path.GetTempPath(), $"clearline-geoip-{Guid.NewGuid():N}.mmdb");
        await File.WriteAllBytesAsync(path, patch(await File.ReadAllBytesAsync(source, Ct)), Ct);
        return path;
    }

    /// <summary>
    /// The test databases are all IPv6 and no MMDB writer is at hand, so the metadata's <c>ip_version</c> (an
    /// unsigned 16-bit value 6, encoded <c>A1 06</c> after the key) is rewritten to 4.
    /// </summary>
    private static byte[] MarkIPv4Only(byte[] database)
    {
        var key = "\u004aip_version"u8;   // control byte: UTF-8 string of 10 bytes
        var at = database.AsSpan().LastIndexOf(key) + key.Length;
        Assert.True(database[at] == 0xA1 && database[at + 1] == 6, "ip_version 6 expected in the metadata");
        database[at + 1] = 4;
        return database;
    }

    /// <summary>
    /// No flat-schema (ip-location-db) test database exists, so the ISP database's top-level string key
    /// <c>organization</c> is renamed in place to <c>country_code</c>, which has the same length: its records then
    /// carry a flat <c>country_code</c> string.
    /// </summary>
    private static byte[] RenameOrganizationToCountryCode(byte[] database)
    {
        var from = "\u004corganization"u8;   // control byte: UTF-8 string of 12 bytes
        var to = "\u004ccountry_code"u8;
        var renamed = 0;
        for (var at = database.AsSpan().IndexOf(from); at >= 0; at = database.AsSpan().IndexOf(from))
        {
            to.CopyTo(database.AsSpan(at));
            renamed++;
        }

        Assert.True(renamed > 0, "the key organization expected in the data section");
        return database;
    }
}
