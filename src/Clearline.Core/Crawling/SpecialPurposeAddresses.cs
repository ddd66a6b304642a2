using System.Net;

namespace Clearline.Crawling;

/// <summary>
/// Addresses that are not on the public Internet (IANA special-purpose registries for IPv4 and IPv6): the
/// crawler never connects to them and the hosting trace never looks them up.
/// </summary>
public static class SpecialPurposeAddresses
{
    private static readonly IPNetwork[] Networks =
    [
        // IPv4 (RFC 6890 and successors)
        IPNetwork.Parse("0.0.0.0/8"),          // "this network"
        IPNetwork.Parse("10.0.0.0/8"),         // private
        IPNetwork.Parse("100.64.0.0/10"),      // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),        // loopback
        IPNetwork.Parse("169.254.0.0/16"),     // link-local, including cloud metadata 169.254.169.254
        IPNetwork.Parse("172.16.0.0/12"),      // private
        IPNetwork.Parse("192.0.0.0/24"),       // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),       // documentation
        IPNetwork.Parse("192.88.99.0/24"),     // 6to4 relay anycast (deprecated)
        IPNetwork.Parse("192.168.0.0/16"),     // private
        IPNetwork.Parse("198.18.0.0/15"),      // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),    // documentation
        IPNetwork.Parse("203.0.113.0/24"),     // documentation
        IPNetwork.Parse("224.0.0.0/4"),        // multicast
        IPNetwork.Parse("240.0.0.0/4"),        // reserved, and 255.255.255.255 broadcast

        // IPv6 (RFC 6890, 4193, 4291)
        IPNetwork.Parse("::/128"),             // unspecified
        IPNetwork.Parse("::1/128"),            // loopback
        IPNetwork.Parse("::ffff:0:0:0/96"),    // IPv4-translated (SIIT, RFC 2765): not unwrapped, so refused outright
        IPNetwork.Parse("64:ff9b:1::/48"),     // local-use IPv4/IPv6 translation
        IPNetwork.Parse("100::/64"),           // discard-only
        IPNetwork.Parse("2001::/23"),          // IETF protocol assignments (Teredo, ORCHID, benchmarking...)
        IPNetwork.Parse("2001:db8::/32"),      // documentation
        IPNetwork.Parse("2002::/16"),          // 6to4: embeds an arbitrary IPv4 address
        IPNetwork.Parse("fc00::/7"),           // unique local, including AWS metadata fd00:ec2::254
        IPNetwork.Parse("fe80::/10"),          // link-local
        IPNetwork.Parse("fec0::/10"),          // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),           // multicast
    ];

    /// <summary>
    /// True when <paramref name="address"/> is not a public unicast address. IPv4-mapped and IPv4-compatible
    /// IPv6 addresses are judged by the IPv4 address inside them, and NAT64 (64:ff9b::/96) by the embedded one.
    /// </summary>
    public static bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var candidate = Unwrap(address);
        foreach (var network in Networks)
        {
            if (network.Contains(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The IPv4 address carried inside a mapped, compatible or NAT64 IPv6 address; otherwise the address itself.</summary>
    public static IPAddress Unwrap(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            var nat64 = bytes[..12].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]);
            var compatible = bytes[..12].IndexOfAnyExcept((byte)0) < 0 && bytes[12..].IndexOfAnyExcept((byte)0) >= 0
                && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] <= 1);
            if (nat64 || compatible)
            {
                return new IPAddress(bytes[12..]);
            }
        }

        return address;
    }
}
