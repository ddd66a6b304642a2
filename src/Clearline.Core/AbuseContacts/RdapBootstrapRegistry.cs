using System.Net;
using System.Text.Json;

namespace Clearline.AbuseContacts;

/// <summary>
/// One RFC 9224 bootstrap registry file: <c>services</c> is a list of [entries, URLs] pairs, where an entry is an
/// IP prefix (<c>192.0.2.0/24</c>) or a domain label sequence (<c>com</c>, <c>co.uk</c>).
/// </summary>
internal sealed class RdapBootstrapRegistry
{
    private readonly List<(string Entry, Uri Server)> _services;

    private RdapBootstrapRegistry(List<(string Entry, Uri Server)> services) => _services = services;

    /// <summary>Reads a registry file; throws <see cref="JsonException"/> when it is not one.</summary>
    public static RdapBootstrapRegistry Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("services", out var services) || services.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The bootstrap file has no \"services\" array.");
        }

        var list = new List<(string, Uri)>();
        foreach (var service in services.EnumerateArray())
        {
            if (service.ValueKind != JsonValueKind.Array || service.GetArrayLength() < 2)
            {
                throw new JsonException("A bootstrap service is not a pair of entries and URLs.");
            }

            if (PreferredServer(service[1]) is not { } server)
            {
                continue;
            }

            foreach (var entry in service[0].EnumerateArray())
            {
                if (entry.GetString() is { Length: > 0 } text)
                {
                    list.Add((text.Trim().TrimEnd('.').ToLowerInvariant(), server));
                }
            }
        }

        return new RdapBootstrapRegistry(list);
    }

    /// <summary>The server whose prefix holds <paramref name="address"/> most specifically (the longest prefix).</summary>
    public Uri? ForAddress(IPAddress address)
    {
        Uri? best = null;
        var bestLength = -1;
        foreach (var (entry, server) in _services)
        {
            if (IPNetwork.TryParse(entry, out var network) && network.PrefixLength > bestLength && network.Contains(address))
            {
                best = server;
                bestLength = network.PrefixLength;
            }
        }

        return best;
    }

    /// <summary>The server whose entry matches the most labels at the end of <paramref name="domain"/> (<c>co.uk</c> before <c>uk</c>).</summary>
    public Uri? ForDomain(string domain)
    {
        var labels = domain.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var suffix = string.Join('.', labels[i..]);
            foreach (var (entry, server) in _services)
            {
                if (entry == suffix)
                {
                    return server;
                }
            }
        }

        return null;
    }

    /// <remarks>RFC 9224 §4: where a service offers https and http, https is used.</remarks>
    private static Uri? PreferredServer(JsonElement urls)
    {
        var candidates = urls.EnumerateArray()
            .Select(u => Uri.TryCreate(u.GetString(), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .Where(u => u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
            .ToList();
        var chosen = candidates.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttps) ?? candidates.FirstOrDefault();
        return chosen is null ? null : new Uri(chosen.AbsoluteUri.EndsWith('/') ? chosen.AbsoluteUri : chosen.AbsoluteUri + "/");
    }
}
