using System.Diagnostics;
using System.Diagnostics.Metrics;
using Clearline.Configuration;
using Clearline.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Telemetry;

/// <summary>
/// Clearline's own instruments (meter <see cref="MeterName"/>), one per host: the features record into them with one
/// call; an exporter (the Prometheus endpoint) reads them. Nothing is measured unless someone listens.
/// </summary>
/// <remarks>
/// The meter comes from the host's <see cref="IMeterFactory"/>, so a listener can tell this host's measurements from
/// another's in the same process (the tests run many hosts at once). No instrument carries a URL, a hash, an
/// organisation or a person: only counts, durations and job kinds.
/// </remarks>
public sealed class ClearlineMetrics
{
    public const string MeterName = "Clearline";

    private readonly Counter<long> _crawlPages;
    private readonly Counter<long> _hashItems;
    private readonly Histogram<double> _matchDuration;
    private readonly Histogram<double> _hashCheckDuration;
    private readonly JobQueueDepths _queue;

    public ClearlineMetrics(IMeterFactory meters, IServiceScopeFactory scopes, JobHandlers handlers, IOptions<MetricsOptions> options,
        TimeProvider time, ILogger<ClearlineMetrics> logger)
    {
        Meter = meters.Create(new MeterOptions(MeterName));
        _queue = new JobQueueDepths(scopes, handlers, options.Value.QueueDepthMaxAge, time, logger);
        _crawlPages = Meter.CreateCounter<long>("clearline_crawl_pages_total", "{url}",
            "URLs fetched by crawls: pages and media, whatever the answer.");
        _hashItems = Meter.CreateCounter<long>("clearline_hash_items_total", "{item}",
            "Media items (images and videos found by crawls) decoded and hashed.");
        _matchDuration = Meter.CreateHistogram("clearline_match_duration_seconds", "s",
            "Time to match a batch of newly stored media against the known material and record the outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _hashCheckDuration = Meter.CreateHistogram("clearline_hashcheck_duration_seconds", "s",
            "Time to answer one hash-check request (all its hashes), audit included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        Meter.CreateObservableGauge("clearline_jobs_queued", () => _queue.Observe(JobState.Queued), "{job}",
            "Jobs waiting to run (due now or retrying later), per job kind; read from the database, at most every few seconds.");
        Meter.CreateObservableGauge("clearline_jobs_failed", () => _queue.Observe(JobState.Failed), "{job}",
            "Dead-lettered jobs (every attempt failed) not yet retried, per job kind; read with the queue.");
    }

    /// <summary>Seconds: from a fast in-memory lookup (1 ms) to a slow batch (10 s).</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public Meter Meter { get; }

    /// <summary>One URL fetched by a crawl.</summary>
    public void CrawlPageFetched() => _crawlPages.Add(1);

    /// <summary>One media item hashed.</summary>
    public void ItemHashed() => _hashItems.Add(1);

    /// <summary>Times a match until the returned value is disposed: <c>using var timing = metrics.TimeMatch();</c>.</summary>
    public Timing TimeMatch() => new(_matchDuration, Stopwatch.GetTimestamp());

    /// <summary>Times a hash check until the returned value is disposed.</summary>
    public Timing TimeHashCheck() => new(_hashCheckDuration, Stopwatch.GetTimestamp());

    /// <summary>Reads the queue depths from the database unless the last reading is recent enough; an exporter calls it before collecting.</summary>
    public Task RefreshQueueDepthsAsync(CancellationToken ct) => _queue.RefreshIfStaleAsync(ct);

    /// <summary>Records the elapsed time into its histogram once, when disposed.</summary>
    public readonly struct Timing(Histogram<double> histogram, long started) : IDisposable
    {
        public void Dispose() => histogram.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}

public static class TelemetryServices
{
    /// <summary>
    /// The instruments, always present (recording costs nothing without a listener), and their options. Features that
    /// record call it too, so each can be registered on its own; the second call adds nothing.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ClearlineMetrics)))
        {
            return services;
        }

        services.AddMetrics();
        services.AddSectionOptions<MetricsOptions>();
        services.TryAddSingleton<JobHandlers>();
        services.AddSingleton<ClearlineMetrics>();
        return services;
    }
}
