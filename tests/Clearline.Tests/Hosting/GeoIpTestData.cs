namespace Clearline.Tests.Hosting;

/// <summary>MaxMind's fake test databases, in <c>tests/testdata/geoip</c> (see its README and licence).</summary>
internal static class GeoIpTestData
{
    public static string Country => TestDataFolder.Combine("geoip", "GeoIP2-Country-Test.mmdb");

    public static string LiteCountry => TestDataFolder.Combine("geoip", "GeoLite2-Country-Test.mmdb");

    public static string Asn => TestDataFolder.Combine("geoip", "GeoLite2-ASN-Test.mmdb");

    public static string Isp => TestDataFolder.Combine("geoip", "GeoIP2-ISP-Test.mmdb");
}
