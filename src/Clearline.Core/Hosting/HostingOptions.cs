using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Hosting;

/// <summary>Where the hosting trace finds its IP databases, and which networks count as CDNs (section <c>Hosting</c>).</summary>
/// <remarks>
/// Without databases the trace still runs: country, ASN and organisation are simply unknown. A path that is
/// configured but missing or unreadable stops the start, because a silent fallback to "unknown" would misroute
/// every report.
/// </remarks>
public sealed class HostingOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Hosting";

    /// <summary>
    /// A MaxMind-format (<c>.mmdb</c>) country database: ip-location-db (<c>country_code</c>) or GeoIP2/GeoLite2
    /// Country (<c>country.iso_code</c>). Relative to the working directory. Unset: the database <c>clearline geoip update</c> installed in <c>&lt;data&gt;/geoip/</c>, else country unknown.
    /// </summary>
    public string? CountryDatabasePath { get; set; }

    /// <summary>
    /// The npm registry <c>clearline geoip update</c> downloads the ip-location-db country database from (its
    /// <c>--registry</c> option overrides it). The database it installs in <c>&lt;data&gt;/geoip/</c> is used when
    /// <see cref="CountryDatabasePath"/> is unset.
    /// </summary>
    public string PackageRegistry { get; set; } = "https://registry.npmjs.org";

    /// <summary>A country database older than this (by its build date) is reported with a warning at start.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan CountryDatabaseWarnAge { get; set; } = TimeSpan.FromDays(60);

    /// <summary>A MaxMind-format ASN database (GeoLite2-ASN or GeoIP2-ISP schema). Unset: ASN and organisation unknown.</summary>
    public string? AsnDatabasePath { get; set; }

    /// <summary>
    /// Autonomous systems whose addresses are content delivery networks or reverse proxies: the address found is
    /// an edge, not the origin, so such a trace needs a follow-up with the CDN. Configured numbers are added to
    /// this list.
    /// </summary>
    public IList<long> CdnAsns { get; } =
    [
        13335,  // Cloudflare
        20940,  // Akamai International
        16625,  // Akamai Technologies
        32787,  // Akamai (Prolexic)
        54113,  // Fastly
        16509,  // Amazon (CloudFront and AWS)
        15169,  // Google
        396982, // Google Cloud
        8075,   // Microsoft (Azure Front Door, Azure CDN)
        15133,  // Edgecast (Edgio)
        22822,  // Limelight (Edgio)
        20446,  // Highwinds (StackPath)
        60068,  // CDN77
        19551,  // Imperva Incapsula
        199524, // G-Core Labs
        30148,  // Sucuri
    ];

    /// <summary>
    /// Networks whose hosting the operator declares, checked before the databases: the most specific one that holds
    /// an address (the longest prefix; among equal ones the first listed) decides its country and organisation, so a
    /// single address can be declared apart from its network. See <see cref="DeclaredNetwork"/>.
    /// </summary>
    public IList<DeclaredNetwork> Networks { get; } = [];

    /// <summary>Whether addresses are looked up in reverse DNS (PTR).</summary>
    public bool ReverseDns { get; set; } = true;

    /// <summary>Longest wait for one reverse DNS answer; after it the name is recorded as unknown.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan ReverseDnsTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IpDatabase.Problem(CountryDatabasePath) is { } country)
        {
            yield return new ValidationResult(country, [nameof(CountryDatabasePath)]);
        }

        if (IpDatabase.Problem(AsnDatabasePath) is { } asn)
        {
            yield return new ValidationResult(asn, [nameof(AsnDatabasePath)]);
        }

        if (!Uri.TryCreate(PackageRegistry, UriKind.Absolute, out var registry) || registry.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("must be the http(s) URL of an npm registry, such as https://registry.npmjs.org", [nameof(PackageRegistry)]);
        }

        for (var i = 0; i < Networks.Count; i++)
        {
            if (Networks[i].Parsed() is null)
            {
                yield return new ValidationResult("must be a network in CIDR form, such as 192.0.2.0/24", [$"{nameof(Networks)}:{i}:{nameof(DeclaredNetwork.Network)}"]);
            }

            if (!Networks[i].HasValidCountry())
            {
                yield return new ValidationResult("must be an ISO 3166 alpha-2 country code in capitals, such as DE", [$"{nameof(Networks)}:{i}:{nameof(DeclaredNetwork.Country)}"]);
            }
        }

        for (var i = 0; i < CdnAsns.Count; i++)
        {
            if (CdnAsns[i] is <= 0 or > uint.MaxValue)
            {
                yield return new ValidationResult("must be an AS number between 1 and 4294967295", [$"{nameof(CdnAsns)}:{i}"]);
            }
        }
    }
}
