using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Clearline.Media.Pdq;

/// <summary>Converts packed RGBA samples to the reference's float32 luma, eight pixels per step.</summary>
/// <remarks>
/// Each lane computes <c>0.299f·R + 0.587f·G + 0.114f·B</c> with three rounded products added left to right,
/// which is the reference's scalar arithmetic (no FMA), so SIMD here is exact.
/// </remarks>
internal static class LumaFill
{
    private const float RedWeight = 0.299f;
    private const float GreenWeight = 0.587f;
    private const float BlueWeight = 0.114f;

    public static void Run(ReadOnlySpan<uint> samples, int width, int height, bool grey, Span<float> luma)
    {
        var stride = PdqWorkspace.Stride(width);
        for (var y = 0; y < height; y++)
        {
            var row = samples.Slice(y * width, width);
            var output = luma.Slice(y * stride, width);
            if (grey)
            {
                GreyRow(row, output);
            }
            else
            {
                ColourRow(row, output);
            }
        }
    }

    private static void GreyRow(ReadOnlySpan<uint> row, Span<float> output)
    {
        for (var x = 0; x < row.Length; x++)
        {
            output[x] = row[x] & 0xFF;
        }
    }

    private static void ColourRow(ReadOnlySpan<uint> row, Span<float> output)
    {
        ref var source = ref MemoryMarshal.GetReference(row);
        ref var target = ref MemoryMarshal.GetReference(output);
        var mask = Vector256.Create(0xFFu);
        var rw = Vector256.Create(RedWeight);
        var gw = Vector256.Create(GreenWeight);
        var bw = Vector256.Create(BlueWeight);
        var x = 0;
        for (; x + 8 <= row.Length; x += 8)
        {
            var p = Vector256.LoadUnsafe(ref source, (nuint)x);
            var r = Vector256.ConvertToSingle((p & mask).AsInt32());
            var g = Vector256.ConvertToSingle((Vector256.ShiftRightLogical(p, 8) & mask).AsInt32());
            var b = Vector256.ConvertToSingle((Vector256.ShiftRightLogical(p, 16) & mask).AsInt32());
            var red = rw * r;
            var green = gw * g;
            var blue = bw * b;
            ((red + green) + blue).StoreUnsafe(ref target, (nuint)x);
        }

        for (; x < row.Length; x++)
        {
            var p = row[x];
            output[x] = (RedWeight * (p & 0xFF)) + (GreenWeight * ((p >> 8) & 0xFF)) + (BlueWeight * ((p >> 16) & 0xFF));
        }
    }
}
