using Clearline.HashLists.Formats;

namespace Clearline.HashLists.Import;

/// <summary>
/// The hashes that make two entries of one list "the same item": all six (a video's vPDQ as its stored lines), nulls included. An entry with the same
/// identity and category is unchanged; with another category it replaces the old one.
/// </summary>
internal readonly record struct KnownHashIdentity(string? Md5, string? Sha1, string? Sha256, string? Pdq, string? PhotoDna, string? Vpdq)
{
    public static KnownHashIdentity Of(HashListEntry entry) =>
        new(entry.Md5, entry.Sha1, entry.Sha256, entry.Pdq?.ToString(), entry.PhotoDna, entry.Vpdq);

    /// <summary>
    /// The entries, one per identity (the last of two equal ones wins), and how many repeated an earlier one: what
    /// <see cref="HashListStore.MergeAsync"/> takes.
    /// </summary>
    public static (IReadOnlyList<HashListEntry> Entries, int Repeated) Distinct(IReadOnlyCollection<HashListEntry> entries)
    {
        var distinct = new Dictionary<KnownHashIdentity, HashListEntry>(entries.Count);
        foreach (var entry in entries)
        {
            distinct[Of(entry)] = entry;
        }

        return ([.. distinct.Values], entries.Count - distinct.Count);
    }
}
