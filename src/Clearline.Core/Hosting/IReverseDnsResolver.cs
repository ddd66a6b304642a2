using System.Net;

namespace Clearline.Hosting;

/// <summary>Finds the reverse DNS (PTR) name of an address; a seam so the tracer can be tested without the Internet.</summary>
public interface IReverseDnsResolver
{
    /// <summary>The host name of <paramref name="address"/>, or null when it has none or the lookup fails.</summary>
    Task<string?> ReverseLookupAsync(IPAddress address, CancellationToken ct);
}
