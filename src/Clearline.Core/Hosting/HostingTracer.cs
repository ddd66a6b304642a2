using System.Collections.Frozen;
using System.Net;
using Clearline.Crawling;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Hosting;

/// <summary>
/// Traces where an address of a content URL is hosted: country, network, CDN and reverse DNS. One instance per
/// process (it holds the memory-mapped databases); safe to call from many crawls at once.
/// </summary>
/// <remarks>
/// Special-purpose addresses (loopback, private, link-local, documentation...) are never looked up, neither in
/// the databases, which answer nonsense for some of them, nor in DNS, which would tell a resolver what the
/// crawler saw inside a private network.
/// </remarks>
public sealed class HostingTracer : IDisposable
{
    private const int ReverseDnsCacheEntries = 10_000;
    private static readonly TimeSpan ReverseDnsCacheLifetime = TimeSpan.FromMinutes(10);

    private readonly HostingOptions _options;
    private readonly IReverseDnsResolver _reverseDns;
    private readonly IpDatabase? _countries;
    private readonly IpDatabase? _networks;
    private readonly InstalledCountryDatabase? _installed;
    private readonly string? _installedPath;
    private readonly FrozenSet<long> _cdnAsns;
    private readonly (IPNetwork Network, DeclaredNetwork Declared)[] _declared;
    private readonly MemoryCache _reverseDnsCache = new(new MemoryCacheOptions { SizeLimit = ReverseDnsCacheEntries });

    /// <param name="options">The <c>Hosting</c> settings.</param>
    /// <param name="reverseDns">Answers PTR lookups.</param>
    /// <param name="logger">Says at start which databases are in use and how old they are.</param>
    /// <param name="data">
    /// The data directory, whose <c>geoip/</c> folder holds the country database <c>clearline geoip update</c>
    /// installed: used when <see cref="HostingOptions.CountryDatabasePath"/> is unset. Null: only the configured one.
    /// </param>
    /// <param name="time">The clock the databases' age is measured on.</param>
    /// <exception cref="InvalidOperationException">A configured database is missing or not a MaxMind DB; the message names the setting.</exception>
    public HostingTracer(
        IOptions<HostingOptions> options, IReverseDnsResolver reverseDns, ILogger<HostingTracer> logger,
        Configuration.DataDirectory? data = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _reverseDns = reverseDns;
        _cdnAsns = _options.CdnAsns.ToFrozenSet();
        // The most specific declaration wins (a /32 inside a declared /8), whatever order the configuration lists them
        // in: keys of a configuration section are not ordered as written. OrderByDescending is stable, so among equally
        // specific networks the first listed wins.
        _declared = [.. _options.Networks
            .Select(n => (Network: n.Parsed() ?? throw new InvalidOperationException($"{HostingOptions.Section}:{nameof(HostingOptions.Networks)}: '{n.Network}' is not a network in CIDR form"), Declared: n))
            .OrderByDescending(d => d.Network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? d.Network.PrefixLength + 96 : d.Network.PrefixLength)];
        var installed = string.IsNullOrWhiteSpace(_options.CountryDatabasePath) && data is not null && File.Exists(InstalledCountryDatabase.DatabasePath(data))
            ? InstalledCountryDatabase.DatabasePath(data)
            : null;
        _countries = installed is null
            ? IpDatabase.Open(_options.CountryDatabasePath, $"{HostingOptions.Section}:{nameof(HostingOptions.CountryDatabasePath)}")
            : IpDatabase.Open(installed, $"the country database installed by `clearline geoip update` ({installed}); run the update again, or set {HostingOptions.Section}:{nameof(HostingOptions.CountryDatabasePath)}");
        _installed = installed is null ? null : InstalledCountryDatabase.Read(data!);
        _installedPath = installed;
        try
        {
            _networks = IpDatabase.Open(_options.AsnDatabasePath, $"{HostingOptions.Section}:{nameof(HostingOptions.AsnDatabasePath)}");
        }
        catch
        {
            Dispose();
            throw;
        }

        LogDatabases(logger, (time ?? TimeProvider.System).GetUtcNow());
    }

    /// <summary>Whether a country database is open; without one every country is unknown.</summary>
    public bool HasCountryDatabase => _countries is not null;

    /// <summary>Whether an ASN database is open; without one AS numbers, organisations and the CDN flag are unknown.</summary>
    public bool HasAsnDatabase => _networks is not null;

    /// <summary>The country database, to store with traces as their source.</summary>
    public HostingDatabaseInfo? CountryDatabase => _countries?.Info;

    /// <summary>
    /// Where the country database in use came from: <c>configured</c> (<see cref="HostingOptions.CountryDatabasePath"/>),
    /// <c>installed</c> (by <c>clearline geoip update</c>), or <c>none</c>.
    /// </summary>
    public string CountryDatabaseSource => _countries is null ? "none" : _installedPath is null ? "configured" : "installed";

    /// <summary>The ASN database, to store with traces as their source.</summary>
    public HostingDatabaseInfo? AsnDatabase => _networks?.Info;

    /// <summary>Traces one address. Databases are read in place; the reverse DNS answer is cached for ten minutes.</summary>
    public async Task<HostingTrace> TraceAsync(IPAddress address, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(address);
        ct.ThrowIfCancellationRequested();
        var lookup = SpecialPurposeAddresses.Unwrap(address);
        var specialPurpose = SpecialPurposeAddresses.Contains(address);
        if (Array.Find(_declared, d => d.Network.Contains(lookup)).Declared is { } declared)
        {
            var name = !specialPurpose && _options.ReverseDns ? await CachedReverseLookupAsync(lookup).WaitAsync(ct) : null;
            return new HostingTrace(address, SpecialPurpose: false, declared.Country, null, null, declared.Organisation, IsCdn: false, name);
        }

        if (specialPurpose)
        {
            return new HostingTrace(address, SpecialPurpose: true, null, null, null, null, IsCdn: false, null);
        }

        var country = _countries?.Find<CountryRecord>(lookup);
        var network = _networks?.Find<NetworkRecord>(lookup);
        var asn = network?.AutonomousSystemNumber;
        var reverseDns = _options.ReverseDns ? await CachedReverseLookupAsync(lookup).WaitAsync(ct) : null;
        return new HostingTrace(address, SpecialPurpose: false, country?.CountryCode, country?.RegisteredCountryCode,
            asn, network?.Organisation, IsCdn: asn is { } number && _cdnAsns.Contains(number), reverseDns);
    }

    public void Dispose()
    {
        _countries?.Dispose();
        _networks?.Dispose();
        _reverseDnsCache.Dispose();
    }

    /// <summary>
    /// One lookup per address shared by every caller for a while: a crawl traces thousands of URLs on a handful
    /// of hosts. Failures are cached too, so a silent resolver costs one timeout per address, not one per URL.
    /// </summary>
    private Task<string?> CachedReverseLookupAsync(IPAddress address) =>
        _reverseDnsCache.GetOrCreate(address, entry =>
        {
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = ReverseDnsCacheLifetime;
            return ReverseLookupAsync(address);
        })!;

    private async Task<string?> ReverseLookupAsync(IPAddress address)
    {
        using var timeout = new CancellationTokenSource(_options.ReverseDnsTimeout);
        try
        {
            return await _reverseDns.ReverseLookupAsync(address, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }

    private void LogDatabases(ILogger logger, DateTimeOffset now)
    {
        if (_countries is null)
        {
            logger.LogWarning(
                "hosting country unknown: no database configured or installed, so every route is orphaned. Run `clearline geoip update` to install ip-location-db's country database, or set {Setting} (see README, Hosting data)",
                $"{HostingOptions.Section}:{nameof(HostingOptions.CountryDatabasePath)}");
        }
        else
        {
            var age = (int)Math.Floor((now - _countries.Info.BuildDate).TotalDays);
            if (_installedPath is null)
            {
                logger.LogInformation("Hosting country database: {Path} (configured in {Setting}), {DatabaseType} built {BuildDate:yyyy-MM-dd}, {Age} days old",
                    _options.CountryDatabasePath, $"{HostingOptions.Section}:{nameof(HostingOptions.CountryDatabasePath)}", _countries.Info.DatabaseType, _countries.Info.BuildDate, age);
            }
            else
            {
                logger.LogInformation("Hosting country database: ip-location-db {Version} installed by `clearline geoip update` in {Path}, {DatabaseType} built {BuildDate:yyyy-MM-dd}, {Age} days old. {Attribution}",
                    _installed?.Version ?? "(version not recorded)", _installedPath, _countries.Info.DatabaseType, _countries.Info.BuildDate, age,
                    _installed?.Attribution ?? CountryDatabaseUpdater.Attribution);
            }

            if (now - _countries.Info.BuildDate > _options.CountryDatabaseWarnAge)
            {
                logger.LogWarning("Hosting country database is {Age} days old (built {BuildDate:yyyy-MM-dd}); hosting moves, so countries drift. {Advice}",
                    age, _countries.Info.BuildDate, _installedPath is null
                        ? $"Replace the file configured in {HostingOptions.Section}:{nameof(HostingOptions.CountryDatabasePath)} with a newer one"
                        : "Run `clearline geoip update` and restart");
            }
        }

        if (_networks is null)
        {
            logger.LogInformation("Hosting network unknown: no ASN database configured (set {Setting})",
                $"{HostingOptions.Section}:{nameof(HostingOptions.AsnDatabasePath)}");
        }
        else
        {
            logger.LogInformation("Hosting ASN database {DatabaseType} built {BuildDate:yyyy-MM-dd}",
                _networks.Info.DatabaseType, _networks.Info.BuildDate);
        }
    }
}
