namespace Clearline.Media.Matching;

/// <summary>A stored hash found by a <see cref="PdqIndex"/> query.</summary>
/// <param name="Id">The caller's id for the stored hash (for example a hash-list entry's row id).</param>
/// <param name="Distance">The smallest Hamming distance between the stored hash and any of the query hashes.</param>
/// <param name="Transform">
/// Which query hash gave that distance: its index in the query, so for a dihedral query 0 = original, then rot90,
/// rot180, rot270, flipx, flipy, flipplus1, flipminus1 (the order of <see cref="Pdq.PdqDihedralHashes.All"/>).
/// </param>
public readonly record struct PdqMatch(long Id, int Distance, int Transform);
