using Clearline.Media.Pdq;

namespace Clearline.Media.Video;

/// <summary>Compares two videos frame by frame, as the references do (every frame against every frame).</summary>
/// <remarks>
/// A percentage is matched frames × 100 ÷ kept frames; a side left with no kept frames scores 0 on both sides.
/// For many known videos, use the video index, which finds the candidates first and then applies this.
/// </remarks>
public static class VpdqMatcher
{
    /// <summary>The share of each video found in the other.</summary>
    /// <param name="query">The video being checked.</param>
    /// <param name="compared">The known video it is compared with.</param>
    /// <param name="options">Thresholds and frame rule; <see cref="VpdqMatchOptions.Default"/> when null.</param>
    public static VpdqComparison Compare(IReadOnlyList<VpdqFeature> query, IReadOnlyList<VpdqFeature> compared, VpdqMatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(compared);
        options ??= VpdqMatchOptions.Default;
        var q = Prepare(query, options);
        var c = Prepare(compared, options);
        if (q.Length == 0 || c.Length == 0)
        {
            return new VpdqComparison(0, 0);
        }

        var limit = options.Rule == VpdqFrameRule.UniqueFramesInclusive ? options.DistanceThreshold : options.DistanceThreshold - 1;
        return new VpdqComparison(Percent(q, c, limit), Percent(c, q, limit));
    }

    /// <summary>The frames that take part: quality at or above the threshold, and unique hashes under the unique-frames rule.</summary>
    /// <param name="features">A video's features.</param>
    /// <param name="options">Thresholds and frame rule.</param>
    public static PdqHash[] Prepare(IReadOnlyList<VpdqFeature> features, VpdqMatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        var kept = new List<PdqHash>(features.Count);
        var seen = options.Rule == VpdqFrameRule.UniqueFramesInclusive ? new HashSet<PdqHash>() : null;
        foreach (var feature in features)
        {
            if (feature.Quality >= options.QualityThreshold && (seen is null || seen.Add(feature.Hash)))
            {
                kept.Add(feature.Hash);
            }
        }

        return [.. kept];
    }

    /// <summary>The share of <paramref name="frames"/> with some frame of <paramref name="others"/> within <paramref name="limit"/> bits.</summary>
    internal static double Percent(ReadOnlySpan<PdqHash> frames, ReadOnlySpan<PdqHash> others, int limit)
    {
        var matched = 0;
        foreach (var frame in frames)
        {
            foreach (var other in others)
            {
                if (frame.DistanceTo(other) <= limit)
                {
                    matched++;
                    break;
                }
            }
        }

        return matched * 100.0 / frames.Length;
    }
}
