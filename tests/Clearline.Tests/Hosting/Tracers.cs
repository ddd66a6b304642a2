using Clearline.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Hosting;

/// <summary>Builds a <see cref="HostingTracer"/> on the test databases; reverse DNS is off unless a resolver is given.</summary>
internal static class Tracers
{
    public static HostingTracer Create(
        string? country = null,
        string? asn = null,
        IReverseDnsResolver? resolver = null,
        Action<HostingOptions>? configure = null,
        ILogger<HostingTracer>? logger = null)
    {
        var options = new HostingOptions { CountryDatabasePath = country, AsnDatabasePath = asn, ReverseDns = resolver is not null };
        configure?.Invoke(options);
        return new HostingTracer(Options.Create(options), resolver ?? new RecordingReverseDnsResolver(), logger ?? NullLogger<HostingTracer>.Instance);
    }
}
