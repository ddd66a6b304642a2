using System.Buffers.Text;
using Clearline.Events;
using Clearline.HashLists;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.Media.Pdq;

namespace Clearline.Exchange.Ncmec;

/// <summary>What one page changed in the list.</summary>
public sealed record NcmecPageResult(int Added, long Unchanged, int Deleted, int Skipped, string? LastSkipped);

/// <summary>
/// Applies one page of entries to the list, in the caller's transaction: deletions become tombstones, new and changed
/// entries are added with the import's de-duplication rules (<see cref="KnownHashIdentity"/>: an entry whose hashes and
/// classification the list already holds is unchanged; with another classification it replaces the old one).
/// </summary>
/// <remarks>
/// An entry NCMEC changed (the same member and id with other fingerprints) replaces its old entry. Within a page the
/// last word on an entry wins. Fingerprints Clearline cannot use (NetClean, Videntifier, TMK, …) are left out; an
/// entry left with none is skipped and counted, never fatal.
/// </remarks>
public sealed class NcmecPageApplier(ClearlineDbContext db, HashListStore store, EventAnnouncer events)
{
    private const int MaxCategoryLength = 50;
    private const int MaxSourceIdLength = 200;
    private const int MaxPhotoDnaLength = 400;

    public async Task<NcmecPageResult> ApplyAsync(Guid listId, NcmecEntriesPage page, CancellationToken ct)
    {
        var latest = new Dictionary<string, NcmecEntry>(StringComparer.Ordinal);
        foreach (var entry in page.Entries)
        {
            latest.Remove(entry.Key);
            latest[entry.Key] = entry;
        }

        var skipped = page.Unreadable.Count;
        var lastSkipped = page.Unreadable.Count > 0 ? page.Unreadable[^1] : null;
        var upserts = new Dictionary<string, HashListEntry>(StringComparer.Ordinal);
        foreach (var entry in latest.Values.Where(e => !e.Deleted))
        {
            if (ToEntry(entry, out var problem) is { } value)
            {
                upserts[entry.Key] = value;
            }
            else
            {
                skipped++;
                lastSkipped = problem;
            }
        }

        var deleted = await TombstoneDeletedAndChangedAsync(listId, latest, upserts, ct);
        var (entries, repeated) = KnownHashIdentity.Distinct(upserts.Values);
        var merged = await store.MergeAsync(listId, importId: null, entries, "replaced by NCMEC (another classification)", by: null, ct);
        if (merged.Added > 0)
        {
            await events.AnnounceAsync(new HashListChanged(listId), ct);
            await db.SaveChangesAsync(ct);
        }

        return new NcmecPageResult(merged.Added, repeated + merged.Unchanged, deleted, skipped, lastSkipped);
    }

    /// <summary>Tombstones the live entries NCMEC deleted, and those of entries it changed to other fingerprints.</summary>
    private async Task<int> TombstoneDeletedAndChangedAsync(
        Guid listId, Dictionary<string, NcmecEntry> latest, Dictionary<string, HashListEntry> upserts, CancellationToken ct)
    {
        var keys = latest.Keys.ToList();
        var live = await db.Set<KnownHash>().AsNoTracking()
            .Where(h => h.HashListId == listId && h.TombstonedAt == null && h.SourceId != null && keys.Contains(h.SourceId))
            .Select(h => new { h.Id, h.SourceId, h.Md5, h.Sha1, h.Pdq, h.PhotoDna })
            .ToListAsync(ct);
        var deleted = 0;
        foreach (var row in live)
        {
            if (latest[row.SourceId!].Deleted)
            {
                deleted += await store.TombstoneAsync(row.Id, "deleted by NCMEC", userId: null, ct) ? 1 : 0;
            }
            else if (upserts.TryGetValue(row.SourceId!, out var value)
                && (value.Md5, value.Sha1, value.Pdq?.ToString(), value.PhotoDna) != (row.Md5, row.Sha1, row.Pdq, row.PhotoDna))
            {
                await store.TombstoneAsync(row.Id, "changed by NCMEC (other fingerprints)", userId: null, ct);
            }
        }

        return deleted;
    }

    /// <summary>The entry as the list keeps it, or null (and why) when nothing of it can be kept.</summary>
    private static HashListEntry? ToEntry(NcmecEntry entry, out string? problem)
    {
        problem = null;
        if (entry.Key.Length > MaxSourceIdLength)
        {
            problem = $"An entry's member and id are longer than {MaxSourceIdLength} characters.";
            return null;
        }

        if (entry.Classification is { Length: > MaxCategoryLength })
        {
            problem = $"Entry {entry.Key}: its classification is longer than {MaxCategoryLength} characters.";
            return null;
        }

        var md5 = Hex(entry.Fingerprints.GetValueOrDefault("md5"), 32);
        var sha1 = Hex(entry.Fingerprints.GetValueOrDefault("sha1"), 40);
        PdqHash? pdq = PdqHash.TryParse(entry.Fingerprints.GetValueOrDefault("pdq"), out var parsed) ? parsed : null;
        var photoDna = entry.Fingerprints.GetValueOrDefault("pdna") is { Length: > 0 and <= MaxPhotoDnaLength } pdna && Base64.IsValid(pdna) ? pdna : null;
        if (md5 is null && sha1 is null && pdq is null && photoDna is null)
        {
            problem = $"Entry {entry.Key}: no MD5, SHA-1, PhotoDNA or PDQ fingerprint Clearline can use.";
            return null;
        }

        return new HashListEntry(md5, sha1, Sha256: null, pdq, PdqQuality: null, photoDna, entry.Classification, entry.Key);
    }

    private static string? Hex(string? value, int length) =>
        value is not null && value.Length == length && value.All(char.IsAsciiHexDigit) ? value.ToLowerInvariant() : null;
}
