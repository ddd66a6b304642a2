using System.Collections.Concurrent;
using System.Net;
using Clearline.Hosting;

namespace Clearline.Tests.Hosting;

/// <summary>A reverse DNS resolver that answers from a table and records every question it is asked.</summary>
internal sealed class RecordingReverseDnsResolver(IReadOnlyDictionary<IPAddress, string>? names = null, bool hang = false) : IReverseDnsResolver
{
    private readonly ConcurrentQueue<IPAddress> _calls = new();

    public IReadOnlyList<IPAddress> Calls => [.. _calls];

    public async Task<string?> ReverseLookupAsync(IPAddress address, CancellationToken ct)
    {
        _calls.Enqueue(address);
        if (hang)
        {
            await Task.Delay(Timeout.Infinite, ct);
        }

        return names?.GetValueOrDefault(address);
    }
}
