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

    /// <summary>
    /// <see cref="VpdqMatcher"/>'s percentage, the same count in the same expression, found faster: copies keep the
    /// frame order, so each frame's search starts where the previous frame found its match, and a matching frame
    /// usually costs one or two distances instead of half the other video.
    /// </summary>
    private static double Percent(ReadOnlySpan<PdqHash> frames, ReadOnlySpan<PdqHash> others, int limit)
    {
        var matched = 0;
        var start = 0;
        foreach (var frame in frames)
        {
            for (var step = 0; step < others.Length; step++)
            {
                var j = start + step < others.Length ? start + step : start + step - others.Length;
                if (frame.DistanceTo(others[j]) <= limit)
                {
                    matched++;
                    start = j;
                    break;
                }
            }
        }

        return matched * 100.0 / frames.Length;
    }

    /// <summary>Each stored video's cluster representatives under its id, counted up front so the frame index fills its arrays in one pass.</summary>
    private sealed class Representatives : ICollection<(long Id, PdqHash Hash)>
    {
        /// <summary>How many of the latest representatives a frame is compared with: shots are runs of consecutive frames.</summary>
        private const int RecentClusters = 8;

        private readonly ConcurrentDictionary<long, VpdqFeature[]> _videos;
        private readonly int _radius;

        public Representatives(ConcurrentDictionary<long, VpdqFeature[]> videos, int radius)
        {
            _videos = videos;
            _radius = radius;
            var buffer = new List<PdqHash>();
            foreach (var (_, features) in videos)
            {
                Count += Of(features, radius, buffer).Count;
            }
        }

        public int Count { get; }

        public bool IsReadOnly => true;

        /// <summary>
        /// Greedy clustering in frame order: a frame within <paramref name="radius"/> of one of the latest
        /// representatives joins it, any other frame starts a cluster. Every frame ends within the radius of some
        /// representative, which is all exactness needs; how few there are only decides the speed.
        /// </summary>
        /// <returns><paramref name="representatives"/>, cleared and filled.</returns>
        public static List<PdqHash> Of(VpdqFeature[] features, int radius, List<PdqHash> representatives)
        {
            representatives.Clear();
            foreach (var feature in features)
            {
                var joined = false;
                for (var i = representatives.Count - 1; i >= Math.Max(0, representatives.Count - RecentClusters) && !joined; i--)
                {
                    joined = representatives[i].DistanceTo(feature.Hash) <= radius;
                }

                if (!joined)
                {
                    representatives.Add(feature.Hash);
                }
            }

            return representatives;
        }

        public IEnumerator<(long Id, PdqHash Hash)> GetEnumerator()
        {
            var buffer = new List<PdqHash>();
            foreach (var (id, features) in _videos)
            {
                foreach (var hash in Of(features, _radius, buffer))
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
