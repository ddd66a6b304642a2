namespace Clearline.Crawling.Fetching;

/// <summary>
/// The two clocks of one fetch: the total time limit (redirects included) and a read timer re-armed before each
/// wait for data, so a server that sends nothing is cut off after the read timeout and one that drips bytes after
/// the total timeout. The total clock starts when the fetch gets its first slot, so time spent queued behind
/// other requests to a busy host (concurrency and politeness limits) does not count against it.
/// </summary>
internal sealed class FetchDeadlines : IDisposable
{
    private readonly CancellationTokenSource _total;
    private readonly CancellationTokenSource _read;
    private readonly CancellationTokenSource _linked;
    private readonly TimeSpan _totalLimit;
    private bool _totalStarted;

    public FetchDeadlines(TimeSpan total, TimeProvider time, CancellationToken caller)
    {
        _totalLimit = total;
        _total = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _read = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _total.Token, _read.Token);
    }

    /// <summary>Cancelled by the caller, the total limit or the armed read timer.</summary>
    public CancellationToken Token => _linked.Token;

    public bool TotalExpired => _total.IsCancellationRequested;

    public bool ReadExpired => _read.IsCancellationRequested;

    /// <summary>Starts the total clock; later calls do nothing.</summary>
    public void StartTotal()
    {
        if (!_totalStarted)
        {
            _totalStarted = true;
            _total.CancelAfter(_totalLimit);
        }
    }

    /// <summary>Starts the read timer: the next wait for data must end within <paramref name="timeout"/>.</summary>
    public CancellationToken Arm(TimeSpan timeout)
    {
        _read.CancelAfter(timeout);
        return _linked.Token;
    }

    /// <summary>Stops the read timer once data has arrived.</summary>
    public void Disarm() => _read.CancelAfter(Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _linked.Dispose();
        _read.Dispose();
        _total.Dispose();
    }
}
