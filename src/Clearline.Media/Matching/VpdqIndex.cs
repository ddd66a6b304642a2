using System.Collections.Concurrent;
using Clearline.Media.Pdq;
using Clearline.Media.Video;

namespace Clearline.Media.Matching;

/// <summary>
/// An in-memory index of known videos' vPDQ frame hashes with exact recall: a query returns every known video that
/// <see cref="VpdqMatcher.Compare"/> would call a match under the same options, with exactly its percentages, without
/// comparing the query with every known video.
/// </summary>
/// <remarks>
/// <para>
/// Two steps. Candidates: each known video's frames are grouped into clusters of near-identical frames (the frames
/// of one shot), every frame within <see cref="ClusterRadius"/> bits of its cluster's first frame (its
/// representative), and the representatives sit in a <see cref="PdqIndex"/> under the video's id. A query frame
/// within d bits of a stored frame is within d + <see cref="ClusterRadius"/> of that frame's representative
/// (triangle inequality), so looking query frames up at that wider threshold gives, grouped by video, every known
/// video with a frame near one of them, and some more. Percentages: each candidate is then compared with the query
/// over all its stored frames, kept by <see cref="VpdqMatcher.Prepare"/> and counted as the matcher counts (the same
/// matched frames in the same expression), so the figures are the matcher's to the bit and the extra candidates
/// drop out. A shot of 50 near-identical frames costs one entry and one hit instead of fifty.
/// </para>
/// <para>
/// Only some query frames need looking up (pigeonhole). Let the query keep n frames (quality at or above the
/// threshold; its unique hashes under <see cref="VpdqFrameRule.UniqueFramesInclusive"/>, every kept frame under
/// <see cref="VpdqFrameRule.AllFramesStrict"/>) and let k be the fewest matched frames whose percentage
/// k × 100 ÷ n reaches <see cref="VpdqMatchOptions.QueryMatchPercent"/> P (at least 1, since a match needs a
/// matched frame), that is k = ⌈n·P/100⌉ computed with the matcher's own arithmetic. A video with fewer than k of
/// the query's frames matched fails the query threshold whatever the compared threshold, so a matching video must
/// match at least one of any n − k + 1 = ⌊n·(1 − P/100)⌋ + 1 frames: only that many are looked up (61 of 300
/// frames at the default 80 %). When P is 0 every frame is looked up. Duplicate frames (all-frames rule) count with
/// their multiplicity and are looked up once, the most repeated first.
/// </para>
/// <para>
/// The quality gate: frames below <see cref="MinimumQuality"/> are not stored, so a query may not use a lower
/// quality threshold; nor a distance threshold above <see cref="MaxThreshold"/> (the frame index has exact recall up
/// to <see cref="MaxThreshold"/> + <see cref="ClusterRadius"/>).
/// </para>
/// <para>
/// Thread safety: any number of concurrent queries and writers, lock-free (the frame index serialises its own
/// writers). An <see cref="AddAsync"/> or <see cref="Remove"/> is seen by every query that starts after it completes;
/// a query running meanwhile sees the video or not. Adding an id that is already stored replaces its frames. A
/// writer stores a video's frames before adding its hashes to the frame index and removes the hashes before the
/// frames, so whatever the interleaving, a stored video's hashes are all in the frame index once its writer is done;
/// racing writers of one id can only leave extra hashes there, which cost a candidate but never change a result,
/// because every candidate's percentages are computed from the stored frames.
/// </para>
/// </remarks>
public sealed partial class VpdqIndex
{
    /// <summary>The default <see cref="ClusterRadius"/>: consecutive frames of one shot are usually this close.</summary>
    public const int DefaultClusterRadius = 8;

    private readonly ConcurrentDictionary<long, VpdqFeature[]> _videos;
    private readonly PdqIndex _frames;

    /// <summary>Creates an empty index.</summary>
    /// <param name="maxThreshold">The largest frame distance threshold a query may use (at most <see cref="PdqIndex.MaxSupportedThreshold"/>).</param>
    /// <param name="minimumQuality">Frames below this quality are not stored; queries may not use a lower quality threshold.</param>
    /// <param name="clusterRadius">How far a frame may lie from its cluster's representative; <paramref name="maxThreshold"/> plus this is at most <see cref="PdqIndex.MaxSupportedThreshold"/>.</param>
    public VpdqIndex(
        int maxThreshold = PdqMatching.DefaultThreshold,
        int minimumQuality = VpdqMatchOptions.DefaultQualityThreshold,
        int clusterRadius = DefaultClusterRadius)
        : this(new ConcurrentDictionary<long, VpdqFeature[]>(), maxThreshold, minimumQuality, clusterRadius)
    {
    }

    private VpdqIndex(ConcurrentDictionary<long, VpdqFeature[]> videos, int maxThreshold, int minimumQuality, int clusterRadius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxThreshold);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumQuality);
        ArgumentOutOfRangeException.ThrowIfNegative(clusterRadius);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxThreshold + clusterRadius, PdqIndex.MaxSupportedThreshold, nameof(clusterRadius));
        _videos = videos;
        MaxThreshold = maxThreshold;
        MinimumQuality = minimumQuality;
        ClusterRadius = clusterRadius;
        _frames = PdqIndex.Build(new Representatives(videos, clusterRadius), maxThreshold + clusterRadius);
    }

    /// <summary>The largest frame distance threshold a query may use; the frame index has exact recall up to it.</summary>
    public int MaxThreshold { get; }

    /// <summary>How far a stored frame may lie from its cluster's representative, the one hash the frame index holds for the cluster.</summary>
    public int ClusterRadius { get; }

    /// <summary>The lowest frame quality stored; a query's quality threshold may not be lower.</summary>
    public int MinimumQuality { get; }

    /// <summary>The number of known videos.</summary>
    public int Count => _videos.Count;

    /// <summary>The number of hashes in the frame index (cluster representatives).</summary>
    public int FrameCount => _frames.Count;

    /// <summary>The bytes held by the frame index's arrays plus the stored frames (48 bytes each).</summary>
    public long MemoryBytes => _frames.MemoryBytes + (_videos.Values.Sum(v => (long)v.Length) * 48);

    /// <summary>The frame index's substring layout, for benchmark reports.</summary>
    internal string Layout => _frames.Layout;

    /// <summary>The frame index's background rebuild, for tests and benchmarks.</summary>
    internal Task RebuildCompletion => _frames.RebuildCompletion;

    /// <summary>Builds an index over <paramref name="videos"/> in one pass per substring: the start-up path.</summary>
    /// <param name="videos">Each known video's id and frames; an id given twice keeps its last frames.</param>
    /// <param name="maxThreshold">The largest frame distance threshold a query may use.</param>
    /// <param name="minimumQuality">Frames below this quality are not stored.</param>
    /// <param name="clusterRadius">How far a frame may lie from its cluster's representative.</param>
    public static VpdqIndex Build(
        IEnumerable<(long VideoId, IReadOnlyList<VpdqFeature> Features)> videos,
        int maxThreshold = PdqMatching.DefaultThreshold,
        int minimumQuality = VpdqMatchOptions.DefaultQualityThreshold,
        int clusterRadius = DefaultClusterRadius)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumQuality);
        var stored = new ConcurrentDictionary<long, VpdqFeature[]>();
        foreach (var (videoId, features) in videos)
        {
            stored[videoId] = Kept(features, minimumQuality);
        }

        return new VpdqIndex(stored, maxThreshold, minimumQuality, clusterRadius);
    }

    /// <summary>Stores a known video's frames under <paramref name="videoId"/>, replacing any it had; the next query sees it.</summary>
    /// <param name="videoId">The caller's id for the video.</param>
    /// <param name="features">Its frames; those below <see cref="MinimumQuality"/> are dropped.</param>
    /// <param name="ct">Cancels waiting for the frame index; the video is then not stored.</param>
    public async ValueTask AddAsync(long videoId, IReadOnlyList<VpdqFeature> features, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        var kept = Kept(features, MinimumQuality);
        _frames.Remove(videoId);
        _videos[videoId] = kept;
        try
        {
            foreach (var hash in Representatives.Of(kept, ClusterRadius, []))
            {
                await _frames.AddAsync(videoId, hash, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Only if no other writer has stored the id since: theirs stays, with its own hashes.
            if (_videos.TryRemove(KeyValuePair.Create(videoId, kept)))
            {
                _frames.Remove(videoId);
            }

            throw;
        }
    }

    /// <summary>Removes the video stored under <paramref name="videoId"/>; the next query no longer finds it.</summary>
    /// <param name="videoId">The caller's id for the video.</param>
    /// <returns>Whether it was stored.</returns>
    public bool Remove(long videoId)
    {
        _frames.Remove(videoId);
        return _videos.TryRemove(videoId, out _);
    }

    /// <summary>
    /// Every known video that matches <paramref name="query"/> under <paramref name="options"/> (both percentages at
    /// their thresholds, as <see cref="VpdqComparison.IsMatch"/>), with the percentages
    /// <see cref="VpdqMatcher.Compare"/> gives, in video id order.
    /// </summary>
    /// <param name="query">The video's frames.</param>
    /// <param name="options">Thresholds and frame rule; <see cref="VpdqMatchOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The distance threshold is above <see cref="MaxThreshold"/> or the quality threshold below <see cref="MinimumQuality"/>.
    /// </exception>
    public IReadOnlyList<VpdqIndexMatch> Query(IReadOnlyList<VpdqFeature> query, VpdqMatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        options ??= VpdqMatchOptions.Default;
        var limit = options.Rule == VpdqFrameRule.UniqueFramesInclusive ? options.DistanceThreshold : options.DistanceThreshold - 1;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxThreshold, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QualityThreshold, MinimumQuality, nameof(options));
        var kept = VpdqMatcher.Prepare(query, options);
        if (limit < 0 || !(options.ComparedMatchPercent <= 100) || LookedUp(kept, options.QueryMatchPercent) is not { } lookups)
        {
            return [];
        }

        var matches = new List<VpdqIndexMatch>();
        foreach (var candidate in _frames.Query(lookups, limit + ClusterRadius))
        {
            if (!_videos.TryGetValue(candidate.Id, out var features))
            {
                continue;
            }

            var compared = VpdqMatcher.Prepare(features, options);
            if (compared.Length == 0)
            {
                continue;
            }

            var comparison = new VpdqComparison(Percent(kept, compared, limit), Percent(compared, kept, limit));
            if (comparison.IsMatch(options))
            {
                matches.Add(new VpdqIndexMatch(candidate.Id, comparison));
            }
        }

        return matches;
    }
}
