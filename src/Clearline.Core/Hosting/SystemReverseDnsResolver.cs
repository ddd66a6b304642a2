using System.Net;
using System.Net.Sockets;

namespace Clearline.Hosting;

/// <summary>Reverse DNS through the operating system's resolver.</summary>
/// <remarks>
/// The system call may not observe cancellation, so the wait is abandoned when the caller's token fires
/// (the <see cref="HostingTracer"/> bounds it by <see cref="HostingOptions.ReverseDnsTimeout"/>).
/// </remarks>
public sealed class SystemReverseDnsResolver : IReverseDnsResolver
{
    public async Task<string?> ReverseLookupAsync(IPAddress address, CancellationToken ct)
    {
        // A cached answer can complete at once, and WaitAsync does not look at the token of a finished task.
        ct.ThrowIfCancellationRequested();
        try
        {
            var entry = await Dns.GetHostEntryAsync(address).WaitAsync(ct);
            return string.IsNullOrEmpty(entry.HostName) || entry.HostName == address.ToString() ? null : entry.HostName;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
