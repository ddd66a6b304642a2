namespace Clearline.Media.Pdq;

/// <summary>
/// PDQ hashing, bit-exact with Meta's C++ reference (<c>pdq-photo-hasher</c>).
/// Most callers want <see cref="MediaHasher"/>, which decodes and applies the reference's pixel rules;
/// this type hashes pixels that are already decoded.
/// </summary>
/// <remarks>
/// Thread-safe: each call hashes in scratch memory (about 3.4 MB) rented from a small pool and reused.
/// </remarks>
public static class PdqHasher
{
    /// <summary>
    /// Hashes RGBA pixels (4 bytes per pixel, R first; alpha ignored) with the reference tool's pre-processing:
    /// a nearest-neighbour resize to exactly 512×512 when either side exceeds 512, and the grey path when
    /// every pixel has R = G = B.
    /// </summary>
    /// <param name="rgba">Rows of <paramref name="width"/> RGBA pixels, tightly packed.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    public static PdqResult HashRgba(ReadOnlySpan<byte> rgba, int width, int height)
    {
        using var scratch = PdqScratch.Rent();
        var sampler = FeedRgba(scratch, rgba, width, height);
        sampler.FillLuma(scratch.Workspace);
        return PdqCore.Hash(scratch.Workspace, sampler.Height, sampler.Width);
    }

    /// <summary>The eight dihedral hashes of RGBA pixels, with the same pre-processing as <see cref="HashRgba"/>.</summary>
    /// <param name="rgba">Rows of <paramref name="width"/> RGBA pixels, tightly packed.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    public static PdqDihedralHashes HashRgbaDihedral(ReadOnlySpan<byte> rgba, int width, int height)
    {
        using var scratch = PdqScratch.Rent();
        var sampler = FeedRgba(scratch, rgba, width, height);
        sampler.FillLuma(scratch.Workspace);
        return PdqCore.Dihedral(scratch.Workspace, sampler.Height, sampler.Width);
    }

    /// <summary>
    /// The PDQ core (<c>pdqHash256FromFloatLuma</c>) on a luma plane, with no pre-resize: blur, decimate, DCT, threshold.
    /// Sides under 5 pixels give the zero hash with quality 0, as in the reference.
    /// </summary>
    /// <param name="luma">Row-major luma, <paramref name="width"/> × <paramref name="height"/> values.</param>
    /// <param name="width">The plane width.</param>
    /// <param name="height">The plane height.</param>
    public static PdqResult HashLuma(ReadOnlySpan<float> luma, int width, int height)
    {
        using var scratch = PdqScratch.Rent();
        return PdqCore.Hash(LoadLuma(scratch, luma, width, height), height, width);
    }

    /// <summary>The eight dihedral hashes of a luma plane (<c>pdqDihedralHash256esFromFloatLuma</c>), with no pre-resize.</summary>
    /// <param name="luma">Row-major luma, <paramref name="width"/> × <paramref name="height"/> values.</param>
    /// <param name="width">The plane width.</param>
    /// <param name="height">The plane height.</param>
    public static PdqDihedralHashes HashLumaDihedral(ReadOnlySpan<float> luma, int width, int height)
    {
        using var scratch = PdqScratch.Rent();
        return PdqCore.Dihedral(LoadLuma(scratch, luma, width, height), height, width);
    }

    private static PdqSampler FeedRgba(PdqScratch scratch, ReadOnlySpan<byte> rgba, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgba.Length < (long)width * height * 4)
        {
            throw new ArgumentException("The buffer is smaller than width × height × 4 bytes.", nameof(rgba));
        }

        var sampler = scratch.Sampler;
        sampler.Begin(width, height);
        sampler.AddRows(rgba, width * 4, 0, height, grey: false);
        return sampler;
    }

    private static PdqWorkspace LoadLuma(PdqScratch scratch, ReadOnlySpan<float> luma, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (luma.Length < (long)width * height)
        {
            throw new ArgumentException("The buffer is smaller than width × height values.", nameof(luma));
        }

        var ws = scratch.Workspace;
        ws.EnsureCapacity(height, width);
        var stride = PdqWorkspace.Stride(width);
        for (var y = 0; y < height; y++)
        {
            luma.Slice(y * width, width).CopyTo(ws.Primary.AsSpan(y * stride, width));
        }

        return ws;
    }
}
