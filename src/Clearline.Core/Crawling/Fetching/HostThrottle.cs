namespace Clearline.Crawling.Fetching;

/// <summary>
/// Limits requests in flight across the process and per host, and spaces the starts of requests to one host by
/// the politeness delay. A hotline crawl must not look like an attack on a host, nor exhaust the worker.
/// </summary>
internal sealed class HostThrottle(CrawlerOptions options, TimeProvider time) : IDisposable
{
    /// <summary>Above this many remembered hosts, idle ones are forgotten.</summary>
    private const int SweepThreshold = 1024;

    private readonly SemaphoreSlim _global = new(options.GlobalConcurrency, options.GlobalConcurrency);
    private readonly Dictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Waits for a slot for <paramref name="host"/>, then for its politeness delay, then for a global slot.</summary>
    /// <remarks>The host slot is taken first so that requests queued behind a slow host hold no global slot.</remarks>
    public async Task<IDisposable> EnterAsync(string host, CancellationToken ct)
    {
        var state = Join(host);
        var hostSlot = false;
        var globalSlot = false;
        try
        {
            await state.Slots.WaitAsync(ct);
            hostSlot = true;
            await WaitPolitelyAsync(state, ct);
            await _global.WaitAsync(ct);
            globalSlot = true;
            return new Lease(() => Leave(host, state, hostSlot: true, globalSlot: true));
        }
        catch
        {
            Leave(host, state, hostSlot, globalSlot);
            throw;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _global.Dispose();
            foreach (var state in _hosts.Values)
            {
                state.Dispose();
            }

            _hosts.Clear();
        }
    }

    private HostState Join(string host)
    {
        lock (_lock)
        {
            if (_hosts.Count > SweepThreshold)
            {
                ForgetIdleHosts();
            }

            if (!_hosts.TryGetValue(host, out var state))
            {
                state = new HostState(options.PerHostConcurrency);
                _hosts.Add(host, state);
            }

            state.Users++;
            return state;
        }
    }

    private async Task WaitPolitelyAsync(HostState state, CancellationToken ct)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var start = state.NextStart > now ? state.NextStart : now;
            state.NextStart = start + options.PolitenessDelay;
            wait = start - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, ct);
        }
    }

    private void Leave(string host, HostState state, bool hostSlot, bool globalSlot)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                // Shut down while this request ran: the semaphores are gone and nobody waits for them.
                return;
            }

            if (globalSlot)
            {
                _global.Release();
            }

            if (hostSlot)
            {
                state.Slots.Release();
            }

            state.Users--;
            if (state.Users == 0 && state.NextStart <= time.GetUtcNow())
            {
                _hosts.Remove(host);
                state.Dispose();
            }
        }
    }

    private void ForgetIdleHosts()
    {
        var now = time.GetUtcNow();
        foreach (var (host, state) in _hosts.Where(h => h.Value.Users == 0 && h.Value.NextStart <= now).ToList())
        {
            _hosts.Remove(host);
            state.Dispose();
        }
    }

    private sealed class HostState(int concurrency) : IDisposable
    {
        public SemaphoreSlim Slots { get; } = new(concurrency, concurrency);

        /// <summary>Guarded by the throttle's lock.</summary>
        public int Users { get; set; }

        /// <summary>Earliest start of the next request (politeness); guarded by the throttle's lock.</summary>
        public DateTimeOffset NextStart { get; set; }

        public void Dispose() => Slots.Dispose();
    }

    private sealed class Lease(Action release) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                release();
            }
        }
    }
}
