namespace Clearline.Media.Pdq;

/// <summary>
/// Float scratch planes for the PDQ core, sized for the largest input the reference hashes (512×512 after its
/// pre-resize) and grown only for larger luma planes given to the bare core. Part of <see cref="PdqScratch"/>.
/// </summary>
internal sealed class PdqWorkspace
{
    /// <summary>The largest side that is hashed; larger images are resized to exactly this square first.</summary>
    public const int MaxSide = 512;

    public float[] Primary { get; private set; } = new float[Stride(MaxSide) * MaxSide];

    public float[] Secondary { get; private set; } = new float[Stride(MaxSide) * MaxSide];

    public float[] Sums { get; private set; } = new float[MaxSide];

    public float[] SampledColumns { get; private set; } = new float[64 * MaxSide];

    public float[] SampledColumnsTransposed { get; private set; } = new float[MaxSide * 64];

    public float[] Decimated { get; } = new float[64 * 64];

    public float[] Partial { get; } = new float[16 * 64];

    public float[] Dct { get; } = new float[16 * 16];

    public float[] DihedralDct { get; } = new float[16 * 16];

    public int[] DecimationRows { get; } = new int[64];

    public int[] DecimationColumns { get; } = new int[64];

    /// <summary>
    /// Grows the buffers for a luma plane larger than 512×512 (only the core API, used without the reference's
    /// pre-resize, e.g. for video frames, can ask for that).
    /// </summary>
    public void EnsureCapacity(int height, int width)
    {
        var size = Math.Max((long)Pad(height) * Stride(width), (long)Pad(width) * Stride(height));
        if (size > Primary.Length)
        {
            Primary = new float[size];
            Secondary = new float[size];
        }

        var side = Math.Max(Pad(height), Pad(width));
        if (side > Sums.Length)
        {
            Sums = new float[side];
            SampledColumns = new float[64 * side];
            SampledColumnsTransposed = new float[side * 64];
        }
    }

    /// <summary>Rounds up to the SIMD lane multiple (8 floats) that every row width uses.</summary>
    public static int Pad(int value) => (value + 7) & ~7;

    /// <summary>
    /// The row stride of the full-size buffers: the padded width plus one cache line, so that eight rows read
    /// together by the 8×8 transpose never fall into the same cache sets (a 2 KB power-of-two stride made the
    /// transpose three times slower).
    /// </summary>
    public static int Stride(int value) => Pad(value) + 16;
}
