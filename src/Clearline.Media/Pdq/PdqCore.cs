namespace Clearline.Media.Pdq;

/// <summary>
/// <c>pdqHash256FromFloatLuma</c> and its dihedral variant: tent blur, decimation to 64×64, quality, DCT and threshold.
/// The luma is expected in <see cref="PdqWorkspace.Primary"/>, row-major with a stride of <c>Stride(width)</c>.
/// </summary>
internal static class PdqCore
{
    private const int MinHashableSide = 5;
    private const int JaroszPassesPerAxis = 2;

    public static PdqResult Hash(PdqWorkspace ws, int height, int width)
    {
        if (height < MinHashableSide || width < MinHashableSide)
        {
            return new PdqResult(PdqHash.Zero, 0);
        }

        if (height == 64 && width == 64)
        {
            // The reference copies a 64×64 input straight into the DCT buffer (its video path); a window-1
            // running sum is not an exact identity in float32, so skipping it is part of bit-exactness.
            var stride = PdqWorkspace.Stride(64);
            for (var row = 0; row < 64; row++)
            {
                ws.Primary.AsSpan(row * stride, 64).CopyTo(ws.Decimated.AsSpan(row * 64, 64));
            }
        }
        else
        {
            BlurAndDecimate(ws, height, width);
        }

        return Finish(ws);
    }

    public static PdqDihedralHashes Dihedral(PdqWorkspace ws, int height, int width)
    {
        if (height < MinHashableSide || width < MinHashableSide)
        {
            var zero = PdqHash.Zero;
            return new PdqDihedralHashes(zero, zero, zero, zero, zero, zero, zero, zero, 0);
        }

        // The reference's dihedral entry point has no 64×64 shortcut: it always blurs.
        BlurAndDecimate(ws, height, width);
        var original = Finish(ws);
        return PdqDihedral.FromDct(ws.Dct, ws.DihedralDct, original);
    }

    /// <summary>Computes quality, DCT and hash from <see cref="PdqWorkspace.Decimated"/>, leaving the DCT in <see cref="PdqWorkspace.Dct"/>.</summary>
    private static PdqResult Finish(PdqWorkspace ws)
    {
        var quality = PdqDct.Quality(ws.Decimated);
        PdqDct.Transform(ws.Decimated, ws.Partial, ws.Dct);
        return new PdqResult(PdqDct.ToHash(ws.Dct), quality);
    }

    /// <summary>Window size along a side: <c>ceil(side / 128)</c> (two passes per axis towards 64 cells).</summary>
    public static int WindowSize(int side) => (side + 127) / 128;

    /// <summary>
    /// Rows, columns, rows, columns of the box filter, then sampling at cell centres. Row passes run as column
    /// passes on the transpose; the last two passes only produce the 64 rows and columns the decimation reads.
    /// </summary>
    internal static void BlurAndDecimate(PdqWorkspace ws, int height, int width)
    {
        var windowAlongRows = WindowSize(width);
        var windowAlongCols = WindowSize(height);
        var ph = PdqWorkspace.Pad(height);
        var pw = PdqWorkspace.Pad(width);
        var sx = PdqWorkspace.Stride(width);
        var sy = PdqWorkspace.Stride(height);
        Span<float> x = ws.Primary;
        Span<float> y = ws.Secondary;
        for (var i = 0; i < 64; i++)
        {
            ws.DecimationRows[i] = (((2 * i) + 1) * height) / 128;
            ws.DecimationColumns[i] = (((2 * i) + 1) * width) / 128;
        }

        // x holds the luma row-major (stride sx); y receives its transpose (stride sy), whose columns are image rows.
        for (var pass = 0; pass < JaroszPassesPerAxis; pass++)
        {
            MatrixTranspose.Run(x, sx, y, sy, ph, pw);
            if (pass == JaroszPassesPerAxis - 1)
            {
                BoxFilter.ColumnsSampled(y, ws.SampledColumns, width, ph, sy, windowAlongRows, ws.Sums, ws.DecimationColumns);
                MatrixTranspose.Run(ws.SampledColumns, ph, ws.SampledColumnsTransposed, 64, 64, ph);
                BoxFilter.ColumnsSampled(ws.SampledColumnsTransposed, ws.Decimated, height, 64, 64, windowAlongCols, ws.Sums, ws.DecimationRows);
                return;
            }

            BoxFilter.Columns(y, x, width, ph, sy, windowAlongRows, ws.Sums);
            MatrixTranspose.Run(x, sy, y, sx, pw, ph);
            BoxFilter.Columns(y, x, height, pw, sx, windowAlongCols, ws.Sums);
        }
    }
}
