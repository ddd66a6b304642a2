using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Clearline.Media.Pdq;

/// <summary>
/// The reference's 1-D box filter (<c>box1DFloat</c>) run down every column of a matrix at once.
/// </summary>
/// <remarks>
/// Bit-exactness forbids reordering one column's running sum, but nothing forbids running many columns'
/// sums side by side: each SIMD lane holds one column and performs exactly the scalar sequence
/// (add the entering sample, subtract the leaving one, divide by the current count). The outer loop walks
/// rows, so every load is a contiguous, cache-friendly vector. Rows of a matrix are filtered by transposing
/// it first (<see cref="Transpose"/>). Widths are padded to multiples of 8; padding lanes never mix with real ones.
/// </remarks>
internal static class BoxFilter
{
    /// <summary>Filters every column of <paramref name="source"/> (rows × stride) into <paramref name="destination"/>.</summary>
    public static void Columns(ReadOnlySpan<float> source, Span<float> destination, int rows, int stride, int window, Span<float> sums) =>
        Run(source, destination, rows, stride, window, sums, default);

    /// <summary>
    /// Filters every column, but writes only output rows listed in <paramref name="sampledRows"/> (ascending,
    /// repeats allowed), output k going to destination row k. The running sums still visit every row.
    /// </summary>
    public static void ColumnsSampled(
        ReadOnlySpan<float> source, Span<float> destination, int rows, int stride, int window, Span<float> sums, ReadOnlySpan<int> sampledRows) =>
        Run(source, destination, rows, stride, window, sums, sampledRows);

    private static void Run(
        ReadOnlySpan<float> source, Span<float> destination, int rows, int stride, int window, Span<float> sums, ReadOnlySpan<int> sampled)
    {
        var half = (window + 2) / 2;
        var phase1 = half - 1;
        var phase2 = window - half + 1;
        var phase3 = rows - window;
        var phase4 = half - 1;
        sums = sums[..stride];
        sums.Clear();
        int ri = 0, li = 0, oi = 0, count = 0, next = 0;

        for (var i = 0; i < phase1; i++, ri++, count++)
        {
            Step(source, sums, stride, ri, -1);
        }

        for (var i = 0; i < phase2; i++, ri++, oi++)
        {
            Step(source, sums, stride, ri, -1);
            count++;
            Emit(sums, destination, stride, oi, count, sampled, ref next);
        }

        for (var i = 0; i < phase3; i++, ri++, li++, oi++)
        {
            Step(source, sums, stride, ri, li);
            Emit(sums, destination, stride, oi, count, sampled, ref next);
        }

        for (var i = 0; i < phase4; i++, li++, oi++)
        {
            Step(source, sums, stride, -1, li);
            count--;
            Emit(sums, destination, stride, oi, count, sampled, ref next);
        }
    }

    /// <summary>sums += source[add row]; then sums -= source[subtract row]; either row may be -1 (none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ReadOnlySpan<float> source, Span<float> sums, int stride, int addRow, int subtractRow)
    {
        ref var s = ref MemoryMarshal.GetReference(sums);
        ref var src = ref MemoryMarshal.GetReference(source);
        nuint addBase = addRow >= 0 ? (nuint)(addRow * stride) : 0;
        nuint subBase = subtractRow >= 0 ? (nuint)(subtractRow * stride) : 0;
        for (nuint j = 0; j < (nuint)stride; j += 8)
        {
            var v = Vector256.LoadUnsafe(ref s, j);
            if (addRow >= 0)
            {
                v += Vector256.LoadUnsafe(ref src, addBase + j);
            }

            if (subtractRow >= 0)
            {
                v -= Vector256.LoadUnsafe(ref src, subBase + j);
            }

            v.StoreUnsafe(ref s, j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit(ReadOnlySpan<float> sums, Span<float> destination, int stride, int outputRow, int count, ReadOnlySpan<int> sampled, ref int next)
    {
        if (sampled.IsEmpty)
        {
            Divide(sums, destination, stride, outputRow, count);
            return;
        }

        while (next < sampled.Length && sampled[next] == outputRow)
        {
            Divide(sums, destination, stride, next, count);
            next++;
        }
    }

    private static void Divide(ReadOnlySpan<float> sums, Span<float> destination, int stride, int row, int count)
    {
        ref var s = ref MemoryMarshal.GetReference(sums);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var divisor = Vector256.Create((float)count);
        var rowBase = (nuint)(row * stride);
        for (nuint j = 0; j < (nuint)stride; j += 8)
        {
            (Vector256.LoadUnsafe(ref s, j) / divisor).StoreUnsafe(ref d, rowBase + j);
        }
    }

    /// <summary>Transposes a rows × cols block (both multiples of 8) from <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static void Transpose(ReadOnlySpan<float> source, int sourceStride, Span<float> destination, int destinationStride, int rows, int cols) =>
        MatrixTranspose.Run(source, sourceStride, destination, destinationStride, rows, cols);
}
