using System.Diagnostics.Metrics;
using Clearline.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearline.Telemetry;

/// <summary>
/// The queued and the dead-lettered jobs per kind behind <c>clearline_jobs_queued</c> and <c>clearline_jobs_failed</c>: a cached reading of the database, taken at most
/// once per <c>maxAge</c> however often and by however many scrapers the gauge is read.
/// </summary>
/// <remarks>
/// An observable instrument's callback is synchronous, so it never waits for the database: it returns the last
/// reading and, when that is stale, starts a fresh one in the background. The exporter awaits
/// <see cref="RefreshIfStaleAsync"/> before collecting, so a scrape shows a reading at most <c>maxAge</c> old.
/// Every kind this process can run is shown, at zero when none is queued, so an alert sees the series.
/// </remarks>
internal sealed class JobQueueDepths(IServiceScopeFactory scopes, JobHandlers handlers, TimeSpan maxAge, TimeProvider time, ILogger logger)
{
    private readonly Lock _gate = new();
    private Task? _reading;
    private volatile Reading? _last;

    public IEnumerable<Measurement<long>> Observe(JobState state)
    {
        if (IsStale(_last))
        {
            _ = RefreshInBackgroundAsync();
        }

        return _last is { } reading
            ? reading.Counts[state].Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("kind", c.Key)))
            : [];
    }

    /// <summary>Reads the database when the last reading is stale; callers at the same moment share one reading.</summary>
    public Task RefreshIfStaleAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (!IsStale(_last))
            {
                return Task.CompletedTask;
            }

            if (_reading is null || _reading.IsCompleted)
            {
                _reading = ReadAsync();
            }

            return _reading.WaitAsync(ct);
        }
    }

    private async Task ReadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<JobQueries>().CountQueuedAndFailedByKindAsync(CancellationToken.None);
        var counts = new Dictionary<JobState, Dictionary<string, long>>
        {
            [JobState.Queued] = handlers.Kinds.ToDictionary(k => k, _ => 0L, StringComparer.Ordinal),
            [JobState.Failed] = handlers.Kinds.ToDictionary(k => k, _ => 0L, StringComparer.Ordinal),
        };
        foreach (var count in found)
        {
            counts[count.State][count.Kind] = count.Count;
        }

        _last = new Reading(counts, time.GetUtcNow());
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await RefreshIfStaleAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The database may be starting or restarting; the gauge keeps its last reading meanwhile.
            logger.LogWarning(ex, "Reading the job queue depths for the metrics failed");
        }
    }

    private bool IsStale(Reading? reading) => reading is null || time.GetUtcNow() - reading.TakenAt >= maxAge;

    private sealed record Reading(Dictionary<JobState, Dictionary<string, long>> Counts, DateTimeOffset TakenAt);
}
