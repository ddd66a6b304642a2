namespace Clearline.Tests.HostingTrace;

/// <summary>The fake MaxMind test databases in <c>../shared/testdata/geoip</c> beside the repository root.</summary>
internal static class GeoIpTestData
{
    private static readonly Lazy<string> _folder = new(Locate);

    public static string Country => Path.Combine(_folder.Value, "GeoIP2-Country-Test.mmdb");

    public static string LiteCountry => Path.Combine(_folder.Value, "GeoLite2-Country-Test.mmdb");

    public static string Asn => Path.Combine(_folder.Value, "GeoLite2-ASN-Test.mmdb");

    public static string Isp => Path.Combine(_folder.Value, "GeoIP2-ISP-Test.mmdb");

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearline.slnx")))
            {
                var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata", "geoip"));
                return Directory.Exists(folder)
                    ? folder
                    : throw new DirectoryNotFoundException($"GeoIP test databases expected in {folder} (shared/ beside the repository)");
            }
        }

        throw new DirectoryNotFoundException("Clearline.slnx not found above " + AppContext.BaseDirectory);
    }
}
