using Clearline.Classification;
using Clearline.Events;
using Clearline.HashLists;
using Clearline.Jobs;
using Clearline.MediaItems;

namespace Clearline.Matching;

/// <summary>
/// The durable job that matches again every item some hotline may still have to assess (all but the Baseline
/// ones, which are final network-wide). It is queued when a list gains entries or starts to classify (an import,
/// a changed mapping or trust, a list enabled: <see cref="HashListChanged"/>), so that an item already waiting in a
/// queue is recognised too.
/// </summary>
public sealed record RematchJob
{
    public const string Kind = "rematch-media";
}

/// <summary>Queues a rematch when a hash list changes, in the change's unit of work.</summary>
public sealed class RematchOnListChange(JobQueue jobs) : IEventObserver<HashListChanged>
{
    public Task OnAsync(HashListChanged happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        jobs.Enqueue(RematchJob.Kind, new RematchJob());
        return Task.CompletedTask;
    }
}

/// <remarks>Idempotent (<see cref="MediaMatcher"/> skips matches already recorded); it walks the items in batches by address.</remarks>
public sealed class RematchJobHandler(ClearlineDbContext db, MediaMatcher matcher) : IJobHandler<RematchJob>
{
    private const int BatchSize = 500;

    public async Task HandleAsync(RematchJob payload, JobContext context, CancellationToken cancellationToken)
    {
        var after = "";
        while (true)
        {
            var from = after;
            var batch = await db.Set<MediaItem>().AsNoTracking()
                .Where(m => string.Compare(m.Sha256, from) > 0)
                .Where(m => !db.Set<MediaClassification>().Any(c => c.MediaSha256 == m.Sha256 && c.SupersededAt == null && c.Verdict == Verdict.Baseline))
                .OrderBy(m => m.Sha256)
                .Select(m => m.Sha256)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            await matcher.MatchAsync(batch, cancellationToken);
            after = batch[^1];
        }
    }
}
