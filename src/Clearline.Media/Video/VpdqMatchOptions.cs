using Clearline.Media.Pdq;

namespace Clearline.Media.Video;

/// <summary>How two frames are counted as the same frame when two videos are compared.</summary>
public enum VpdqFrameRule
{
    /// <summary>
    /// python-threatexchange's <c>match_VPDQ_hash_brute</c> and the vPDQ README: exact-duplicate hashes are
    /// removed first ("unique frames"), and a pair matches at distance ≤ the threshold. Clearline's default.
    /// </summary>
    UniqueFramesInclusive,

    /// <summary>
    /// The C++ reference's <c>match-hashes-brute</c>: every kept frame counts, duplicates included, and a pair matches
    /// at distance strictly below the threshold.
    /// </summary>
    AllFramesStrict,
}

/// <summary>Thresholds of a vPDQ comparison. The defaults are python-threatexchange's constants.</summary>
public sealed record VpdqMatchOptions
{
    /// <summary>The reference's quality threshold: frames below it take no part.</summary>
    public const int DefaultQualityThreshold = 50;

    /// <summary>The default options: distance 31 inclusive on unique frames, quality 50, query 80 %, compared 0 %.</summary>
    public static VpdqMatchOptions Default { get; } = new();

    /// <summary>The largest Hamming distance between two frame hashes that still counts as the same frame.</summary>
    public int DistanceThreshold { get; init; } = PdqMatching.DefaultThreshold;

    /// <summary>Frames with a quality below this are dropped on both sides before comparing.</summary>
    public int QualityThreshold { get; init; } = DefaultQualityThreshold;

    /// <summary>The share of the query's kept frames that must be found in the other video (percent, inclusive).</summary>
    public double QueryMatchPercent { get; init; } = 80.0;

    /// <summary>The share of the other video's kept frames that must be found in the query (percent, inclusive).</summary>
    public double ComparedMatchPercent { get; init; }

    /// <summary>Which frames count and whether the distance threshold is inclusive.</summary>
    public VpdqFrameRule Rule { get; init; } = VpdqFrameRule.UniqueFramesInclusive;
}
