using System.Net;

namespace Clearline.Hosting;

/// <summary>
/// Where one address of a content URL is hosted: the facts a hotline needs to route a report to the hosting
/// country and to send a notice to the network.
/// </summary>
/// <param name="Address">The address as resolved (an IPv4-mapped IPv6 address stays as given; lookups use the IPv4 inside).</param>
/// <param name="SpecialPurpose">Not a public address (loopback, private, documentation...): nothing else was looked up.</param>
/// <param name="CountryCode">ISO 3166 alpha-2 country of the address: the measured location (GeoIP2) or the registration (ip-location-db).</param>
/// <param name="RegisteredCountryCode">The country where the network is registered, when the database says so separately (GeoIP2).</param>
/// <param name="Asn">The autonomous system announcing the address.</param>
/// <param name="NetworkOrganisation">Who holds the network: the AS organisation, else the organisation or ISP name.</param>
/// <param name="IsCdn">The network is a known CDN or reverse proxy (<see cref="HostingOptions.CdnAsns"/>): the origin is elsewhere.</param>
/// <param name="ReverseDns">The address's reverse DNS (PTR) name, when there is one.</param>
public sealed record HostingTrace(
    IPAddress Address,
    bool SpecialPurpose,
    string? CountryCode,
    string? RegisteredCountryCode,
    long? Asn,
    string? NetworkOrganisation,
    bool IsCdn,
    string? ReverseDns);
