namespace Clearline.Media.Pdq;

/// <summary>A PDQ hash with its quality (0..100), which is stored alongside it and gates matching.</summary>
/// <param name="Hash">The 256-bit hash.</param>
/// <param name="Quality">The reference's image-domain gradient metric, 0..100.</param>
public readonly record struct PdqResult(PdqHash Hash, int Quality)
{
    /// <summary>Whether the quality passes the matching gate (<see cref="PdqMatching.MinimumQuality"/>).</summary>
    public bool IsMatchable => PdqMatching.IsMatchable(Quality);
}

/// <summary>
/// The eight dihedral hashes derived from one image's DCT (no re-hashing of pixels), in the reference's order.
/// They are close to, but not the same as, the hashes of the rotated or mirrored files.
/// </summary>
/// <param name="Original">As is.</param>
/// <param name="Rotate90">Counter-clockwise 90°.</param>
/// <param name="Rotate180">180°.</param>
/// <param name="Rotate270">Clockwise 90°.</param>
/// <param name="FlipX">Top and bottom exchanged.</param>
/// <param name="FlipY">Left-right mirror.</param>
/// <param name="FlipPlus1">Transpose (upper-left and lower-right corners stay).</param>
/// <param name="FlipMinus1">Anti-transpose.</param>
/// <param name="Quality">The quality shared by all eight.</param>
public sealed record PdqDihedralHashes(
    PdqHash Original,
    PdqHash Rotate90,
    PdqHash Rotate180,
    PdqHash Rotate270,
    PdqHash FlipX,
    PdqHash FlipY,
    PdqHash FlipPlus1,
    PdqHash FlipMinus1,
    int Quality)
{
    /// <summary>The eight hashes in the reference's command-line order (orig, rot90, rot180, rot270, flipx, flipy, flipplus1, flipminus1).</summary>
    public IReadOnlyList<PdqHash> All => [Original, Rotate90, Rotate180, Rotate270, FlipX, FlipY, FlipPlus1, FlipMinus1];
}
