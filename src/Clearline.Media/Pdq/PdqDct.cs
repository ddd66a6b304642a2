using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Clearline.Media.Pdq;

/// <summary>
/// The 64×64 → 16×16 DCT, the quality metric and the median threshold, in the reference's float32 arithmetic.
/// </summary>
/// <remarks>
/// SIMD runs independent output elements in separate lanes; each lane accumulates from 0 with k ascending,
/// multiplying and adding as separate roundings (no FMA), exactly as the scalar reference does.
/// </remarks>
internal static class PdqDct
{
    private static readonly float[] _matrix = CreateMatrix();
    private static readonly float[] _matrixTransposed = Transposed(_matrix);

    /// <summary><c>D[i][j] = (float)((double)(float)sqrt(2/64) · cos(π/2/64 · (i+1) · (2j+1)))</c>, 16 × 64, DC skipped.</summary>
    private static float[] CreateMatrix()
    {
        var scale = (double)(float)Math.Sqrt(2.0 / 64);
        var matrix = new float[16 * 64];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                matrix[(i * 64) + j] = (float)(scale * Math.Cos(Math.PI / 2.0 / 64 * (i + 1) * ((2 * j) + 1)));
            }
        }

        return matrix;
    }

    private static float[] Transposed(float[] matrix)
    {
        var result = new float[64 * 16];
        for (var i = 0; i < 16; i++)
        {
            for (var k = 0; k < 64; k++)
            {
                result[(k * 16) + i] = matrix[(i * 64) + k];
            }
        }

        return result;
    }

    /// <summary>B = D · A · Dᵀ: <paramref name="a"/> is 64×64 row-major, <paramref name="t"/> 16×64 scratch, <paramref name="b"/> 16×16.</summary>
    public static void Transform(ReadOnlySpan<float> a, Span<float> t, Span<float> b)
    {
        ref var aRef = ref MemoryMarshal.GetReference(a);
        ref var tRef = ref MemoryMarshal.GetReference(t);
        for (var i = 0; i < 16; i++)
        {
            for (nuint j = 0; j < 64; j += 8)
            {
                var sum = Vector256<float>.Zero;
                for (var k = 0; k < 64; k++)
                {
                    var product = Vector256.Create(_matrix[(i * 64) + k]) * Vector256.LoadUnsafe(ref aRef, ((nuint)k * 64) + j);
                    sum += product;
                }

                sum.StoreUnsafe(ref tRef, ((nuint)i * 64) + j);
            }
        }

        ref var dtRef = ref MemoryMarshal.GetArrayDataReference(_matrixTransposed);
        ref var bRef = ref MemoryMarshal.GetReference(b);
        for (var i = 0; i < 16; i++)
        {
            var low = Vector256<float>.Zero;
            var high = Vector256<float>.Zero;
            for (var k = 0; k < 64; k++)
            {
                var tik = Vector256.Create(t[(i * 64) + k]);
                var productLow = tik * Vector256.LoadUnsafe(ref dtRef, (nuint)k * 16);
                var productHigh = tik * Vector256.LoadUnsafe(ref dtRef, ((nuint)k * 16) + 8);
                low += productLow;
                high += productHigh;
            }

            low.StoreUnsafe(ref bRef, (nuint)i * 16);
            high.StoreUnsafe(ref bRef, ((nuint)i * 16) + 8);
        }
    }

    /// <summary>The reference's gradient-sum quality over the 64×64 buffer, 0..100.</summary>
    public static int Quality(ReadOnlySpan<float> a)
    {
        var sum = 0;
        for (var i = 0; i < 63; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                sum += Gradient(a[(i * 64) + j], a[((i + 1) * 64) + j]);
            }
        }

        for (var i = 0; i < 64; i++)
        {
            for (var j = 0; j < 63; j++)
            {
                sum += Gradient(a[(i * 64) + j], a[(i * 64) + j + 1]);
            }
        }

        return Math.Min(100, sum / 90);
    }

    /// <summary><c>abs((int)(((u - v) * 100f) / 255f))</c>: float32, truncated toward zero.</summary>
    private static int Gradient(float u, float v)
    {
        var scaled = (u - v) * 100f;
        return Math.Abs((int)(scaled / 255f));
    }

    /// <summary>Sets bit 16·i+j where <c>B[i][j]</c> is strictly above the lower median of the 256 values (Torben's result).</summary>
    public static PdqHash ToHash(ReadOnlySpan<float> b)
    {
        Span<float> sorted = stackalloc float[256];
        b[..256].CopyTo(sorted);
        sorted.Sort();
        var median = sorted[127];
        Span<ulong> lanes = stackalloc ulong[4];
        for (var k = 0; k < 256; k++)
        {
            if (b[k] > median)
            {
                lanes[k >> 6] |= 1UL << (k & 63);
            }
        }

        return PdqHash.FromLanes(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    /// <summary>The lower median that <see cref="ToHash"/> thresholds at (exposed for stage tests).</summary>
    public static float Median(ReadOnlySpan<float> b)
    {
        Span<float> sorted = stackalloc float[256];
        b[..256].CopyTo(sorted);
        sorted.Sort();
        return sorted[127];
    }
}
