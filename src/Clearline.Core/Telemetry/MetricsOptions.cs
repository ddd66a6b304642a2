using System.ComponentModel.DataAnnotations;
using System.Net;
using Clearline.Configuration;

namespace Clearline.Telemetry;

/// <summary>Whether and where this process offers its metrics to Prometheus (section <c>Metrics</c>).</summary>
/// <remarks>
/// The endpoint has no authentication of its own: it is off by default and, when on, listens on a port of its own,
/// bound to loopback unless an operator chooses another address (a monitoring network, never the public one). It
/// shows counts and durations only: no URL, hash, organisation or person.
/// </remarks>
public sealed class MetricsOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Metrics";

    /// <summary>Serve <c>/metrics</c> in the Prometheus text format on <see cref="Port"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>The metrics port, apart from the web port; 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 9464;

    /// <summary>The address the metrics port listens on.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>How old the job queue depths shown may be: the database is asked at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan QueueDepthMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(BindAddress, out _))
        {
            yield return new ValidationResult("must be an IP address, such as 127.0.0.1 or ::1.", [nameof(BindAddress)]);
        }
    }
}
