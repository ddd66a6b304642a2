using Clearline.HashLists;
using Clearline.MediaItems;
using Clearline.Videos;

namespace Clearline.Classification;

/// <summary>
/// Keeps <see cref="HashList.NetworkListId"/>, the list of what the network's analysts decided, so that a copy of a
/// classified item (re-encoded, resized, mirrored) meets that decision like any known material. Each entry holds the
/// item's hashes (a video's vPDQ too, when it has one), the verdict's name as its category, and the classification's
/// id as its source id.
/// </summary>
public sealed class NetworkClassificationList(ClearlineDbContext db, HashListStore store, TimeProvider time)
{
    /// <summary>Adds a decision, in the caller's transaction, and tombstones the entries of the decisions it supersedes.</summary>
    public async Task RecordAsync(MediaClassification classification, IReadOnlyCollection<Guid> superseded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(superseded);
        foreach (var id in superseded)
        {
            await WithdrawAsync(id, $"Superseded by classification {classification.Id:D}.", classification.UserId, ct);
        }

        var item = await db.Set<MediaItem>().AsNoTracking().FirstAsync(m => m.Sha256 == classification.MediaSha256, ct);
        var vpdq = VideoHash.AppliesTo(item.Format)
            ? await db.Set<VideoHash>().AsNoTracking()
                .Where(v => v.MediaSha256 == item.Sha256 && v.ErrorCode == null)
                .Select(v => v.Vpdq)
                .FirstOrDefaultAsync(ct)
            : null;
        await store.AddAsync(
            [new KnownHash
            {
                HashListId = HashList.NetworkListId,
                Md5 = item.Md5,
                Sha1 = item.Sha1,
                Sha256 = item.Sha256,
                Pdq = item.Pdq,
                PdqQuality = item.PdqQuality,
                Vpdq = vpdq,
                Category = classification.Verdict.ToString(),
                SourceId = classification.Id.ToString("D"),
                AddedAt = time.GetUtcNow(),
            }],
            ct);
    }

    /// <summary>Tombstones the entries of a decision that no longer holds (superseded or undone).</summary>
    public async Task WithdrawAsync(Guid classificationId, string reason, Guid? userId, CancellationToken ct)
    {
        var sourceId = classificationId.ToString("D");
        var entries = await db.Set<KnownHash>().AsNoTracking()
            .Where(h => h.HashListId == HashList.NetworkListId && h.SourceId == sourceId && h.TombstonedAt == null)
            .Select(h => h.Id)
            .ToListAsync(ct);
        foreach (var entry in entries)
        {
            await store.TombstoneAsync(entry, reason, userId, ct);
        }
    }
}
