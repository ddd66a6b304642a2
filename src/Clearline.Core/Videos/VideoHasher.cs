using System.Globalization;
using Clearline.Events;
using Clearline.Media.Video;
using Clearline.MediaItems;
using Clearline.Previews;
using Clearline.Storage;
using Microsoft.Extensions.Options;

namespace Clearline.Videos;

/// <summary>
/// Computes a stored video's vPDQ (<see cref="VpdqHasher"/>) from its decrypted bytes, fed to ffmpeg as previews
/// feed it (<see cref="VideoSource"/>: standard input, or a private temporary file when an MP4's index comes last),
/// bounded by <see cref="VideoOptions"/>, and records it, or the typed failure, in <see cref="VideoHash"/>.
/// </summary>
/// <remarks>
/// A hostile or broken video never throws here: its <see cref="MediaError"/> is recorded and the video goes to the
/// analyst like any unmatched one. Recording announces <see cref="VideoHashed"/>, in the same unit of work, for
/// matching. Idempotent: a video already hashed is left as it is.
/// </remarks>
public sealed class VideoHasher(
    ClearlineDbContext db,
    UnitOfWork work,
    MediaStore store,
    EventAnnouncer events,
    AuditTrail audit,
    TimeProvider time,
    IOptions<VideoOptions> options,
    IOptions<VideoPreviewOptions> ffmpeg)
{
    /// <summary>The bounds and frame selection of <see cref="VideoOptions"/>, with the previews' ffmpeg.</summary>
    public VpdqHashOptions HashOptions => new()
    {
        SecondsPerHash = options.Value.SecondsPerHash,
        MaxDuration = options.Value.MaxDuration,
        MaxFrames = options.Value.MaxFrames,
        TimeBudget = options.Value.TimeBudget,
        FfmpegPath = ffmpeg.Value.FfmpegPath,
    };

    /// <summary>Hashes the video and records the outcome; nothing when it is already hashed or not a stored video.</summary>
    public async Task HashAsync(string mediaSha256, CancellationToken ct)
    {
        var done = await db.Set<VideoHash>().AsNoTracking().AnyAsync(v => v.MediaSha256 == mediaSha256 && v.HashedAt != null, ct);
        var item = await db.Set<MediaItem>().AsNoTracking().FirstOrDefaultAsync(m => m.Sha256 == mediaSha256, ct);
        if (done || item is null || !VideoHash.AppliesTo(item.Format))
        {
            return;
        }

        var hashOptions = HashOptions;
        var result = VideoHash.MayBeAnimated(item.Format) ? await AnimationAsync(item, hashOptions, ct) : await ComputeAsync(item, hashOptions, ct);
        if (result is not null)
        {
            await RecordAsync(mediaSha256, result, hashOptions.SecondsPerHash, ct);
        }
    }

    /// <summary>Records a failure that was not the video's fault (after the job's last attempt), so that the video is not left pending.</summary>
    public Task RecordFailureAsync(string mediaSha256, MediaError error, CancellationToken ct) =>
        RecordAsync(mediaSha256, new VpdqHashResult(null, error), options.Value.SecondsPerHash, ct);

    private async Task<VpdqHashResult> ComputeAsync(MediaItem item, VpdqHashOptions hashOptions, CancellationToken ct)
    {
        await using var source = await VideoSource.PrepareAsync(item.Format, token => OpenAsync(item.Sha256, token), ct);
        if (source is null)
        {
            return new VpdqHashResult(null, new MediaError(MediaErrorKind.Unsupported, "the container is not one ffmpeg is asked to read, or the stored bytes could not be read"));
        }

        return await VpdqHasher.HashAsync(source.ToVideoInput(), hashOptions, ct);
    }

    /// <summary>An animated GIF or WebP hashed per frame (<see cref="AnimationVpdq"/>); null for a still image, which gets no row.</summary>
    private async Task<VpdqHashResult?> AnimationAsync(MediaItem item, VpdqHashOptions hashOptions, CancellationToken ct)
    {
        await using var content = await OpenAsync(item.Sha256, ct);
        if (content is null)
        {
            return new VpdqHashResult(null, new MediaError(MediaErrorKind.Unreadable, "the stored bytes could not be read"));
        }

        using var bytes = new MemoryStream();
        await content.CopyToAsync(bytes, ct);
        return AnimationVpdq.IsAnimated(bytes.GetBuffer().AsSpan(0, (int)bytes.Length))
            ? AnimationVpdq.Hash(bytes.GetBuffer().AsSpan(0, (int)bytes.Length), hashOptions, ct)
            : null;
    }

    private async Task<Stream?> OpenAsync(string mediaSha256, CancellationToken ct) =>
        await store.OpenReadAsync(mediaSha256, ct) is BlobReadResult.Ok ok ? ok.Content : null;

    private async Task RecordAsync(string mediaSha256, VpdqHashResult result, double secondsPerHash, CancellationToken ct)
    {
        await using var transaction = await work.BeginAsync(ct);
        var row = await db.Set<VideoHash>().FirstOrDefaultAsync(v => v.MediaSha256 == mediaSha256, ct);
        if (row?.HashedAt is not null)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (row is null)
        {
            row = new VideoHash { MediaSha256 = mediaSha256, QueuedAt = now };
            db.Add(row);
        }

        row.HashedAt = now;
        row.SecondsPerHash = secondsPerHash;
        if (result.Video is { } video)
        {
            row.Vpdq = VpdqText.ToReferenceLines(video.Features);
            row.FrameCount = video.Features.Count;
        }
        else
        {
            var error = result.Error ?? new MediaError(MediaErrorKind.Corrupt, "no hash");
            row.ErrorCode = error.Code;
            row.ErrorMessage = error.Message.Length > 500 ? error.Message[..500] : error.Message;
        }

        await audit.AppendAsync(
            new AuditEvent(
                result.Succeeded ? AuditAction.VideoHashed : AuditAction.VideoHashFailed,
                AuditActor.System,
                Target: $"media:{mediaSha256}",
                Detail: result.Video is { } hashed
                    ? string.Create(CultureInfo.InvariantCulture, $"{hashed.Features.Count} frames")
                    : $"{row.ErrorCode}: {row.ErrorMessage}"),
            ct);
        await events.AnnounceAsync(new VideoHashed(mediaSha256, result.Succeeded), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }
}
