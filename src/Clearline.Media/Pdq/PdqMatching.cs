namespace Clearline.Media.Pdq;

/// <summary>The matching rules shared by every PDQ consumer (Meta's README and python-threatexchange).</summary>
public static class PdqMatching
{
    /// <summary>Hashes match when their distance is at most this (inclusive). The old <c>mih-query</c> default of 32 is deliberately not used.</summary>
    public const int DefaultThreshold = 31;

    /// <summary>Hashes with a lower quality are never matched: their low-order bits are float-rounding noise.</summary>
    public const int MinimumQuality = 50;

    /// <summary>Whether a hash of this quality may be matched.</summary>
    public static bool IsMatchable(int quality) => quality >= MinimumQuality;

    /// <summary>Whether two hashes are within <paramref name="threshold"/> bits (inclusive), ignoring quality.</summary>
    public static bool IsMatch(PdqHash a, PdqHash b, int threshold = DefaultThreshold) => a.DistanceTo(b) <= threshold;

    /// <summary>Whether two hashes match: both pass the quality gate and are within <paramref name="threshold"/> bits.</summary>
    public static bool IsMatch(PdqResult a, PdqResult b, int threshold = DefaultThreshold) =>
        a.IsMatchable && b.IsMatchable && IsMatch(a.Hash, b.Hash, threshold);
}
