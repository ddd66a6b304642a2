namespace Clearline.Media.Pdq;

/// <summary>Derives the eight dihedral hashes from one DCT by sign flips and transposes, each with its own median.</summary>
internal static class PdqDihedral
{
    public static PdqDihedralHashes FromDct(ReadOnlySpan<float> dct, Span<float> scratch, PdqResult original) => new(
        original.Hash,
        Derive(dct, scratch, transpose: true, (i, j) => (j & 1) == 1),
        Derive(dct, scratch, transpose: false, (i, j) => ((i + j) & 1) == 0),
        Derive(dct, scratch, transpose: true, (i, j) => (i & 1) == 1),
        Derive(dct, scratch, transpose: false, (i, j) => (i & 1) == 1),
        Derive(dct, scratch, transpose: false, (i, j) => (j & 1) == 1),
        Derive(dct, scratch, transpose: true, (i, j) => true),
        Derive(dct, scratch, transpose: true, (i, j) => ((i + j) & 1) == 0),
        original.Quality);

    /// <summary>R[i][j] (or R[j][i] when transposed) = ±B[i][j], positive where <paramref name="keepSign"/> holds.</summary>
    private static PdqHash Derive(ReadOnlySpan<float> dct, Span<float> result, bool transpose, Func<int, int, bool> keepSign)
    {
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 16; j++)
            {
                var value = dct[(i * 16) + j];
                var target = transpose ? (j * 16) + i : (i * 16) + j;
                result[target] = keepSign(i, j) ? value : -value;
            }
        }

        return PdqDct.ToHash(result);
    }
}
