using System.Net;

namespace Clearline.Hosting;

/// <summary>
/// An operator's statement of where a network is hosted (<c>Hosting:Networks</c>), taking precedence over the
/// GeoIP databases.
/// </summary>
/// <remarks>
/// Two uses: correcting a network a database is known to place wrongly (a hotline that knows better than the
/// vendor), and lab or demo sites on private or loopback addresses, which no database can place. A declared
/// network is never sent to reverse DNS when its addresses are special-purpose: what the crawler saw inside a
/// private network stays private.
/// </remarks>
public sealed class DeclaredNetwork
{
    /// <summary>The network in CIDR form, such as <c>192.0.2.0/24</c>.</summary>
    public string Network { get; set; } = "";

    /// <summary>ISO 3166 alpha-2 country where the network is hosted, such as <c>DE</c>.</summary>
    public string Country { get; set; } = "";

    /// <summary>Who holds the network, shown with the trace; optional.</summary>
    public string? Organisation { get; set; }

    /// <summary>The parsed network, or null when <see cref="Network"/> is not CIDR.</summary>
    public IPNetwork? Parsed() => IPNetwork.TryParse(Network.Trim(), out var network) ? network : null;

    /// <summary>Whether <see cref="Country"/> is two ASCII capital letters.</summary>
    public bool HasValidCountry() => Country is { Length: 2 } c && char.IsAsciiLetterUpper(c[0]) && char.IsAsciiLetterUpper(c[1]);
}
