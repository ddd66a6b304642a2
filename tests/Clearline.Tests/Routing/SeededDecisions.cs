using Clearline.Classification;
using Clearline.Database;
using Clearline.Media;
using Clearline.MediaItems;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.Routing;

/// <summary>
/// Seeds what routing rests on: an analyst's decision on an item. Content URLs are routed when their item is decided
/// illegal, so a test world that wants routes seeds the decision before it routes the crawl.
/// </summary>
internal static class SeededDecisions
{
    /// <summary>A random SHA-256 in lowercase hex, for an item of its own.</summary>
    public static string NewSha256() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    /// <summary>Adds the item to the unit of work when it is new; the caller saves.</summary>
    public static async Task AddItemAsync(ClearlineDbContext db, string sha256)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Set<MediaItem>().AnyAsync(m => m.Sha256 == sha256) && !db.ChangeTracker.Entries<MediaItem>().Any(e => e.Entity.Sha256 == sha256))
        {
            db.Add(new MediaItem { Sha256 = sha256, Md5 = sha256[..32], Sha1 = sha256[..40], Format = MediaFormat.Png, ByteLength = 100, FirstSeenAt = DateTimeOffset.UtcNow });
        }
    }

    /// <summary>
    /// Adds the item (when new) and an analyst's <paramref name="verdict"/> on it by <paramref name="organisationId"/>
    /// to the unit of work; the caller saves. A National verdict is under <paramref name="jurisdiction"/>.
    /// </summary>
    public static async Task AddAsync(
        ClearlineDbContext db, string sha256, Guid organisationId, Verdict verdict = Verdict.Baseline, string? jurisdiction = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = DateTimeOffset.UtcNow;
        await AddItemAsync(db, sha256);

        db.Add(new MediaClassification
        {
            MediaSha256 = sha256,
            Verdict = verdict,
            Jurisdiction = verdict == Verdict.National ? jurisdiction : null,
            Source = ClassificationSource.Analyst,
            OrganisationId = organisationId,
            ClassifiedAt = now,
        });
    }
}
