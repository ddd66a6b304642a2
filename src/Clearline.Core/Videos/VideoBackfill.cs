using System.Globalization;
using Clearline.Jobs;
using Clearline.MediaItems;

namespace Clearline.Videos;

/// <summary>
/// Queues the vPDQ of videos stored before video hashing existed (those with no <see cref="VideoHash"/> row), as if
/// they had just been stored: a pending row and a <see cref="HashVideoJob"/> each, then matching once hashed. An
/// operator runs it once after upgrading (<c>clearline video backfill</c>).
/// </summary>
/// <remarks>
/// Batches of <see cref="BatchSize"/>, each committed with its audit entry, so an interrupted run resumes where it
/// stopped. While a backfilled video is pending it waits outside the analyst's queue, as a newly crawled one does.
/// Animated GIF and WebP images stored earlier are not included: telling them from still ones means decoding every one.
/// </remarks>
public sealed class VideoBackfill(ClearlineDbContext db, UnitOfWork work, JobQueue jobs, AuditTrail audit, TimeProvider time)
{
    public const int BatchSize = 500;

    /// <summary>Queues every unhashed video, or only counts them when <paramref name="dryRun"/>; returns how many.</summary>
    public async Task<int> QueueAsync(bool dryRun, CancellationToken ct)
    {
        var formats = Enum.GetValues<MediaFormat>().Where(f => f.IsVideo()).ToList();
        var unhashed = db.Set<MediaItem>().AsNoTracking()
            .Where(m => formats.Contains(m.Format) && !db.Set<VideoHash>().Any(v => v.MediaSha256 == m.Sha256))
            .OrderBy(m => m.Sha256)
            .Select(m => m.Sha256);
        if (dryRun)
        {
            return await unhashed.CountAsync(ct);
        }

        var queued = 0;
        while (await unhashed.Take(BatchSize).ToListAsync(ct) is { Count: > 0 } batch)
        {
            await using var transaction = await work.BeginAsync(ct);
            var now = time.GetUtcNow();
            foreach (var sha in batch)
            {
                db.Add(new VideoHash { MediaSha256 = sha, QueuedAt = now });
                jobs.Enqueue(HashVideoJob.Kind, new HashVideoJob(sha), maxAttempts: HashVideoJob.MaxAttempts);
            }

            await audit.AppendAsync(
                new AuditEvent(AuditAction.VideoHashesBackfilled, AuditActor.System, Detail: string.Create(CultureInfo.InvariantCulture, $"{batch.Count} videos queued")),
                ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            queued += batch.Count;
        }

        return queued;
    }
}
