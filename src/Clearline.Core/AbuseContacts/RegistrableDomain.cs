using System.Globalization;
using System.Net;

namespace Clearline.AbuseContacts;

/// <summary>
/// The domain a registrar registered for a URL's host: its last two labels, or its last three where the last two are
/// a second-level public suffix in <see cref="SecondLevelSuffixes"/> (<c>img.shop.co.uk</c> → <c>shop.co.uk</c>).
/// </summary>
/// <remarks>
/// A short built-in list instead of the full Public Suffix List: no maintained package of it is on the NuGet mirror,
/// and a wrong guess only costs a "not found" answer from the registry, shown on the route. Hosts that are IP
/// addresses have no domain. Internationalised names are looked up in their ASCII (punycode) form, as RDAP wants.
/// </remarks>
public static class RegistrableDomain
{
    /// <summary>Second-level suffixes under which names are registered one level down.</summary>
    public static IReadOnlySet<string> SecondLevelSuffixes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "sch.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "id.au",
        "co.nz", "net.nz", "org.nz", "co.za", "org.za", "co.jp", "ne.jp", "or.jp", "ac.jp", "co.kr", "or.kr",
        "com.br", "net.br", "org.br", "com.ar", "com.mx", "com.co", "com.pe", "com.tr", "com.cn", "net.cn", "org.cn",
        "com.hk", "com.tw", "com.sg", "com.my", "co.in", "net.in", "org.in", "co.id", "or.id", "co.il", "co.th",
        "com.ua", "com.pl", "com.ru", "com.vn", "com.ph", "com.pk", "com.eg", "com.ng", "co.ke",
    };

    /// <summary>The registrable domain of <paramref name="url"/>'s host; null for an IP address or a host that is no domain name.</summary>
    public static string? Of(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        return OfHost(uri.IdnHost);
    }

    /// <summary>The registrable domain of a host name; null for an IP address or a single label.</summary>
    public static string? OfHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (name.Length == 0 || IPAddress.TryParse(name, out _))
        {
            return null;
        }

        try
        {
            name = new IdnMapping().GetAscii(name);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = name.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length == 0))
        {
            return null;
        }

        var keep = labels.Length >= 3 && SecondLevelSuffixes.Contains(string.Join('.', labels[^2..])) ? 3 : 2;
        var domain = string.Join('.', labels[^Math.Min(keep, labels.Length)..]);
        return domain.Length <= AbuseContact.KeyMaxLength ? domain : null;
    }
}
