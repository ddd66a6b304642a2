using System.Buffers.Text;
using Clearline.Events;
using Clearline.HashLists;
using Clearline.HashLists.Formats;
using Clearline.Media.Pdq;

namespace Clearline.Exchange.Ncmec;

/// <summary>What one page changed in the list.</summary>
public sealed record NcmecPageResult(int Added, long Unchanged, int Deleted, int Skipped, string? LastSkipped);

/// <summary>
/// Applies one page of entries to the list, in the caller's transaction: each NCMEC entry (type, member, id) keeps its
/// own list entry (<see cref="NcmecListedEntry"/>). A deletion tombstones it; an entry with the same fingerprints and
/// classification is unchanged; with other fingerprints or another classification the old one is tombstoned and the
/// new one added.
/// </summary>
/// <remarks>
/// Entries are not merged across members: two members sharing the same fingerprints each have an entry, so one
/// member's deletion leaves the other's matching. Within a page the last word on an entry wins. Fingerprints
/// Clearline cannot use (NetClean, Videntifier, TMK, …) are left out; an entry left with none is skipped and
/// counted, never fatal.
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
        var held = await LiveEntriesAsync(listId, [.. latest.Keys], ct);
        int deleted = 0, unchanged = 0;
        var added = new List<(string Key, HashListEntry Entry)>();
        foreach (var entry in latest.Values)
        {
            var live = held.GetValueOrDefault(entry.Key);
            if (entry.Deleted)
            {
                deleted += live is not null && await store.TombstoneAsync(live.Id, "deleted by NCMEC", userId: null, ct) ? 1 : 0;
                continue;
            }

            if (ToEntry(entry, out var problem) is not { } value)
            {
                skipped++;
                lastSkipped = problem;
                continue;
            }

            if (live is not null)
            {
                var sameFingerprints = (value.Md5, value.Sha1, value.Pdq?.ToString(), value.PhotoDna) == (live.Md5, live.Sha1, live.Pdq, live.PhotoDna);
                if (sameFingerprints && string.Equals(value.Category, live.Category, StringComparison.Ordinal))
                {
                    unchanged++;
                    continue;
                }

                await store.TombstoneAsync(
                    live.Id, sameFingerprints ? "replaced by NCMEC (another classification)" : "changed by NCMEC (other fingerprints)", userId: null, ct);
            }

            added.Add((entry.Key, value));
        }

        if (added.Count > 0)
        {
            var rows = await store.AddAsync(listId, [.. added.Select(a => a.Entry)], ct);
            var keys = added.Select(a => a.Key).ToList();
            await db.Set<NcmecListedEntry>().Where(e => e.HashListId == listId && keys.Contains(e.Key)).ExecuteDeleteAsync(ct);
            db.AddRange(added.Zip(rows, (a, row) => new NcmecListedEntry { HashListId = listId, Key = a.Key, KnownHashId = row.Id }));
            await events.AnnounceAsync(new HashListChanged(listId), ct);
            await db.SaveChangesAsync(ct);
        }

        return new NcmecPageResult(added.Count, unchanged, deleted, skipped, lastSkipped);
    }

    /// <summary>The live list entries the NCMEC entries <paramref name="keys"/> became, by key.</summary>
    private async Task<Dictionary<string, LiveEntry>> LiveEntriesAsync(Guid listId, List<string> keys, CancellationToken ct) =>
        keys.Count == 0
            ? []
            : await (from e in db.Set<NcmecListedEntry>().AsNoTracking()
                     join h in db.Set<KnownHash>().AsNoTracking() on e.KnownHashId equals h.Id
                     where e.HashListId == listId && keys.Contains(e.Key) && h.TombstonedAt == null
                     select new LiveEntry(e.Key, h.Id, h.Md5, h.Sha1, h.Pdq, h.PhotoDna, h.Category))
                .ToDictionaryAsync(e => e.Key, StringComparer.Ordinal, ct);

    private sealed record LiveEntry(string Key, long Id, string? Md5, string? Sha1, string? Pdq, string? PhotoDna, string? Category);

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
