using Clearline.Media.Video;

namespace Clearline.Media.Matching;

/// <summary>A known video found by a <see cref="VpdqIndex"/> query.</summary>
/// <param name="VideoId">The caller's id for the known video (for example a hash-list entry's row id).</param>
/// <param name="Comparison">
/// The share of each video found in the other: exactly what <see cref="VpdqMatcher.Compare"/> gives for the query
/// against this video under the same options.
/// </param>
public readonly record struct VpdqIndexMatch(long VideoId, VpdqComparison Comparison);
