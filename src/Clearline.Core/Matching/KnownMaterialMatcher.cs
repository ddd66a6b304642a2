using Clearline.HashLists;
using Clearline.Media.Pdq;
using Clearline.Media.Video;

namespace Clearline.Matching;

/// <summary>
/// The hashes of one thing to look up: a media item's, or what a partner asks about. Hex is compared in lower case.
/// <see cref="Pdq"/> holds the hashes to query with, the item's own first and then its rotations and mirrors;
/// leave it empty when there is no PDQ or its quality is below the gate. <see cref="Vpdq"/> holds a video's hashed
/// frames, met with known videos by <see cref="KnownVideoIndex"/>.
/// </summary>
public sealed record HashQuery(
    string? Md5 = null,
    string? Sha1 = null,
    string? Sha256 = null,
    string? PhotoDna = null,
    IReadOnlyList<PdqHash>? Pdq = null,
    IReadOnlyList<VpdqFeature>? Vpdq = null);

/// <summary>
/// One entry of one list that a query met: through which hash, at what PDQ distance and transform, or for a video
/// (<see cref="MatchedHash.Vpdq"/>) with what share of frames found each way (<see cref="Video"/>).
/// </summary>
public sealed record KnownMatch(KnownHash Entry, HashList List, MatchedHash Hash, int Distance, int Transform)
{
    public bool IsExact => Hash is not (MatchedHash.Pdq or MatchedHash.Vpdq);

    /// <summary>The video comparison, for a <see cref="MatchedHash.Vpdq"/> match.</summary>
    public VpdqComparison? Video { get; init; }
}

/// <summary>
/// Looks hashes up in every active list a viewer may use: the cryptographic hashes and PhotoDNA through the
/// database's indexes (exact maps that are always current on every process), PDQ through the
/// <see cref="KnownPdqIndex"/>, videos through the <see cref="KnownVideoIndex"/>. Tombstoned entries and disabled lists never match.
/// </summary>
public sealed class KnownMaterialMatcher(ClearlineDbContext db, KnownPdqIndex pdqIndex, KnownVideoIndex videoIndex)
{
    private static readonly MatchedHash[] ExactKinds = [MatchedHash.Md5, MatchedHash.Sha1, MatchedHash.Sha256, MatchedHash.PhotoDna];

    /// <summary>Builds this process's PDQ index now (or catches it up), so that the first lookup does not wait for it.</summary>
    public async Task WarmUpAsync(CancellationToken ct)
    {
        await pdqIndex.CatchUpAsync(db, ct);
        await videoIndex.CatchUpAsync(db, ct);
    }

    /// <summary>
    /// The matches of each query, in the queries' order, best first (exact hashes, then by PDQ distance, then videos
    /// by the share of frames found).
    /// A null <paramref name="viewer"/> matches against every list (the system, at ingest).
    /// </summary>
    public async Task<IReadOnlyList<KnownMatch>[]> FindAsync(IReadOnlyList<HashQuery> queries, HashListViewer? viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var results = new Dictionary<long, KnownMatch>[queries.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = [];
        }

        if (queries.Count == 0)
        {
            return [];
        }

        var listQuery = db.Set<HashList>().AsNoTracking().Where(l => l.Active);
        var visible = viewer is null ? listQuery : listQuery.Where(HashListAccess.VisibleTo(viewer));
        foreach (var kind in ExactKinds)
        {
            await FindExactAsync(queries, kind, visible, results, ct);
        }

        // The lists are read only for PDQ and video candidates: an exact lookup joins them in its own query, so a
        // partner's single-hash check costs one round trip, not two.
        var lists = new VisibleLists(visible);
        await FindPdqAsync(queries, lists, results, ct);
        await FindVideosAsync(queries, lists, results, ct);

        return [.. results.Select(r => (IReadOnlyList<KnownMatch>)[.. r.Values
            .OrderBy(m => m.IsExact ? 0 : m.Hash == MatchedHash.Pdq ? 1 : 2)
            .ThenBy(m => m.Distance)
            .ThenByDescending(m => m.Video?.QueryPercent ?? 0)
            .ThenByDescending(m => m.Video?.ComparedPercent ?? 0)
            .ThenBy(m => m.Entry.Id)])];
    }

    private async Task FindExactAsync(
        IReadOnlyList<HashQuery> queries, MatchedHash kind, IQueryable<HashList> visible, Dictionary<long, KnownMatch>[] results, CancellationToken ct)
    {
        var wanted = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < queries.Count; i++)
        {
            if (Normalise(Value(queries[i], kind), kind) is { } value)
            {
                (wanted.TryGetValue(value, out var at) ? at : wanted[value] = []).Add(i);
            }
        }

        if (wanted.Count == 0)
        {
            return;
        }

        var values = wanted.Keys.ToList();
        var live = db.Set<KnownHash>().AsNoTracking().Where(h => h.TombstonedAt == null);
        var found = await (kind switch
        {
            MatchedHash.Md5 => live.Where(h => values.Contains(h.Md5!)),
            MatchedHash.Sha1 => live.Where(h => values.Contains(h.Sha1!)),
            MatchedHash.Sha256 => live.Where(h => values.Contains(h.Sha256!)),
            _ => live.Where(h => values.Contains(h.PhotoDna!)),
        }).Join(visible, h => h.HashListId, l => l.Id, (h, l) => new { Entry = h, List = l }).ToListAsync(ct);
        foreach (var (entry, list) in found.Select(f => (f.Entry, f.List)))
        {
            if (wanted.TryGetValue(Value(entry, kind)!, out var at))
            {
                foreach (var i in at)
                {
                    Keep(results[i], new KnownMatch(entry, list, kind, 0, 0));
                }
            }
        }
    }

    private static string? Value(HashQuery query, MatchedHash kind) => kind switch
    {
        MatchedHash.Md5 => query.Md5,
        MatchedHash.Sha1 => query.Sha1,
        MatchedHash.Sha256 => query.Sha256,
        _ => query.PhotoDna,
    };

    private static string? Value(KnownHash entry, MatchedHash kind) => kind switch
    {
        MatchedHash.Md5 => entry.Md5,
        MatchedHash.Sha1 => entry.Sha1,
        MatchedHash.Sha256 => entry.Sha256,
        _ => entry.PhotoDna,
    };

    private async Task FindPdqAsync(IReadOnlyList<HashQuery> queries, VisibleLists visible, Dictionary<long, KnownMatch>[] results, CancellationToken ct)
    {
        if (!queries.Any(q => q.Pdq is { Count: > 0 }))
        {
            return;
        }

        var index = await pdqIndex.CatchUpAsync(db, ct);
        var found = new List<(int Query, Media.Matching.PdqMatch Match)>();
        for (var i = 0; i < queries.Count; i++)
        {
            if (queries[i].Pdq is { Count: > 0 } hashes)
            {
                var query = i;
                found.AddRange(index.Query([.. hashes], pdqIndex.Threshold).Select(m => (query, m)));
            }
        }

        if (found.Count == 0)
        {
            return;
        }

        var lists = await visible.GetAsync(ct);
        var ids = found.Select(f => f.Match.Id).Distinct().ToList();
        var entries = await db.Set<KnownHash>().AsNoTracking()
            .Where(h => ids.Contains(h.Id) && h.TombstonedAt == null)
            .ToDictionaryAsync(h => h.Id, ct);
        foreach (var (query, match) in found)
        {
            if (entries.TryGetValue(match.Id, out var entry) && lists.TryGetValue(entry.HashListId, out var list))
            {
                Keep(results[query], new KnownMatch(entry, list, MatchedHash.Pdq, match.Distance, match.Transform));
            }
        }
    }

    private async Task FindVideosAsync(IReadOnlyList<HashQuery> queries, VisibleLists visible, Dictionary<long, KnownMatch>[] results, CancellationToken ct)
    {
        if (!queries.Any(q => q.Vpdq is { Count: > 0 }))
        {
            return;
        }

        var lists = await visible.GetAsync(ct);
        var found = new List<(int Query, KnownVideoMatch Match)>();
        for (var i = 0; i < queries.Count; i++)
        {
            if (queries[i].Vpdq is { Count: > 0 } features)
            {
                var query = i;
                found.AddRange((await videoIndex.FindAsync(db, features, ct)).Where(m => lists.ContainsKey(m.HashListId)).Select(m => (query, m)));
            }
        }

        if (found.Count == 0)
        {
            return;
        }

        var ids = found.Select(f => f.Match.EntryId).Distinct().ToList();
        var entries = await db.Set<KnownHash>().AsNoTracking()
            .Where(h => ids.Contains(h.Id) && h.TombstonedAt == null)
            .ToDictionaryAsync(h => h.Id, ct);
        foreach (var (query, match) in found)
        {
            if (entries.TryGetValue(match.EntryId, out var entry) && lists.TryGetValue(entry.HashListId, out var list))
            {
                Keep(results[query], new KnownMatch(entry, list, MatchedHash.Vpdq, 0, 0) { Video = match.Comparison });
            }
        }
    }

    /// <summary>One match per entry: an exact hash beats PDQ and vPDQ, a smaller distance beats a larger one.</summary>
    private static void Keep(Dictionary<long, KnownMatch> matches, KnownMatch match)
    {
        if (!matches.TryGetValue(match.Entry.Id, out var kept)
            || (match.IsExact && !kept.IsExact)
            || (match.IsExact == kept.IsExact && match.Distance < kept.Distance))
        {
            matches[match.Entry.Id] = match;
        }
    }

    /// <summary>The active lists the viewer may use, read once and only when a PDQ or video candidate needs them.</summary>
    private sealed class VisibleLists(IQueryable<HashList> visible)
    {
        private Dictionary<Guid, HashList>? _lists;

        public async Task<Dictionary<Guid, HashList>> GetAsync(CancellationToken ct) => _lists ??= await visible.ToDictionaryAsync(l => l.Id, ct);
    }

    /// <summary>Lower-case hex for the hex hashes; PhotoDNA (base64) as written. Blank is nothing.</summary>
    private static string? Normalise(string? value, MatchedHash kind) =>
        string.IsNullOrWhiteSpace(value) ? null
        : kind == MatchedHash.PhotoDna ? value.Trim()
        : value.Trim().ToLowerInvariant();
}
