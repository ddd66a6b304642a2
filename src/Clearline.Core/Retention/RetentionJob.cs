using Clearline.Jobs;
using Microsoft.Extensions.Options;

namespace Clearline.Retention;

/// <summary>The daily retention run, as a durable job; each run queues the next.</summary>
public sealed record RetentionJob
{
    public const string Kind = "retention-run";
}

internal sealed class RetentionJobHandler(RetentionRun run, RetentionSchedule schedule, IOptions<RetentionOptions> options) : IJobHandler<RetentionJob>
{
    /// <remarks>Idempotent: a repeated run finds nothing left to delete of what the first did (shredded blobs are not candidates).</remarks>
    public async Task HandleAsync(RetentionJob payload, JobContext context, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            await run.RunAsync(dryRun: false, AuditActor.System, cancellationToken);
        }

        await schedule.EnsureScheduledAsync(cancellationToken);
    }
}

/// <summary>Keeps exactly one daily retention job waiting, at the configured time of day (UTC).</summary>
/// <remarks>
/// Called when a process that runs workers starts and after each run. Two processes starting at once may both queue
/// one; the first to run then finds the other waiting and queues none, so the schedule settles at one.
/// </remarks>
public sealed class RetentionSchedule(ClearlineDbContext db, JobQueue queue, IOptions<RetentionOptions> options, TimeProvider time)
{
    public async Task EnsureScheduledAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled || await db.Set<Job>().AnyAsync(j => j.Kind == RetentionJob.Kind && j.State == JobState.Queued, ct))
        {
            return;
        }

        queue.Enqueue(RetentionJob.Kind, new RetentionJob(), runAfter: NextRun(time.GetUtcNow(), options.Value.DailyAt));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The next time of day <paramref name="at"/> (UTC) strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeSpan at)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + at;
        return today > now ? today : today.AddDays(1);
    }
}
