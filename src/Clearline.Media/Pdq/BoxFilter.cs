using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Clearline.Media.Pdq;

/// <summary>
/// The reference's 1-D box filter (<c>box1DFloat</c>) run down every column of a matrix at once.
/// </summary>
/// <remarks>
/// Bit-exactness forbids reordering one column's running sum, but nothing forbids running many columns'
/// sums side by side: each SIMD lane holds one column and performs exactly the scalar sequence (add the
/// entering sample, subtract the leaving one, divide by the current count). The outer loop walks rows, so every
/// load is a contiguous, cache-friendly vector. Rows of a matrix are filtered by transposing it first.
/// Dividing by a power-of-two count is done as a multiplication by its reciprocal: both are the correctly
/// rounded value of the same real quotient, so the result is identical.
/// </remarks>
internal static class BoxFilter
{
    /// <summary>Filters columns 0..width-1 (a multiple of 8) of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static void Columns(ReadOnlySpan<float> source, Span<float> destination, int rows, int width, int stride, int window, Span<float> sums) =>
        Run(source, destination, rows, width, stride, window, sums, default);

    /// <summary>
    /// Filters every column, but writes only output rows listed in <paramref name="sampledRows"/> (ascending,
    /// repeats allowed), output k going to destination row k. The running sums still visit every row.
    /// </summary>
    public static void ColumnsSampled(
        ReadOnlySpan<float> source, Span<float> destination, int rows, int width, int stride, int window, Span<float> sums, ReadOnlySpan<int> sampledRows) =>
        Run(source, destination, rows, width, stride, window, sums, sampledRows);

    private static void Run(
        ReadOnlySpan<float> source, Span<float> destination, int rows, int width, int stride, int window, Span<float> sums, ReadOnlySpan<int> sampled)
    {
        var half = (window + 2) / 2;
        var phase1 = half - 1;
        var phase2 = window - half + 1;
        var phase3 = rows - window;
        var phase4 = half - 1;
        var s = sums[..width];
        s.Clear();
        var cursor = new Cursor(source, destination, width, stride, sampled);
        int ri = 0, li = 0, oi = 0, count = 0;

        for (var i = 0; i < phase1; i++, ri++, count++)
        {
            cursor.Step(s, ri, -1, -1, count);
        }

        for (var i = 0; i < phase2; i++, ri++, oi++)
        {
            count++;
            cursor.Step(s, ri, -1, oi, count);
        }

        for (var i = 0; i < phase3; i++, ri++, li++, oi++)
        {
            cursor.Step(s, ri, li, oi, count);
        }

        for (var i = 0; i < phase4; i++, li++, oi++)
        {
            count--;
            cursor.Step(s, -1, li, oi, count);
        }
    }

    /// <summary>One row step for all columns, fused: update the sums, and write the means if this row is output.</summary>
    private ref struct Cursor(ReadOnlySpan<float> source, Span<float> destination, int width, int stride, ReadOnlySpan<int> sampled)
    {
        private readonly ReadOnlySpan<float> _source = source;
        private readonly Span<float> _destination = destination;
        private readonly ReadOnlySpan<int> _sampled = sampled;
        private int _next;

        public void Step(Span<float> sums, int addRow, int subtractRow, int outputRow, int count)
        {
            var target = outputRow < 0 ? -1 : _sampled.IsEmpty ? outputRow : NextSampled(outputRow);
            Kernel(sums, addRow, subtractRow, target, count);
            while (target >= 0 && !_sampled.IsEmpty && _next < _sampled.Length && _sampled[_next] == outputRow)
            {
                // Repeated sample positions (inputs narrower than 64) copy the row just written.
                _destination.Slice(target * width, width).CopyTo(_destination.Slice(_next * width, width));
                _next++;
            }
        }

        private int NextSampled(int outputRow)
        {
            if (_next < _sampled.Length && _sampled[_next] == outputRow)
            {
                return _next++;
            }

            return -1;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly void Kernel(Span<float> sums, int addRow, int subtractRow, int target, int count)
        {
            ref var sum = ref MemoryMarshal.GetReference(sums);
            ref var src = ref MemoryMarshal.GetReference(_source);
            ref var dst = ref MemoryMarshal.GetReference(_destination);
            var add = addRow >= 0 ? (nuint)(addRow * stride) : 0;
            var sub = subtractRow >= 0 ? (nuint)(subtractRow * stride) : 0;
            var output = target >= 0 ? (nuint)(target * (_sampled.IsEmpty ? stride : width)) : 0;
            var exactReciprocal = BitOperations.IsPow2(count);
            var reciprocal = Vector256.Create(1f / count);
            var divisor = Vector256.Create((float)count);
            var n = (nuint)width;
            if (addRow >= 0 && subtractRow >= 0 && target >= 0 && exactReciprocal)
            {
                for (nuint j = 0; j < n; j += 8)
                {
                    var v = (Vector256.LoadUnsafe(ref sum, j) + Vector256.LoadUnsafe(ref src, add + j)) - Vector256.LoadUnsafe(ref src, sub + j);
                    v.StoreUnsafe(ref sum, j);
                    (v * reciprocal).StoreUnsafe(ref dst, output + j);
                }

                return;
            }

            for (nuint j = 0; j < n; j += 8)
            {
                var v = Vector256.LoadUnsafe(ref sum, j);
                if (addRow >= 0)
                {
                    v += Vector256.LoadUnsafe(ref src, add + j);
                }

                if (subtractRow >= 0)
                {
                    v -= Vector256.LoadUnsafe(ref src, sub + j);
                }

                v.StoreUnsafe(ref sum, j);
                if (target >= 0)
                {
                    (exactReciprocal ? v * reciprocal : v / divisor).StoreUnsafe(ref dst, output + j);
                }
            }
        }
    }
}
