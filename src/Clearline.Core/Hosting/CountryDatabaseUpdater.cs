using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Clearline.Configuration;
using MaxMind.Db;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Hosting;

/// <summary>
/// The package refuses to install: its integrity is missing, unsupported or does not match, or the tarball holds
/// no usable country database. Nothing was installed; the previous database is still in place.
/// </summary>
public sealed record CountryDatabaseRefused(string Message) : RefusedError(Message);

/// <summary>
/// <c>clearline geoip update</c>: installs the latest CC0 ip-location-db country database
/// (<see cref="PackageName"/>) from an npm registry into <c>&lt;data&gt;/geoip/</c>.
/// </summary>
/// <remarks>
/// Reads the registry's metadata, takes <c>dist-tags.latest</c>'s tarball and <c>sha512</c> integrity, streams the
/// tarball to a temporary file (bounded) while hashing it, refuses it unless the hash matches, extracts the
/// <c>.mmdb</c> from the gzip'd tar, checks it opens as a MaxMind DB with country records, and only then renames
/// it over the installed file, with a record of its version, build date, source, licence and attribution beside
/// it. Any failure leaves the installed database as it was. A running <c>serve</c> keeps the file it mapped until
/// it restarts.
/// </remarks>
public sealed class CountryDatabaseUpdater(DataDirectory data, IOptions<HostingOptions> options, TimeProvider time, ILogger<CountryDatabaseUpdater> logger)
{
    /// <summary>The npm package installed.</summary>
    public const string PackageName = "@ip-location-db/geo-whois-asn-country-mmdb";

    /// <summary>The licence of the package when the registry does not say.</summary>
    public const string DefaultLicence = "CC0-1.0";

    /// <summary>The attribution the package's WHOIS data asks for (NRO data, CC BY 4.0).</summary>
    public const string Attribution =
        "ip-location-db geo-whois-asn-country (https://github.com/sapics/ip-location-db), CC0-1.0. " +
        "Contains data from the Number Resource Organization (nro.net), CC BY 4.0.";

    /// <summary>The registry metadata read at most (the full document of a package with many versions is large).</summary>
    public const long MaxMetadataBytes = 64L * 1024 * 1024;

    /// <summary>The tarball downloaded at most.</summary>
    public const long MaxTarballBytes = 256L * 1024 * 1024;

    /// <summary>The database extracted at most.</summary>
    public const long MaxDatabaseBytes = 512L * 1024 * 1024;

    private const string PreferredEntry = "geo-whois-asn-country.mmdb";
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(10);

    /// <summary>Downloads, verifies and installs the latest database; <paramref name="registry"/> overrides <see cref="HostingOptions.PackageRegistry"/>.</summary>
    public async Task<Result<InstalledCountryDatabase>> UpdateAsync(string? registry, CancellationToken ct)
    {
        var registryText = string.IsNullOrWhiteSpace(registry) ? options.Value.PackageRegistry : registry.Trim();
        if (!Uri.TryCreate(registryText, UriKind.Absolute, out var registryUri) || registryUri.Scheme is not ("http" or "https"))
        {
            return new InvalidError("registry", $"'{registryText}' is not an http(s) URL of an npm registry, such as https://registry.npmjs.org.");
        }

        var folder = InstalledCountryDatabase.Folder(data);
        Directory.CreateDirectory(folder);
        var stamp = Guid.NewGuid().ToString("N");
        var tarballPath = Path.Combine(folder, $".download-{stamp}.tgz");
        var databaseTemp = Path.Combine(folder, $".{InstalledCountryDatabase.DatabaseFileName}.{stamp}.tmp");
        var recordTemp = Path.Combine(folder, $".{InstalledCountryDatabase.RecordFileName}.{stamp}.tmp");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            MaxAutomaticRedirections = 5,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Clearline", "1"));
        try
        {
            var metadataUrl = new Uri($"{registryUri.AbsoluteUri.TrimEnd('/')}/{PackageName.Replace("/", "%2F", StringComparison.Ordinal)}");
            var package = await ReadMetadataAsync(http, metadataUrl, timeout.Token);
            if (!package.IsSuccess)
            {
                return package.Error;
            }

            var (version, tarball, integrity, licence) = package.Value;
            var downloaded = await DownloadAsync(http, tarball, tarballPath, integrity, timeout.Token);
            if (downloaded is not null)
            {
                return downloaded;
            }

            var entry = await ExtractAsync(tarballPath, databaseTemp, timeout.Token);
            if (!entry.IsSuccess)
            {
                return entry.Error;
            }

            var info = Check(databaseTemp, entry.Value);
            if (!info.IsSuccess)
            {
                return info.Error;
            }

            var installed = new InstalledCountryDatabase(PackageName, version, entry.Value, info.Value.DatabaseType, info.Value.BuildDate,
                tarball.AbsoluteUri, integrity, licence, Attribution, time.GetUtcNow());
            await File.WriteAllTextAsync(recordTemp, JsonSerializer.Serialize(installed, InstalledCountryDatabase.Json), timeout.Token);

            // Rename over the old files: a reader sees the old database or the new one, never half of one.
            File.Move(databaseTemp, InstalledCountryDatabase.DatabasePath(data), overwrite: true);
            File.Move(recordTemp, Path.Combine(folder, InstalledCountryDatabase.RecordFileName), overwrite: true);
            logger.LogInformation("Installed {Package} {Version} ({DatabaseType}, built {BuildDate:yyyy-MM-dd}) in {Folder}",
                PackageName, version, installed.DatabaseType, installed.BuildDate, folder);
            return installed;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new InvalidError("registry", $"The download from {registryText} did not finish within {_timeout.TotalMinutes:0} minutes; try again later.");
        }
        finally
        {
            Delete(tarballPath);
            Delete(databaseTemp);
            Delete(recordTemp);
        }
    }

    private static async Task<Result<(string Version, Uri Tarball, string Integrity, string Licence)>> ReadMetadataAsync(
        HttpClient http, Uri url, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                return new InvalidError("registry", $"The registry answered {(int)response.StatusCode} for {url}; check the registry URL (--registry or Hosting:PackageRegistry).");
            }

            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new MemoryStream();
            if (!await CopyBoundedAsync(body, buffer, MaxMetadataBytes, null, ct))
            {
                return new TooLargeError($"The registry's metadata for {PackageName} is larger than {MaxMetadataBytes / (1024 * 1024)} MiB; refused.");
            }

            buffer.Position = 0;
            document = await JsonDocument.ParseAsync(buffer, cancellationToken: ct);
        }
        catch (HttpRequestException ex)
        {
            return new InvalidError("registry", $"Cannot reach the registry at {url.GetLeftPart(UriPartial.Authority)} ({ex.Message}); check the network and the registry URL (--registry or Hosting:PackageRegistry).");
        }
        catch (JsonException)
        {
            return new InvalidError("registry", $"The registry's answer for {PackageName} is not JSON package metadata; check the registry URL.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("dist-tags", out var tags) || tags.ValueKind != JsonValueKind.Object
                || !tags.TryGetProperty("latest", out var latest) || latest.ValueKind != JsonValueKind.String
                || latest.GetString() is not { Length: > 0 } version)
            {
                return new InvalidError("registry", $"The registry's metadata for {PackageName} has no dist-tags.latest version.");
            }

            if (!root.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Object
                || !versions.TryGetProperty(version, out var release) || release.ValueKind != JsonValueKind.Object
                || !release.TryGetProperty("dist", out var dist) || dist.ValueKind != JsonValueKind.Object)
            {
                return new InvalidError("registry", $"The registry's metadata for {PackageName} has no dist for its latest version {version}.");
            }

            if (!dist.TryGetProperty("tarball", out var tarballText) || tarballText.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(tarballText.GetString(), UriKind.Absolute, out var tarball) || tarball.Scheme is not ("http" or "https"))
            {
                return new InvalidError("registry", $"The registry's metadata for {PackageName} {version} has no http(s) tarball URL.");
            }

            if (!dist.TryGetProperty("integrity", out var integrity) || integrity.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(integrity.GetString()))
            {
                return new CountryDatabaseRefused($"The registry gives no integrity hash for {PackageName} {version}; without one the download cannot be verified, so nothing was installed.");
            }

            var licence = release.TryGetProperty("license", out var license) && license.ValueKind == JsonValueKind.String && license.GetString() is { Length: > 0 and <= 100 } named
                ? named
                : DefaultLicence;
            return (version, tarball, integrity.GetString()!.Trim(), licence);
        }
    }

    /// <summary>Streams the tarball to <paramref name="path"/> (bounded), hashing it; null when it matches the integrity.</summary>
    private static async Task<Error?> DownloadAsync(HttpClient http, Uri tarball, string path, string integrity, CancellationToken ct)
    {
        // SRI: space-separated "algorithm-base64" entries; sha512 is what npm publishes, and the only one accepted.
        var expected = integrity.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(e => e.StartsWith("sha512-", StringComparison.Ordinal))
            .Select(e => Sha512(e["sha512-".Length..]))
            .ToList();
        if (expected.Count == 0 || expected.Any(e => e is null))
        {
            return new CountryDatabaseRefused($"The package's integrity '{Shorten(integrity)}' is not a sha512 hash (sha512-<base64>); only sha512 is accepted, so nothing was installed.");
        }

        try
        {
            using var response = await http.GetAsync(tarball, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                return new InvalidError("registry", $"The tarball {tarball} answered {(int)response.StatusCode}; try again later.");
            }

            if (response.Content.Headers.ContentLength > MaxTarballBytes)
            {
                return new TooLargeError($"The tarball is larger than {MaxTarballBytes / (1024 * 1024)} MiB; refused.");
            }

            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
            await using (var body = await response.Content.ReadAsStreamAsync(ct))
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                if (!await CopyBoundedAsync(body, file, MaxTarballBytes, sha, ct))
                {
                    return new TooLargeError($"The tarball is larger than {MaxTarballBytes / (1024 * 1024)} MiB; refused.");
                }
            }

            var actual = sha.GetHashAndReset();
            return expected.Any(e => CryptographicOperations.FixedTimeEquals(e, actual))
                ? null
                : new CountryDatabaseRefused($"The downloaded tarball's sha512 (sha512-{Convert.ToBase64String(actual)}) does not match the registry's integrity; nothing was installed. Try again; if it persists, the registry or a proxy serves a different file.");
        }
        catch (HttpRequestException ex)
        {
            return new InvalidError("registry", $"Cannot download the tarball {tarball} ({ex.Message}); check the network.");
        }
    }

    /// <summary>Extracts the package's <c>.mmdb</c> to <paramref name="target"/>; answers its path in the tarball.</summary>
    private static async Task<Result<string>> ExtractAsync(string tarballPath, string target, CancellationToken ct)
    {
        try
        {
            // First pass: the names. Every entry must be a plain relative path, or the package is refused.
            var candidates = new List<string>();
            await using (var tar = OpenTar(tarballPath))
            {
                while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
                {
                    if (!IsSafe(entry.Name))
                    {
                        return new CountryDatabaseRefused($"The tarball holds an entry with an unsafe path ('{Shorten(entry.Name)}'); nothing was installed.");
                    }

                    if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                        && entry.Name.EndsWith(".mmdb", StringComparison.OrdinalIgnoreCase))
                    {
                        candidates.Add(entry.Name);
                    }
                }
            }

            if (Choose(candidates) is not { } chosen)
            {
                return new CountryDatabaseRefused(candidates.Count == 0
                    ? "The tarball holds no .mmdb database file; nothing was installed."
                    : $"The tarball holds several .mmdb files ({string.Join(", ", candidates)}) and none is {PreferredEntry}; nothing was installed.");
            }

            await using (var tar = OpenTar(tarballPath))
            {
                while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
                {
                    if (entry.Name != chosen || entry.DataStream is null)
                    {
                        continue;
                    }

                    if (entry.Length > MaxDatabaseBytes)
                    {
                        return new TooLargeError($"The database in the tarball is larger than {MaxDatabaseBytes / (1024 * 1024)} MiB; refused.");
                    }

                    await using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    await CopyBoundedAsync(entry.DataStream, file, MaxDatabaseBytes, null, ct);
                    return chosen;
                }
            }

            return new CountryDatabaseRefused("The tarball's database file could not be read; nothing was installed.");
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            return new CountryDatabaseRefused($"The package is not a readable gzip'd tar ({ex.Message}); nothing was installed.");
        }
    }

    /// <summary>Opens the candidate as a MaxMind DB and checks it holds country records.</summary>
    private static Result<HostingDatabaseInfo> Check(string path, string entry)
    {
        try
        {
            using var reader = new Reader(path, FileAccessMode.Memory);
            var info = new HostingDatabaseInfo(reader.Metadata.DatabaseType,
                new DateTimeOffset(DateTime.SpecifyKind(reader.Metadata.BuildDate, DateTimeKind.Utc)));
            var hasCountries = reader.FindAll<CountryRecord>().Take(10_000).Any(n => n.Data?.CountryCode is { Length: 2 });
            return hasCountries
                ? info
                : new CountryDatabaseRefused($"{entry} is a MaxMind DB ({info.DatabaseType}) without country records; nothing was installed.");
        }
        catch (Exception ex) when (ex is InvalidDatabaseException or IOException or ArgumentException or InvalidCastException or DeserializationException)
        {
            return new CountryDatabaseRefused($"{entry} is not a MaxMind DB (.mmdb) country database ({ex.Message}); nothing was installed.");
        }
    }

    /// <summary>The combined database when the package has several (it ships -ipv4 and -ipv6 files too), else the only one.</summary>
    private static string? Choose(List<string> candidates) =>
        candidates.FirstOrDefault(c => Path.GetFileName(c) == PreferredEntry)
        ?? (candidates.Count == 1 ? candidates[0] : null);

    private static bool IsSafe(string name) =>
        name.Length is > 0 and <= 1024
        && !name.Contains('\\', StringComparison.Ordinal)
        && !name.Contains('\0', StringComparison.Ordinal)
        && !name.StartsWith('/')
        && !Path.IsPathRooted(name)
        && name.Split('/').All(part => part is not ("..") && !part.Contains(':', StringComparison.Ordinal));

    /// <summary>The tar inside the gzip'd tarball; disposing the reader closes the file.</summary>
    private static TarReader OpenTar(string path) =>
        new(new GZipStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), CompressionMode.Decompress));

    /// <summary>Copies at most <paramref name="limit"/> bytes; false when the source has more.</summary>
    private static async Task<bool> CopyBoundedAsync(Stream source, Stream target, long limit, IncrementalHash? hash, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return false;
            }

            hash?.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return true;
    }

    private static byte[]? Sha512(string base64)
    {
        var bytes = new byte[64];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 64 ? bytes : null;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temporary file left behind is harmless; the next update uses new names.
        }
    }
}
