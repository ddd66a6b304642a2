using Clearline.Media.Pdq;

namespace Clearline.Media.Matching;

/// <summary>
/// Hashes added since the last build of the <see cref="MihTable"/>, scanned linearly by every query. Its capacity is
/// fixed, so one writer can append while readers scan without locks: a reader sees every entry published before it
/// read <see cref="Count"/>. When it is full, the index rebuilds its tables with these entries merged in.
/// </summary>
internal sealed class DeltaLog(int capacity)
{
    private readonly long[] _ids = new long[capacity];
    private readonly PdqHash[] _hashes = new PdqHash[capacity];
    private readonly bool[] _removed = new bool[capacity];
    private int _count;
    private int _removedCount;

    /// <summary>A log with no room, standing in for "no frozen log" so queries need no null check.</summary>
    public static DeltaLog Empty { get; } = new(0);

    /// <summary>The number of entries appended, removed ones included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The number of entries not removed.</summary>
    public int LiveCount => Count - Volatile.Read(ref _removedCount);

    /// <summary>Whether another append needs a rebuild first.</summary>
    public bool IsFull => _count == _ids.Length;

    /// <summary>The bytes held by the arrays.</summary>
    public long MemoryBytes => ((long)_ids.Length * sizeof(long)) + ((long)_hashes.Length * 32) + _removed.Length;

    /// <summary>Appends an entry (single writer; not when <see cref="IsFull"/>). Readers see it once this returns.</summary>
    public void Append(long id, PdqHash hash)
    {
        _ids[_count] = id;
        _hashes[_count] = hash;
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>Marks every live entry stored under <paramref name="id"/> removed; returns how many.</summary>
    public int Remove(long id)
    {
        var removed = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_ids[i] == id && !_removed[i])
            {
                Volatile.Write(ref _removed[i], true);
                removed++;
            }
        }

        Interlocked.Add(ref _removedCount, removed);
        return removed;
    }

    /// <summary>Adds every live entry within <paramref name="threshold"/> of <paramref name="query"/> to <paramref name="matches"/>.</summary>
    public void Search(in PdqHash query, int transform, int threshold, List<PdqMatch> matches)
    {
        var count = Count;
        var hashes = _hashes.AsSpan(0, count);
        for (var i = 0; i < hashes.Length; i++)
        {
            var distance = hashes[i].DistanceTo(query);
            if (distance <= threshold && !Volatile.Read(ref _removed[i]))
            {
                matches.Add(new PdqMatch(_ids[i], distance, transform));
            }
        }
    }

    /// <summary>Copies the live (not removed) entries to the start of the spans, for a rebuild; returns how many.</summary>
    public int CopyLive(Span<long> ids, Span<PdqHash> hashes)
    {
        var live = 0;
        for (var i = 0; i < _count; i++)
        {
            if (!_removed[i])
            {
                ids[live] = _ids[i];
                hashes[live++] = _hashes[i];
            }
        }

        return live;
    }
}
