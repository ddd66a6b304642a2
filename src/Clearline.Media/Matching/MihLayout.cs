using System.Globalization;
using System.Numerics;
using Clearline.Media.Pdq;

namespace Clearline.Media.Matching;

/// <summary>
/// How multi-index hashing (Norouzi, Punjani and Fleet, 2014) cuts the 256 bits into substrings, each indexed by
/// its own table, and how far around each substring a query looks.
/// </summary>
/// <remarks>
/// Exact recall rests on a generalised pigeonhole: give substring <c>i</c> a search radius <c>r_i</c>. A stored hash
/// whose every substring differs by more than its radius differs by at least <c>Σ(r_i + 1)</c> bits, so when
/// <c>Σ(r_i + 1) ≥ d + 1</c> every hash within <c>d</c> agrees with the query within radius on some substring.
/// A radius of −1 means the substring's table need not be looked at (or built) at all.
/// </remarks>
internal sealed class MihLayout
{
    /// <summary>The widest substring: its table's bucket offsets take 2^24 × 4 bytes = 64 MiB.</summary>
    public const int MaxWidth = 24;

    private const int MinWidth = 8;

    private MihLayout(int maxThreshold, int[] widths)
    {
        MaxThreshold = maxThreshold;
        var starts = new int[widths.Length];
        for (var i = 1; i < widths.Length; i++)
        {
            starts[i] = starts[i - 1] + widths[i - 1];
        }

        Starts = starts;
        Widths = widths;
        var tables = 0;
        while (tables < widths.Length && RadiusFor(tables, maxThreshold) >= 0)
        {
            tables++;
        }

        TableCount = tables;
        Masks = new uint[tables][];
        MaskCounts = new int[tables][];
        for (var i = 0; i < tables; i++)
        {
            (Masks[i], MaskCounts[i]) = NeighbourMasks(widths[i], RadiusFor(i, maxThreshold));
        }
    }

    /// <summary>The largest query threshold the layout guarantees exact recall for.</summary>
    public int MaxThreshold { get; }

    /// <summary>The number of substrings, widest first, that get a table (the rest are never probed).</summary>
    public int TableCount { get; }

    /// <summary>The first bit of each substring.</summary>
    public IReadOnlyList<int> Starts { get; }

    /// <summary>The bits in each substring, widest first.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>Per table: every XOR mask within its largest radius, in order of weight (0, then all 1-bit, …).</summary>
    public uint[][] Masks { get; }

    /// <summary>Per table: <c>MaskCounts[t][r]</c> is how many of <see cref="Masks"/> lie within radius r.</summary>
    public int[][] MaskCounts { get; }

    /// <summary>
    /// Picks the number of substrings for an index of about <paramref name="expectedCount"/> hashes: the one with the
    /// fewest expected memory touches per query hash (bucket probes plus random candidates to verify).
    /// </summary>
    public static MihLayout Choose(int maxThreshold, long expectedCount)
    {
        var bestSubstrings = 0;
        var bestCost = double.MaxValue;
        // Buckets far outnumbering the hashes only cost memory: cap the width near log2 of the size.
        var widest = Math.Clamp(BitOperations.Log2((ulong)Math.Max(expectedCount, 1)) + 2, MinWidth, MaxWidth);
        for (var substrings = (256 + widest - 1) / widest; substrings <= 256 / MinWidth; substrings++)
        {
            var cost = ExpectedCost(maxThreshold, expectedCount, substrings);
            if (cost < bestCost)
            {
                (bestSubstrings, bestCost) = (substrings, cost);
            }
        }

        return new MihLayout(maxThreshold, SplitWidths(bestSubstrings));
    }

    /// <summary>The radius of substring <paramref name="table"/> for a query at <paramref name="threshold"/>; −1 means skip it.</summary>
    public int RadiusFor(int table, int threshold)
    {
        var perTable = (threshold + 1) / Widths.Count;
        var extra = (threshold + 1) % Widths.Count;
        return perTable - 1 + (table < extra ? 1 : 0);
    }

    /// <summary>The value of substring <paramref name="table"/> of <paramref name="hash"/> (bit k of the hash is bit k − start).</summary>
    public uint Key(in PdqHash hash, int table)
    {
        var start = Starts[table];
        var lane = start >> 6;
        var shift = start & 63;
        var value = hash.Lane(lane) >> shift;
        if (shift + Widths[table] > 64)
        {
            value |= hash.Lane(lane + 1) << (64 - shift);
        }

        return (uint)(value & ((1UL << Widths[table]) - 1));
    }

    /// <summary>The substring widths and, at <see cref="MaxThreshold"/>, their radii, for benchmark reports.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Widths.Count} substrings of {string.Join("/", Widths.Distinct())} bits, ")
        + string.Create(CultureInfo.InvariantCulture, $"radii at threshold {MaxThreshold}: [{string.Join(",", Enumerable.Range(0, TableCount).Select(t => RadiusFor(t, MaxThreshold)))}]");

    private static int[] SplitWidths(int substrings)
    {
        var widths = new int[substrings];
        for (var i = 0; i < substrings; i++)
        {
            widths[i] = (256 / substrings) + (i < 256 % substrings ? 1 : 0);
        }

        return widths;
    }

    private static double ExpectedCost(int maxThreshold, long expectedCount, int substrings)
    {
        var widths = SplitWidths(substrings);
        var perTable = (maxThreshold + 1) / substrings;
        var extra = (maxThreshold + 1) % substrings;
        var cost = 0.0;
        for (var i = 0; i < substrings; i++)
        {
            var radius = perTable - 1 + (i < extra ? 1 : 0);
            var probes = 0.0;
            for (var k = 0; k <= radius; k++)
            {
                probes += Binomial(widths[i], k);
            }

            cost += probes * (1 + (expectedCount / Math.Pow(2, widths[i])));
        }

        return cost;
    }

    private static double Binomial(int n, int k)
    {
        var result = 1.0;
        for (var i = 0; i < k; i++)
        {
            result = result * (n - i) / (i + 1);
        }

        return result;
    }

    private static (uint[] Masks, int[] CountByRadius) NeighbourMasks(int width, int radius)
    {
        var masks = new List<uint> { 0 };
        var counts = new int[radius + 1];
        counts[0] = 1;
        for (var weight = 1; weight <= radius; weight++)
        {
            for (var mask = (1u << Math.Min(weight, width)) - 1; weight <= width && mask < 1u << width; mask = NextWithSameWeight(mask))
            {
                masks.Add(mask);
            }

            counts[weight] = masks.Count;
        }

        return ([.. masks], counts);
    }

    /// <summary>Gosper's hack: the next larger integer with as many set bits as <paramref name="mask"/> (non-zero, under 2^31).</summary>
    private static uint NextWithSameWeight(uint mask)
    {
        var lowest = mask & (uint)-(int)mask;
        var ripple = mask + lowest;
        return ripple | (((ripple ^ mask) >> 2) / lowest);
    }
}
