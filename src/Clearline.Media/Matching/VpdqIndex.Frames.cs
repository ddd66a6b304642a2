using System.Collections;
using System.Collections.Concurrent;
using Clearline.Media.Pdq;
using Clearline.Media.Video;

namespace Clearline.Media.Matching;

/// <summary>Which frames are stored and which query frames are looked up.</summary>
public sealed partial class VpdqIndex
{
    /// <summary>The frames at or above <paramref name="minimumQuality"/>, in their order, duplicates kept (the all-frames rule counts them).</summary>
    private static VpdqFeature[] Kept(IReadOnlyList<VpdqFeature> features, int minimumQuality)
    {
        var kept = new List<VpdqFeature>(features.Count);
        foreach (var feature in features)
        {
            if (feature.Quality >= minimumQuality)
            {
                kept.Add(feature);
            }
        }

        return [.. kept];
    }

    private static IEnumerable<PdqHash> DistinctHashes(VpdqFeature[] features, HashSet<PdqHash> seen)
    {
        seen.Clear();
        foreach (var feature in features)
        {
            if (seen.Add(feature.Hash))
            {
                yield return feature.Hash;
            }
        }
    }

    /// <summary>
    /// The query hashes to look up: enough that any video reaching <paramref name="queryPercent"/> matches one of them
    /// (see the class remarks), the most repeated first; null when no video can reach it.
    /// </summary>
    private static PdqHash[]? LookedUp(PdqHash[] kept, double queryPercent)
    {
        var n = kept.Length;
        if (n == 0 || !(n * 100.0 / n >= queryPercent))
        {
            return null;
        }

        // The fewest matched frames k whose percentage (the matcher's expression, monotonic in k) reaches the threshold.
        int low = 1, high = n;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (middle * 100.0 / n >= queryPercent)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        var needed = n - low + 1;
        var multiplicity = new Dictionary<PdqHash, int>(n);
        foreach (var hash in kept)
        {
            multiplicity[hash] = multiplicity.GetValueOrDefault(hash) + 1;
        }

        var lookups = new List<PdqHash>();
        var covered = 0;
        foreach (var (hash, count) in multiplicity.OrderByDescending(pair => pair.Value))
        {
            if (covered >= needed)
            {
                break;
            }

            lookups.Add(hash);
            covered += count;
        }

        return [.. lookups];
    }

    /// <summary>Each stored video's distinct hashes under its id, counted up front so the frame index fills its arrays in one pass.</summary>
    private sealed class DistinctFrames : ICollection<(long Id, PdqHash Hash)>
    {
        private readonly ConcurrentDictionary<long, VpdqFeature[]> _videos;

        public DistinctFrames(ConcurrentDictionary<long, VpdqFeature[]> videos)
        {
            _videos = videos;
            var seen = new HashSet<PdqHash>();
            foreach (var (_, features) in videos)
            {
                Count += DistinctHashes(features, seen).Count();
            }
        }

        public int Count { get; }

        public bool IsReadOnly => true;

        public IEnumerator<(long Id, PdqHash Hash)> GetEnumerator()
        {
            var seen = new HashSet<PdqHash>();
            foreach (var (id, features) in _videos)
            {
                foreach (var hash in DistinctHashes(features, seen))
                {
                    yield return (id, hash);
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Add((long Id, PdqHash Hash) item) => throw new NotSupportedException();

        public void Clear() => throw new NotSupportedException();

        public bool Contains((long Id, PdqHash Hash) item) => throw new NotSupportedException();

        public void CopyTo((long Id, PdqHash Hash)[] array, int arrayIndex) => throw new NotSupportedException();

        public bool Remove((long Id, PdqHash Hash) item) => throw new NotSupportedException();
    }
}
