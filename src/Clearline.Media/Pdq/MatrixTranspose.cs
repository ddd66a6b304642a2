using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Clearline.Media.Pdq;

/// <summary>Transposes float matrices in 8×8 blocks, with AVX shuffles where available (a pure data move, so exact).</summary>
internal static class MatrixTranspose
{
    public static void Run(ReadOnlySpan<float> source, int sourceStride, Span<float> destination, int destinationStride, int rows, int cols)
    {
        if (Avx.IsSupported)
        {
            for (var i = 0; i < rows; i += 8)
            {
                for (var j = 0; j < cols; j += 8)
                {
                    Block(source, sourceStride, destination, destinationStride, i, j);
                }
            }

            return;
        }

        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                destination[(j * destinationStride) + i] = source[(i * sourceStride) + j];
            }
        }
    }

    private static void Block(ReadOnlySpan<float> source, int sourceStride, Span<float> destination, int destinationStride, int i, int j)
    {
        ref var src = ref MemoryMarshal.GetReference(source);
        var b = (nuint)((i * sourceStride) + j);
        var s = (nuint)sourceStride;
        var r0 = Vector256.LoadUnsafe(ref src, b);
        var r1 = Vector256.LoadUnsafe(ref src, b + s);
        var r2 = Vector256.LoadUnsafe(ref src, b + (2 * s));
        var r3 = Vector256.LoadUnsafe(ref src, b + (3 * s));
        var r4 = Vector256.LoadUnsafe(ref src, b + (4 * s));
        var r5 = Vector256.LoadUnsafe(ref src, b + (5 * s));
        var r6 = Vector256.LoadUnsafe(ref src, b + (6 * s));
        var r7 = Vector256.LoadUnsafe(ref src, b + (7 * s));

        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);

        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);

        ref var dst = ref MemoryMarshal.GetReference(destination);
        var o = (nuint)((j * destinationStride) + i);
        var d = (nuint)destinationStride;
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref dst, o);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref dst, o + d);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref dst, o + (2 * d));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref dst, o + (3 * d));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref dst, o + (4 * d));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref dst, o + (5 * d));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref dst, o + (6 * d));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref dst, o + (7 * d));
    }
}
