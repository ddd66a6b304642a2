using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Clearline.AbuseContacts;

/// <summary>
/// Finds the RDAP server for an address or a domain from IANA's bootstrap files (RFC 9224), read from
/// <c>Rdap:Bootstrap:Directory</c> or downloaded from <c>Rdap:Bootstrap:BaseUrl</c>, and kept in memory for
/// <c>Rdap:Bootstrap:CacheLifetime</c>.
/// </summary>
/// <remarks>
/// A singleton: the files change rarely and are the same for everyone. A file that cannot be read is not kept, so
/// the next lookup tries again.
/// </remarks>
public sealed class RdapBootstrap(RdapHttp http, IOptions<RdapOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (RdapBootstrapRegistry Registry, DateTimeOffset ReadAt)> _files = new(StringComparer.Ordinal);

    /// <summary>The base URL of the RDAP server for <paramref name="address"/>; throws <see cref="RdapFailure"/> when none is known.</summary>
    public async Task<Uri> ForAddressAsync(IPAddress address, CancellationToken ct)
    {
        var file = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ipv6.json" : "ipv4.json";
        var registry = await RegistryAsync(file, ct);
        return registry.ForAddress(address)
            ?? throw new RdapFailure($"No RDAP server is known for {address}: IANA's {file} lists no registry for it.");
    }

    /// <summary>The base URL of the RDAP server for <paramref name="domain"/>; throws <see cref="RdapFailure"/> when none is known.</summary>
    public async Task<Uri> ForDomainAsync(string domain, CancellationToken ct)
    {
        var registry = await RegistryAsync("dns.json", ct);
        return registry.ForDomain(domain)
            ?? throw new RdapFailure($"No RDAP server is known for {domain}: IANA's dns.json lists no registry for its top-level domain.");
    }

    private async Task<RdapBootstrapRegistry> RegistryAsync(string file, CancellationToken ct)
    {
        var settings = options.Value.Bootstrap;
        var now = time.GetUtcNow();
        if (_files.TryGetValue(file, out var cached) && now - cached.ReadAt < settings.CacheLifetime)
        {
            return cached.Registry;
        }

        var bytes = await ReadAsync(settings, file, ct);
        RdapBootstrapRegistry registry;
        try
        {
            registry = RdapBootstrapRegistry.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new RdapFailure($"The RDAP bootstrap file {file} is not a valid registry file (RFC 9224): {ex.Message}", ex);
        }

        _files[file] = (registry, now);
        return registry;
    }

    private async Task<byte[]> ReadAsync(RdapBootstrapOptions settings, string file, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(settings.Directory))
        {
            var path = Path.Combine(settings.Directory, file);
            try
            {
                return await File.ReadAllBytesAsync(path, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new RdapFailure($"The RDAP bootstrap file {file} could not be read from Rdap:Bootstrap:Directory: {ex.Message}", ex);
            }
        }

        var url = new Uri(new Uri(settings.BaseUrl.EndsWith('/') ? settings.BaseUrl : settings.BaseUrl + "/"), file);
        var answer = await http.GetAsync(url, ct);
        return answer.Status == HttpStatusCode.OK
            ? answer.Body
            : throw new RdapFailure($"The RDAP bootstrap file {file} could not be downloaded: {url.Host} answered {(int)answer.Status}.");
    }
}
