using System.Threading.Channels;
using Clearline.Crawling.Fetching;
using Clearline.Crawling.Extraction;
using Clearline.Events;
using Clearline.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Crawling;

/// <summary>
/// Runs a crawl to its end, resuming where a killed worker left off: the frontier lives in the database, so the
/// URLs still pending are simply fetched (again). Fetching, decoding and hashing run in parallel; one writer
/// stores the outcomes in batches. A report's gated-content credentials are opened once per run, kept in memory
/// only, and sent to the reported URL's origin alone (<see cref="OriginCredentials"/>).
/// </summary>
public sealed class CrawlRunner(
    ClearlineDbContext db,
    UnitOfWork work,
    EventAnnouncer events,
    CrawlAnalyser analyser,
    CrawlRecorder recorder,
    ReportLogins logins,
    PublicSuffixList suffixes,
    IOptions<CrawlerOptions> options,
    TimeProvider time,
    ILogger<CrawlRunner> logger)
{
    private const int MaxBatch = 64;

    public async Task RunAsync(Guid crawlId, CancellationToken ct)
    {
        // The runner tracks only one batch at a time (see CrawlRecorder); start from a clean slate.
        db.ChangeTracker.Clear();
        var crawl = await db.Set<Crawl>().FirstOrDefaultAsync(c => c.Id == crawlId, ct);
        if (crawl is null || crawl.State is CrawlState.Completed or CrawlState.Failed)
        {
            return;
        }

        var report = await db.Set<Report>().AsNoTracking().FirstAsync(r => r.Id == crawl.ReportId, ct);
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["CrawlId"] = crawl.Id, ["ReportId"] = crawl.ReportId });
        crawl.State = CrawlState.Crawling;
        crawl.StartedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);

        var settings = options.Value;
        var known = await db.Set<CrawledUrl>().AsNoTracking().Where(u => u.CrawlId == crawlId).ToListAsync(ct);
        var frontier = new CrawlFrontier(new CrawlScope(settings.Scope, new Uri(report.NormalisedUrl), suffixes), settings, known);
        var login = await logins.ForAsync(report, ct);

        // Kept for this run only: a connection opened for this report never serves another.
        using var connections = new FetchConnections(settings.PerHostConcurrency);
        while (true)
        {
            var pending = await db.Set<CrawledUrl>().AsNoTracking()
                .Where(u => u.CrawlId == crawlId && u.State == UrlFetchState.Pending)
                .OrderBy(u => u.Depth).ThenBy(u => u.Id)
                .ToListAsync(ct);
            if (pending.Count == 0)
            {
                break;
            }

            await CrawlAsync(crawl, frontier, pending, login, connections, settings.GlobalConcurrency, ct);
        }

        db.Attach(crawl);
        crawl.State = CrawlState.Completed;
        crawl.CompletedAt = time.GetUtcNow();
        // Announced in the completion's unit of work, so a completed crawl always has what follows it (routing) queued.
        await using var transaction = await work.BeginAsync(ct);
        await events.AnnounceAsync(new CrawlCompleted(crawl.Id, crawl.OrganisationId, crawl.ReportId), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Crawl {CrawlId} completed", crawlId);
    }

    /// <summary>Fetches and analyses <paramref name="batch"/> in parallel while one writer records the outcomes.</summary>
    private async Task CrawlAsync(
        Crawl crawl, CrawlFrontier frontier, List<CrawledUrl> batch, OriginCredentials? login, FetchConnections connections, int concurrency, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var outcomes = Channel.CreateBounded<CrawlOutcome>(concurrency * 2);
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stop.Token }, async (url, token) =>
                    await outcomes.Writer.WriteAsync(await analyser.AnalyseAsync(url, login, connections, token), token));
                outcomes.Writer.Complete();
            }
            catch (Exception ex)
            {
                outcomes.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        var buffer = new List<CrawlOutcome>(MaxBatch);
        try
        {
            while (await outcomes.Reader.WaitToReadAsync(ct))
            {
                while (buffer.Count < MaxBatch && outcomes.Reader.TryRead(out var outcome))
                {
                    buffer.Add(outcome);
                }

                await recorder.RecordAsync(crawl, frontier, buffer, ct);
                await DisposeAsync(buffer);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
            while (outcomes.Reader.TryRead(out var unrecorded))
            {
                buffer.Add(unrecorded);
            }

            // Sealed blobs that were never published are deleted rather than left behind.
            await DisposeAsync(buffer);
        }
    }

    private static async Task DisposeAsync(List<CrawlOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            await outcome.DisposeAsync();
        }

        outcomes.Clear();
    }
}
