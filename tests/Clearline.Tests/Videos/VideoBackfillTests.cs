using Clearline.Audit;
using Clearline.Database;
using Clearline.Jobs;
using Clearline.Media;
using Clearline.MediaItems;
using Clearline.Tests.Infrastructure;
using Clearline.Videos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Videos;

/// <summary>Videos stored before video hashing existed are queued once by the operator's backfill, and never twice.</summary>
public sealed class VideoBackfillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Backfill_QueuesEachUnhashedVideoOnce_AndLeavesImagesAndHashedVideos(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, new Dictionary<string, string?> { ["Workers:Enabled"] = "false" });
        var (unhashed, hashed, image) = (Sha('a'), Sha('b'), Sha('c'));
        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            db.AddRange(Item(unhashed, MediaFormat.Mp4), Item(hashed, MediaFormat.WebM), Item(image, MediaFormat.Png));
            db.Add(new VideoHash { MediaSha256 = hashed, QueuedAt = DateTimeOffset.UtcNow, HashedAt = DateTimeOffset.UtcNow, ErrorCode = "corrupt" });
            return await db.SaveChangesAsync(Ct);
        });

        var counted = await app.AsSystemAsync(sp => sp.GetRequiredService<VideoBackfill>().QueueAsync(dryRun: true, Ct));
        var queued = await app.AsSystemAsync(sp => sp.GetRequiredService<VideoBackfill>().QueueAsync(dryRun: false, Ct));
        var again = await app.AsSystemAsync(sp => sp.GetRequiredService<VideoBackfill>().QueueAsync(dryRun: false, Ct));

        Assert.Equal((1, 1, 0), (counted, queued, again));
        var (rows, jobs, audits) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            return (
                await db.Set<VideoHash>().AsNoTracking().OrderBy(v => v.MediaSha256).Select(v => new { v.MediaSha256, v.HashedAt }).ToListAsync(Ct),
                await db.Set<Job>().AsNoTracking().Where(j => j.Kind == HashVideoJob.Kind).Select(j => j.Payload).ToListAsync(Ct),
                await db.Set<AuditEntry>().AsNoTracking().CountAsync(a => a.Action == AuditAction.VideoHashesBackfilled, Ct));
        });
        Assert.Equal([(unhashed, (DateTimeOffset?)null), (hashed, rows[1].HashedAt)], rows.Select(r => (r.MediaSha256, r.HashedAt)));
        Assert.Contains(unhashed, Assert.Single(jobs), StringComparison.Ordinal);
        Assert.Equal(1, audits);
    }

    private static string Sha(char c) => new(c, 64);

    private static MediaItem Item(string sha, MediaFormat format) => new()
    {
        Sha256 = sha, Md5 = sha[..32], Sha1 = sha[..40], Format = format, ByteLength = 1000, FirstSeenAt = DateTimeOffset.UtcNow,
    };
}
