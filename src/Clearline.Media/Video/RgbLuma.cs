using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Clearline.Media.Pdq;

namespace Clearline.Media.Video;

/// <summary>
/// The reference's float luma of packed RGB24 pixels, <c>0.299f·R + 0.587f·G + 0.114f·B</c> added left to right,
/// written row by row at the PDQ workspace's stride. Used for every frame, grey or not, as the vPDQ reference does.
/// </summary>
/// <remarks>
/// Eight pixels per step: two 16-byte loads (pixels 0–3 and 4–7, 12 bytes each), byte shuffles that spread R, G
/// and B into 32-bit lanes, then per lane three rounded products added left to right, which is the reference's
/// scalar arithmetic (no FMA), so the SIMD path gives the same floats bit for bit. The last pixels of a row, whose
/// second load would read past the row, take the scalar path.
/// </remarks>
internal static class RgbLuma
{
    private const float RedWeight = 0.299f;
    private const float GreenWeight = 0.587f;
    private const float BlueWeight = 0.114f;

    /// <summary>Whether <see cref="Fill"/> takes the SIMD path on this machine.</summary>
    public static bool IsVectorized => Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated;

    public static void Fill(ReadOnlySpan<byte> rgb, int width, int height, Span<float> luma)
    {
        var stride = PdqWorkspace.Stride(width);
        var vectorized = IsVectorized;
        for (var y = 0; y < height; y++)
        {
            var row = rgb.Slice(y * width * 3, width * 3);
            var output = luma.Slice(y * stride, width);
            var done = vectorized ? VectorRow(row, output) : 0;
            ScalarRow(row, output, done);
        }
    }

    /// <summary>The scalar reference arithmetic, from pixel <paramref name="from"/> to the end of the row.</summary>
    internal static void ScalarRow(ReadOnlySpan<byte> row, Span<float> output, int from)
    {
        for (var x = from; x < output.Length; x++)
        {
            output[x] = (RedWeight * row[3 * x]) + (GreenWeight * row[(3 * x) + 1]) + (BlueWeight * row[(3 * x) + 2]);
        }
    }

    /// <summary>Fills the row eight pixels at a time while both loads stay inside it; returns the pixels done.</summary>
    private static int VectorRow(ReadOnlySpan<byte> row, Span<float> output)
    {
        ref var source = ref MemoryMarshal.GetReference(row);
        ref var target = ref MemoryMarshal.GetReference(output);
        var redIndices = Vector128.Create((byte)0, 0x80, 0x80, 0x80, 3, 0x80, 0x80, 0x80, 6, 0x80, 0x80, 0x80, 9, 0x80, 0x80, 0x80);
        var greenIndices = Vector128.Create((byte)1, 0x80, 0x80, 0x80, 4, 0x80, 0x80, 0x80, 7, 0x80, 0x80, 0x80, 10, 0x80, 0x80, 0x80);
        var blueIndices = Vector128.Create((byte)2, 0x80, 0x80, 0x80, 5, 0x80, 0x80, 0x80, 8, 0x80, 0x80, 0x80, 11, 0x80, 0x80, 0x80);
        var rw = Vector256.Create(RedWeight);
        var gw = Vector256.Create(GreenWeight);
        var bw = Vector256.Create(BlueWeight);
        var x = 0;

        // The second load reads bytes 12–27 of the step's 24, so 4 bytes past the eighth pixel must still be in the row.
        for (; (3 * x) + 28 <= row.Length; x += 8)
        {
            var low = Vector128.LoadUnsafe(ref source, (nuint)(3 * x));
            var high = Vector128.LoadUnsafe(ref source, (nuint)((3 * x) + 12));
            var r = Vector256.ConvertToSingle(Vector256.Create(Vector128.Shuffle(low, redIndices), Vector128.Shuffle(high, redIndices)).AsInt32());
            var g = Vector256.ConvertToSingle(Vector256.Create(Vector128.Shuffle(low, greenIndices), Vector128.Shuffle(high, greenIndices)).AsInt32());
            var b = Vector256.ConvertToSingle(Vector256.Create(Vector128.Shuffle(low, blueIndices), Vector128.Shuffle(high, blueIndices)).AsInt32());
            var red = rw * r;
            var green = gw * g;
            var blue = bw * b;
            ((red + green) + blue).StoreUnsafe(ref target, (nuint)x);
        }

        return x;
    }
}
