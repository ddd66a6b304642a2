using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Clearline.Tests.Crawling.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Clearline.Tests.Hosting;

/// <summary>
/// A local npm registry on 127.0.0.1 serving one package, <c>@ip-location-db/geo-whois-asn-country-mmdb</c>: its
/// metadata (as npm's, or whatever a test sets) and a tarball the test builds. Counts the tarball downloads.
/// </summary>
internal sealed class GeoIpUpdateRegistry : IAsyncDisposable
{
    private readonly LocalSite _site;

    private GeoIpUpdateRegistry(LocalSite site) => _site = site;

    public Uri BaseUrl => _site.BaseUrl;

    /// <summary>The metadata served; null serves <see cref="Metadata"/> for <see cref="Version"/> and <see cref="Tarball"/>.</summary>
    public string? RawMetadata { get; set; }

    public string Version { get; set; } = "2.3.2026120100";

    /// <summary>The tarball served.</summary>
    public byte[] Tarball { get; set; } = [];

    /// <summary>The integrity the metadata gives; null: the tarball's true sha512. Empty: none given.</summary>
    public string? Integrity { get; set; }

    public int MetadataRequests { get; private set; }

    public Uri TarballUrl => new(BaseUrl, $"@ip-location-db/geo-whois-asn-country-mmdb/-/geo-whois-asn-country-mmdb-{Version}.tgz");

    public static async Task<GeoIpUpdateRegistry> StartAsync()
    {
        GeoIpUpdateRegistry? registry = null;
        var site = await LocalSite.StartAsync(app => app.Run(context => registry!.AnswerAsync(context)));
        registry = new GeoIpUpdateRegistry(site);
        return registry;
    }

    /// <summary>A gzip'd tar of <paramref name="files"/> (path in the tarball, bytes), as <c>npm pack</c> makes.</summary>
    public static byte[] Pack(params (string Name, byte[] Bytes)[] files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The package as published: package.json and the combined database (one of the test databases).</summary>
    public static byte[] PackageWith(string databasePath, string entry = "package/geo-whois-asn-country.mmdb") =>
        Pack(("package/package.json", """{"name":"@ip-location-db/geo-whois-asn-country-mmdb","license":"CC0-1.0"}"""u8.ToArray()),
            (entry, File.ReadAllBytes(databasePath)));

    public static string Sri(byte[] bytes) => "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes));

    public string Metadata()
    {
        var dist = new Dictionary<string, object?> { ["tarball"] = TarballUrl.AbsoluteUri, ["shasum"] = "0" };
        if (Integrity is not "")
        {
            dist["integrity"] = Integrity ?? Sri(Tarball);
        }

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = "@ip-location-db/geo-whois-asn-country-mmdb",
            ["dist-tags"] = new { latest = Version },
            ["versions"] = new Dictionary<string, object>
            {
                ["1.0.0"] = new { name = "@ip-location-db/geo-whois-asn-country-mmdb", version = "1.0.0", dist = new { tarball = "http://127.0.0.1:9/old.tgz" } },
                [Version] = new { name = "@ip-location-db/geo-whois-asn-country-mmdb", version = Version, license = "CC0-1.0", dist },
            },
        });
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.EndsWith(".tgz", StringComparison.Ordinal))
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(Tarball, context.RequestAborted);
            return;
        }

        if (path is "/@ip-location-db%2Fgeo-whois-asn-country-mmdb" or "/@ip-location-db%2fgeo-whois-asn-country-mmdb")
        {
            MetadataRequests++;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(RawMetadata ?? Metadata(), context.RequestAborted);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
