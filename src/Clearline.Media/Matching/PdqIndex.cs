using Clearline.Media.Pdq;

namespace Clearline.Media.Matching;

/// <summary>
/// An in-memory PDQ index with exact recall: a query returns every stored hash within the threshold of any of its
/// hashes, never an approximation. Multi-index hashing on flat arrays (<see cref="MihTable"/>) with substrings sized
/// for the number of hashes, plus a small linearly scanned log of recent additions (<see cref="DeltaLog"/>).
/// </summary>
/// <remarks>
/// Thread safety: any number of concurrent queries, lock-free, with one or more writers (writers are serialised).
/// An <see cref="AddAsync"/> or <see cref="Remove"/> is seen by every query that starts after it completes. When the
/// log of recent additions is full, the tables are rebuilt with it on a background thread (seconds at 10 M hashes)
/// while queries and writers go on (see <c>PdqIndex.Rebuild.cs</c>). Should a rebuild fail (out of memory), additions
/// fail with its exception from then on, while queries and removals go on working over every entry.
/// An id may be added more than once (several hashes for one entry); <see cref="Remove"/> removes all its hashes and
/// a query reports each id once.
/// The quality gate (<see cref="PdqMatching.MinimumQuality"/>) is the callers' job for stored hashes: do not add a
/// hash whose quality is below it. For query hashes, the overloads taking a quality apply it.
/// </remarks>
public sealed partial class PdqIndex
{
    /// <summary>The largest supported threshold: beyond 63 bits the substring radii make queries slower than a scan.</summary>
    public const int MaxSupportedThreshold = 63;

    private readonly Lock _writeLock = new();
    private volatile Snapshot _snapshot;
    private int _count;

    /// <summary>Creates an empty index for queries up to <paramref name="maxThreshold"/> bits.</summary>
    public PdqIndex(int maxThreshold = PdqMatching.DefaultThreshold)
        : this(maxThreshold, [], [])
    {
    }

    private PdqIndex(int maxThreshold, long[] ids, PdqHash[] hashes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxThreshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxThreshold, MaxSupportedThreshold);
        MaxThreshold = maxThreshold;
        _snapshot = new Snapshot(BuildTable(ids, hashes), DeltaLog.Empty, NewLog(ids.Length));
        _count = ids.Length;
    }

    /// <summary>The largest threshold a query may use; the substring layout guarantees exact recall up to it.</summary>
    public int MaxThreshold { get; }

    /// <summary>The number of stored hashes, not counting removed ones.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The bytes held by the index's arrays (hashes, ids, tables, tombstones, the log of recent additions).</summary>
    public long MemoryBytes
    {
        get
        {
            var snapshot = _snapshot;
            return snapshot.Table.MemoryBytes + snapshot.Frozen.MemoryBytes + snapshot.Delta.MemoryBytes;
        }
    }

    /// <summary>The substring layout of the current tables, for benchmark reports.</summary>
    internal string Layout => _snapshot.Table.Layout.ToString();

    /// <summary>Builds an index over <paramref name="entries"/> in one pass per substring (counting sort): the start-up path.</summary>
    public static PdqIndex Build(IEnumerable<(long Id, PdqHash Hash)> entries, int maxThreshold = PdqMatching.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!entries.TryGetNonEnumeratedCount(out var count))
        {
            return Build([.. entries], maxThreshold);
        }

        // Straight into the arrays the index keeps: at 10 M hashes, lists and copies would add 400 MB at start-up.
        var ids = new long[count];
        var hashes = new PdqHash[count];
        var filled = 0;
        foreach (var (id, hash) in entries)
        {
            if (filled == count)
            {
                throw new InvalidOperationException("The entries changed while they were read.");
            }

            ids[filled] = id;
            hashes[filled++] = hash;
        }

        return filled == count
            ? new PdqIndex(maxThreshold, ids, hashes)
            : throw new InvalidOperationException("The entries changed while they were read.");
    }

    /// <summary>Stores <paramref name="hash"/> under <paramref name="id"/>; the next query sees it.</summary>
    /// <remarks>
    /// Completes at once, allocating nothing, unless the log of recent additions fills up while the tables are still
    /// being rebuilt in the background; then it waits for that rebuild without holding a thread.
    /// </remarks>
    public ValueTask AddAsync(long id, PdqHash hash, CancellationToken ct = default) =>
        TryAdd(id, hash) is { } rebuild ? AddAfterAsync(rebuild, id, hash, ct) : ValueTask.CompletedTask;

    private async ValueTask AddAfterAsync(Task rebuild, long id, PdqHash hash, CancellationToken ct)
    {
        Task? pending = rebuild;
        while (pending is not null)
        {
            await pending.WaitAsync(ct).ConfigureAwait(false);
            pending = TryAdd(id, hash);
        }
    }

    /// <summary>Appends to the log of recent additions, starting a rebuild when it is full.</summary>
    /// <returns>Null when stored; otherwise the rebuild to wait for before trying again (the log is full and already being merged).</returns>
    private Task? TryAdd(long id, PdqHash hash)
    {
        lock (_writeLock)
        {
            var snapshot = _snapshot;
            if (snapshot.Delta.IsFull)
            {
                if (_rebuild is not null)
                {
                    return _rebuild;
                }

                StartRebuild(snapshot);
                snapshot = _snapshot;
            }

            snapshot.Delta.Append(id, hash);
            _count++;
            return null;
        }
    }

    /// <summary>Removes every hash stored under <paramref name="id"/> (a tombstone); the next query no longer finds them.</summary>
    /// <returns>Whether anything was removed.</returns>
    public bool Remove(long id)
    {
        lock (_writeLock)
        {
            var snapshot = _snapshot;
            var removed = snapshot.Table.Remove(id) + snapshot.Frozen.Remove(id) + snapshot.Delta.Remove(id);
            _removedDuringRebuild?.Add(id);
            _count -= removed;
            return removed > 0;
        }
    }

    /// <summary>
    /// Every stored hash within <paramref name="threshold"/> bits (inclusive) of any of <paramref name="queryHashes"/>,
    /// each id once with its smallest distance, in id order. Applies no quality gate.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is negative or above <see cref="MaxThreshold"/>.</exception>
    public IReadOnlyList<PdqMatch> Query(ReadOnlySpan<PdqHash> queryHashes, int threshold = PdqMatching.DefaultThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, MaxThreshold);
        var snapshot = _snapshot;
        var matches = new List<PdqMatch>();
        for (var transform = 0; transform < queryHashes.Length; transform++)
        {
            snapshot.Table.Search(queryHashes[transform], transform, threshold, matches);
            snapshot.Frozen.Search(queryHashes[transform], transform, threshold, matches);
            snapshot.Delta.Search(queryHashes[transform], transform, threshold, matches);
        }

        return SmallestPerId(matches);
    }

    /// <summary>
    /// Matches for all eight dihedral hashes of one image (<see cref="PdqMatch.Transform"/> says which one matched);
    /// none when the image's quality is below <see cref="PdqMatching.MinimumQuality"/>.
    /// </summary>
    public IReadOnlyList<PdqMatch> Query(PdqDihedralHashes dihedral, int threshold = PdqMatching.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(dihedral);
        ReadOnlySpan<PdqHash> hashes =
        [
            dihedral.Original, dihedral.Rotate90, dihedral.Rotate180, dihedral.Rotate270,
            dihedral.FlipX, dihedral.FlipY, dihedral.FlipPlus1, dihedral.FlipMinus1,
        ];
        return PdqMatching.IsMatchable(dihedral.Quality) ? Query(hashes, threshold) : [];
    }

    /// <summary>Matches for one hash; none when its quality is below <see cref="PdqMatching.MinimumQuality"/>.</summary>
    public IReadOnlyList<PdqMatch> Query(PdqResult result, int threshold = PdqMatching.DefaultThreshold) =>
        result.IsMatchable ? Query([result.Hash], threshold) : [];

    private static List<PdqMatch> SmallestPerId(List<PdqMatch> matches)
    {
        if (matches.Count < 2)
        {
            return matches;
        }

        matches.Sort(static (a, b) => (a.Id, a.Distance, a.Transform).CompareTo((b.Id, b.Distance, b.Transform)));
        var kept = 1;
        for (var i = 1; i < matches.Count; i++)
        {
            if (matches[i].Id != matches[kept - 1].Id)
            {
                matches[kept++] = matches[i];
            }
        }

        matches.RemoveRange(kept, matches.Count - kept);
        return matches;
    }
}
