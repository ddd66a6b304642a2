using Clearline.Crawling.Fetching;
using Clearline.Tests.Crawling.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace Clearline.Tests.Crawling.Fetching;

/// <summary>Concurrency limits, politeness and cancellation.</summary>
public sealed class ThrottleTests
{
    private int _inFlight;
    private int _maxInFlight;
    private int _hits;

    private Task<LocalSite> StartSlowSiteAsync() => LocalSite.StartAsync(app => app.MapGet("/slow", async () =>
    {
        Interlocked.Increment(ref _hits);
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        await Task.Delay(200);
        Interlocked.Decrement(ref _inFlight);
        return "done";
    }));

    [Fact]
    public async Task Fetch_ManyAtOnceToOneHost_NoMoreThanThePerHostLimitInFlight()
    {
        await using var site = await StartSlowSiteAsync();
        using var fetcher = FetcherKit.Create(o => o.PerHostConcurrency = 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => fetcher.FetchAsync(site.Url("/slow"), FetchPurpose.Page, FetcherKit.Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(8, _hits);
        Assert.Equal(2, _maxInFlight);
    }

    [Fact]
    public async Task Fetch_QueuedBehindABusyHost_QueueTimeDoesNotCountAgainstTheTotalTimeout()
    {
        await using var site = await StartSlowSiteAsync();
        using var fetcher = FetcherKit.Create(o =>
        {
            o.PerHostConcurrency = 1;
            o.ConnectTimeout = TimeSpan.FromSeconds(1);
            o.TotalTimeout = TimeSpan.FromSeconds(2);
        });

        // Twelve requests of 200 ms each, one at a time: the last waits far longer than the total timeout.
        var results = await Task.WhenAll(Enumerable.Range(0, 12)
            .Select(_ => fetcher.FetchAsync(site.Url("/slow"), FetchPurpose.Page, FetcherKit.Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
    }

    [Fact]
    public async Task Fetch_ManyAtOnceAcrossHosts_NoMoreThanTheGlobalLimitInFlight()
    {
        await using var site = await StartSlowSiteAsync();
        using var fetcher = FetcherKit.Create(o =>
        {
            o.GlobalConcurrency = 3;
            o.PerHostConcurrency = 8;
        });

        var results = await Task.WhenAll(Enumerable.Range(0, 9)
            .Select(_ => fetcher.FetchAsync(site.Url("/slow"), FetchPurpose.Page, FetcherKit.Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(3, _maxInFlight);
    }

    [Fact]
    public async Task Fetch_PolitenessDelay_HoldsTheNextRequestToTheHostUntilTheDelayPasses()
    {
        await using var site = await StartSlowSiteAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var fetcher = FetcherKit.Create(o => o.PolitenessDelay = TimeSpan.FromSeconds(10), time: time);

        var first = await fetcher.FetchAsync(site.Url("/slow"), FetchPurpose.Page, FetcherKit.Ct);
        var second = fetcher.FetchAsync(site.Url("/slow"), FetchPurpose.Page, FetcherKit.Ct);
        await Task.Delay(300, FetcherKit.Ct);
        Assert.Equal(1, _hits);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(first.Succeeded);
        Assert.True((await second).Succeeded);
        Assert.Equal(2, _hits);
    }

    [Fact]
    public async Task Fetch_CallerCancels_ThrowsOperationCanceled()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/hang", async (Microsoft.AspNetCore.Http.HttpContext c) =>
            await Task.Delay(Timeout.Infinite, c.RequestAborted)));
        using var fetcher = FetcherKit.Create();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(FetcherKit.Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(site.Url("/hang"), FetchPurpose.Page, cancel.Token));
    }

    [Fact]
    public async Task Fetch_CancelledWhileQueuedForTheHost_ThrowsAndFreesNoSlotItDidNotTake()
    {
        await using var site = await StartSlowSiteAsync();
        using var fetcher = FetcherKit.Create(o => o.PerHostConcurrency = 1);
        using var cancel = new CancellationTokenSource();

        var first = fetcher.FetchAsync(site.Url("/slow"), FetchPurpose.Page, FetcherKit.Ct);
        var queued = fetcher.FetchAsync(site.Url("/slow"), FetchPurpose.Page, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.True((await first).Succeeded);
        var after = await Task.WhenAll(fetcher.FetchAsync(site.Url("/slow"), FetchPurpose.Page, FetcherKit.Ct),
            fetcher.FetchAsync(site.Url("/slow"), FetchPurpose.Page, FetcherKit.Ct));
        Assert.All(after, r => Assert.True(r.Succeeded));
        Assert.Equal(1, _maxInFlight);
    }

    [Fact]
    public async Task Dispose_WhileFetching_EndsTheFetchAsCancelled()
    {
        await using var site = await LocalSite.StartAsync(app => app.MapGet("/hang", async (Microsoft.AspNetCore.Http.HttpContext c) =>
        {
            Interlocked.Increment(ref _hits);
            await Task.Delay(Timeout.Infinite, c.RequestAborted);
        }));
        var fetcher = FetcherKit.Create();
        var fetch = fetcher.FetchAsync(site.Url("/hang"), FetchPurpose.Page, FetcherKit.Ct);
        while (Volatile.Read(ref _hits) == 0)
        {
            await Task.Delay(20, FetcherKit.Ct);
        }

        fetcher.Dispose();

        Assert.Equal(FetchErrorKind.Cancelled, (await fetch).Error?.Kind);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
