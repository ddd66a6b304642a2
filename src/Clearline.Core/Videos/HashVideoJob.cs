using Clearline.Crawling;
using Clearline.Events;
using Clearline.Jobs;
using Clearline.MediaItems;
using Microsoft.Extensions.Logging;

namespace Clearline.Videos;

/// <summary>The durable job that computes one stored video's vPDQ (<see cref="VideoHasher"/>).</summary>
public sealed record HashVideoJob(string MediaSha256)
{
    public const string Kind = "hash-video";

    /// <summary>
    /// Attempts before the job gives up. Bad input is not retried (it is a recorded failure on the first attempt);
    /// attempts are for the unexpected (the database away), and the last one records a failure instead of throwing,
    /// so that the video is never left pending and hidden from the analyst.
    /// </summary>
    public const int MaxAttempts = 3;
}

/// <summary>
/// Queues the hashing of newly stored videos, in the unit of work that stores them, and writes each one's pending
/// <see cref="VideoHash"/> row there too: from that commit on the video waits for its hash, never for an analyst.
/// GIF and WebP images are queued too, without a pending row (most are still images, which the job leaves alone;
/// an animated one is hashed per frame and matched once its hash is recorded).
/// </summary>
public sealed class QueueStoredVideos(ClearlineDbContext db, JobQueue jobs, TimeProvider time) : IEventObserver<MediaStored>
{
    public async Task OnAsync(MediaStored happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        var shas = happened.MediaSha256.ToHashSet(StringComparer.Ordinal);

        // The storing unit of work has added the items but not saved them yet: read its own, then the database.
        var formats = db.Set<MediaItem>().Local.Where(m => shas.Contains(m.Sha256)).ToDictionary(m => m.Sha256, m => m.Format, StringComparer.Ordinal);
        var unseen = shas.Where(s => !formats.ContainsKey(s)).ToList();
        if (unseen.Count > 0)
        {
            foreach (var stored in await db.Set<MediaItem>().AsNoTracking().Where(m => unseen.Contains(m.Sha256)).Select(m => new { m.Sha256, m.Format }).ToListAsync(ct))
            {
                formats[stored.Sha256] = stored.Format;
            }
        }

        var hashed = formats.Where(f => VideoHash.AppliesTo(f.Value)).Select(f => f.Key).ToList();
        if (hashed.Count == 0)
        {
            return;
        }

        var recorded = await db.Set<VideoHash>().AsNoTracking().Where(v => hashed.Contains(v.MediaSha256)).Select(v => v.MediaSha256).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var sha in hashed.Except(recorded).Order(StringComparer.Ordinal))
        {
            if (!VideoHash.MayBeAnimated(formats[sha]))
            {
                db.Add(new VideoHash { MediaSha256 = sha, QueuedAt = now });
            }

            jobs.Enqueue(HashVideoJob.Kind, new HashVideoJob(sha), maxAttempts: HashVideoJob.MaxAttempts);
        }
    }
}

public sealed partial class HashVideoJobHandler(VideoHasher hasher, ILogger<HashVideoJobHandler> logger) : IJobHandler<HashVideoJob>
{
    public async Task HandleAsync(HashVideoJob payload, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await hasher.HashAsync(payload.MediaSha256, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && context.Attempt >= HashVideoJob.MaxAttempts)
        {
            LogGaveUp(logger, ex.GetType().Name, context.Attempt);
            await hasher.RecordFailureAsync(
                payload.MediaSha256, new MediaError(MediaErrorKind.Unreadable, $"hashing failed {context.Attempt} times ({ex.GetType().Name})"), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A video could not be hashed ({ErrorType}) on attempt {Attempt}; its failure is recorded and it goes to the analyst.")]
    private static partial void LogGaveUp(ILogger logger, string errorType, int attempt);
}
