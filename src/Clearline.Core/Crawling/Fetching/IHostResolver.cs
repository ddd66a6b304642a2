using System.Net;

namespace Clearline.Crawling.Fetching;

/// <summary>
/// Resolves host names for the SSRF guard. A seam because tests cannot use real DNS offline: they supply answers
/// that resolve to private addresses or change between calls (DNS rebinding).
/// </summary>
public interface IHostResolver
{
    /// <summary>All addresses of <paramref name="host"/>; throws <see cref="System.Net.Sockets.SocketException"/> when it does not resolve.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

/// <summary>Resolves through the operating system's resolver.</summary>
public sealed class SystemHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}
