using System.Net;
using System.Net.Sockets;

namespace Clearline.Crawling.Fetching;

/// <summary>The outcome of vetting one URL: the addresses it may connect to, or why it may not.</summary>
internal sealed record GuardDecision(IPAddress[] Addresses, FetchError? Error)
{
    public static GuardDecision Refuse(FetchErrorKind kind, string message) => new([], new FetchError(kind, message));
}

/// <summary>
/// The SSRF guard: resolves a URL's host once and vets every address it resolves to. The fetcher then connects
/// only to these vetted addresses, so a second, different DNS answer (rebinding) is never used.
/// </summary>
/// <remarks>
/// Excluded: every non-http(s) scheme, and any host with a special-purpose address (loopback, private, link-local
/// and cloud metadata, CGNAT, multicast, reserved; IPv4-mapped and NAT64 forms judged by the IPv4 inside) unless
/// the address lies in <see cref="CrawlerOptions.AllowedNetworks"/>. A reported URL is attacker-chosen: without
/// this, a report could make the crawler read internal services or cloud credentials. One special-purpose address
/// refuses the whole name, so an answer mixing public and private addresses cannot win a race to the private one.
/// IP literals in any spelling (<c>2130706433</c>, <c>0x7f.1</c>, <c>[::ffff:127.0.0.1]</c>) are parsed and vetted
/// like resolved addresses.
/// </remarks>
internal sealed class AddressGuard(IReadOnlyList<IPNetwork> allowedNetworks, IHostResolver resolver)
{
    /// <summary>The checks that need no lookup: an absolute http(s) URL with a host.</summary>
    public static FetchError? CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return new FetchError(FetchErrorKind.InvalidUrl, "The URL is not absolute.");
        }

        if (url.Scheme is not ("http" or "https"))
        {
            return new FetchError(FetchErrorKind.Refused, $"The scheme '{url.Scheme}' is not http or https.");
        }

        return string.IsNullOrEmpty(url.Host) ? new FetchError(FetchErrorKind.InvalidUrl, "The URL has no host.") : null;
    }

    /// <summary>Checks the URL, resolves its host once and vets every address.</summary>
    public async Task<GuardDecision> VetAsync(Uri url, CancellationToken ct)
    {
        if (CheckUrl(url) is { } invalid)
        {
            return new GuardDecision([], invalid);
        }

        var host = url.IdnHost;
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, ct);
            }
            catch (SocketException e)
            {
                return GuardDecision.Refuse(FetchErrorKind.DnsFailure, $"The host name did not resolve ({e.SocketErrorCode}).");
            }
            catch (ArgumentException)
            {
                return GuardDecision.Refuse(FetchErrorKind.DnsFailure, "The host name is not one DNS can look up (too long or malformed).");
            }
        }

        if (addresses.Length == 0)
        {
            return GuardDecision.Refuse(FetchErrorKind.DnsFailure, "The host name resolved to no address.");
        }

        foreach (var address in addresses)
        {
            if (!IsReachable(address))
            {
                return GuardDecision.Refuse(FetchErrorKind.Refused, "The host resolves to a special-purpose (non-public) address.");
            }
        }

        return new GuardDecision(addresses, null);
    }

    /// <summary>Public unicast, or special-purpose but inside an allowed network.</summary>
    public bool IsReachable(IPAddress address)
    {
        if (!SpecialPurposeAddresses.Contains(address))
        {
            return true;
        }

        var unwrapped = SpecialPurposeAddresses.Unwrap(address);
        foreach (var network in allowedNetworks)
        {
            if (network.Contains(unwrapped) || network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
