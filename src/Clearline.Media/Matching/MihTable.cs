using System.Runtime.Intrinsics.X86;
using Clearline.Media.Pdq;

namespace Clearline.Media.Matching;

/// <summary>
/// The bulk-built part of a <see cref="PdqIndex"/>: the hashes in one flat array and, per substring, the positions
/// of the hashes sorted by substring value with an offset per value (compressed sparse rows), so a probe is two
/// array reads and its bucket is contiguous. Built once by counting sort; afterwards only tombstones change.
/// </summary>
internal sealed class MihTable
{
    private const int ProbeBatch = 256;
    private const int CandidateBatch = 1024;

    private readonly MihLayout _layout;
    private readonly long[] _ids;
    private readonly PdqHash[] _hashes;
    private readonly int[][] _offsets;
    private readonly int[][] _positions;
    private readonly int[] _positionsById;
    private readonly ulong[] _removed;
    private int _removedCount;

    private MihTable(MihLayout layout, long[] ids, PdqHash[] hashes, int[][] offsets, int[][] positions, int[] positionsById)
    {
        _layout = layout;
        _ids = ids;
        _hashes = hashes;
        _offsets = offsets;
        _positions = positions;
        _positionsById = positionsById;
        _removed = new ulong[(ids.Length + 63) / 64];
    }

    /// <summary>The substring layout the tables were built with.</summary>
    public MihLayout Layout => _layout;

    /// <summary>The number of hashes built in, removed ones included.</summary>
    public int Length => _ids.Length;

    /// <summary>The number of hashes not removed.</summary>
    public int LiveCount => _ids.Length - Volatile.Read(ref _removedCount);

    /// <summary>The bytes held by the arrays.</summary>
    public long MemoryBytes =>
        (_ids.LongLength * sizeof(long)) + (_hashes.LongLength * 32) + (_positionsById.LongLength * sizeof(int))
        + (_removed.LongLength * sizeof(ulong)) + _offsets.Sum(o => o.LongLength * sizeof(int)) + _positions.Sum(p => p.LongLength * sizeof(int));

    /// <summary>Builds the tables over <paramref name="ids"/> and <paramref name="hashes"/> (same length; the arrays are kept, not copied).</summary>
    public static MihTable Build(long[] ids, PdqHash[] hashes, MihLayout layout)
    {
        var keys = new uint[hashes.Length];
        var offsets = new int[layout.TableCount][];
        var positions = new int[layout.TableCount][];
        for (var table = 0; table < layout.TableCount; table++)
        {
            for (var i = 0; i < hashes.Length; i++)
            {
                keys[i] = layout.Key(hashes[i], table);
            }

            (offsets[table], positions[table]) = CountingSort(keys, 1 << layout.Widths[table]);
        }

        var positionsById = new int[ids.Length];
        for (var i = 0; i < positionsById.Length; i++)
        {
            positionsById[i] = i;
        }

        Array.Sort((long[])ids.Clone(), positionsById);
        return new MihTable(layout, ids, hashes, offsets, positions, positionsById);
    }

    /// <summary>Adds every live hash within <paramref name="threshold"/> of <paramref name="query"/> to <paramref name="matches"/> (possibly more than once).</summary>
    /// <remarks>
    /// Nearly every probe, posting and candidate is a cache miss at 10 M hashes. Instead of chasing them one after
    /// another, each batch of probes goes through stages (bucket offsets, then postings, then candidate hashes), and
    /// each stage prefetches what the next one reads, so the misses overlap.
    /// </remarks>
    public unsafe void Search(in PdqHash query, int transform, int threshold, List<PdqMatch> matches)
    {
        Span<int> ranges = stackalloc int[2 * ProbeBatch];
        Span<int> candidates = stackalloc int[CandidateBatch];
        fixed (PdqHash* hashes = _hashes)
        {
            for (var table = 0; table < _layout.TableCount; table++)
            {
                var radius = _layout.RadiusFor(table, threshold);
                if (radius < 0)
                {
                    continue;
                }

                var key = _layout.Key(query, table);
                var masks = _layout.Masks[table].AsSpan(0, _layout.MaskCounts[table][radius]);
                fixed (int* offsets = _offsets[table], positions = _positions[table])
                {
                    for (var batch = 0; batch < masks.Length; batch += ProbeBatch)
                    {
                        var probes = masks.Slice(batch, Math.Min(ProbeBatch, masks.Length - batch));
                        foreach (var mask in probes)
                        {
                            Prefetch(offsets + (key ^ mask));
                        }

                        for (var i = 0; i < probes.Length; i++)
                        {
                            var bucket = key ^ probes[i];
                            ranges[2 * i] = offsets[bucket];
                            ranges[(2 * i) + 1] = offsets[bucket + 1];
                            Prefetch(positions + ranges[2 * i]);
                        }

                        var count = 0;
                        for (var i = 0; i < probes.Length; i++)
                        {
                            for (var p = ranges[2 * i]; p < ranges[(2 * i) + 1]; p++)
                            {
                                var position = positions[p];
                                Prefetch(hashes + position);
                                candidates[count++] = position;
                                if (count == candidates.Length)
                                {
                                    Verify(hashes, candidates, query, transform, threshold, matches);
                                    count = 0;
                                }
                            }
                        }

                        Verify(hashes, candidates[..count], query, transform, threshold, matches);
                    }
                }
            }
        }
    }

    /// <summary>Tombstones every live hash stored under <paramref name="id"/>; returns how many.</summary>
    public int Remove(long id)
    {
        var removed = 0;
        for (var i = FirstPositionOf(id); i < _positionsById.Length && _ids[_positionsById[i]] == id; i++)
        {
            var position = _positionsById[i];
            if (!IsRemoved(position))
            {
                Interlocked.Or(ref _removed[position >> 6], 1UL << (position & 63));
                removed++;
            }
        }

        Interlocked.Add(ref _removedCount, removed);
        return removed;
    }

    /// <summary>Copies the live (not removed) entries to the start of the spans, for a rebuild; returns how many.</summary>
    public int CopyLive(Span<long> ids, Span<PdqHash> hashes)
    {
        var live = 0;
        for (var i = 0; i < _ids.Length; i++)
        {
            if (!IsRemoved(i))
            {
                ids[live] = _ids[i];
                hashes[live++] = _hashes[i];
            }
        }

        return live;
    }

    private static unsafe void Prefetch(void* address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(address);
        }
    }

    private unsafe void Verify(PdqHash* hashes, ReadOnlySpan<int> candidates, in PdqHash query, int transform, int threshold, List<PdqMatch> matches)
    {
        foreach (var position in candidates)
        {
            var distance = hashes[position].DistanceTo(query);
            if (distance <= threshold && !IsRemoved(position))
            {
                matches.Add(new PdqMatch(_ids[position], distance, transform));
            }
        }
    }

    private bool IsRemoved(int position) => (Volatile.Read(ref _removed[position >> 6]) & (1UL << (position & 63))) != 0;

    private int FirstPositionOf(long id)
    {
        int low = 0, high = _positionsById.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (_ids[_positionsById[middle]] < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Sorts positions 0..n−1 by key: the offsets (one per key value, plus the end) and the positions in key order.</summary>
    private static (int[] Offsets, int[] Positions) CountingSort(uint[] keys, int buckets)
    {
        var offsets = new int[buckets + 1];
        foreach (var key in keys)
        {
            offsets[key + 1]++;
        }

        for (var b = 1; b <= buckets; b++)
        {
            offsets[b] += offsets[b - 1];
        }

        // Scattering advances each bucket's offset to the next bucket's start; shifting by one restores the starts.
        var positions = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            positions[offsets[keys[i]]++] = i;
        }

        Array.Copy(offsets, 0, offsets, 1, buckets);
        offsets[0] = 0;
        return (offsets, positions);
    }
}
