using MaxMind.Db;

namespace Clearline.Hosting;

/// <summary>
/// A country record in either schema: flat ip-location-db (<c>country_code</c>) or nested GeoIP2/GeoLite2
/// (<c>country.iso_code</c>, <c>registered_country.iso_code</c>). Keys that are not mapped (names, continent,
/// traits) are skipped by the reader, so lookups decode only what the trace keeps.
/// </summary>
internal sealed class CountryRecord
{
    [MapKey("country_code")]
    public string? FlatCountryCode { get; init; }

    [MapKey("country")]
    public IsoCodeRecord? Country { get; init; }

    [MapKey("registered_country")]
    public IsoCodeRecord? RegisteredCountry { get; init; }

    /// <summary>Where the address is located (GeoIP2) or registered (ip-location-db); null for anycast-only or continent-only records.</summary>
    public string? CountryCode => FlatCountryCode ?? Country?.IsoCode;

    public string? RegisteredCountryCode => RegisteredCountry?.IsoCode;
}

/// <summary>The <c>iso_code</c> of a GeoIP2 country object.</summary>
internal sealed class IsoCodeRecord
{
    [MapKey("iso_code")]
    public string? IsoCode { get; init; }
}

/// <summary>
/// A network record of a GeoLite2-ASN or GeoIP2-ISP database; every key may be missing (the ISP database has
/// records with an ISP name but no AS number).
/// </summary>
internal sealed class NetworkRecord
{
    [MapKey("autonomous_system_number")]
    public long? AutonomousSystemNumber { get; init; }

    [MapKey("autonomous_system_organization")]
    public string? AutonomousSystemOrganization { get; init; }

    [MapKey("organization")]
    public string? Organization { get; init; }

    [MapKey("isp")]
    public string? Isp { get; init; }

    /// <summary>The AS holder's name when known, else the organisation using the network, else its provider.</summary>
    public string? Organisation => AutonomousSystemOrganization ?? Organization ?? Isp;
}
