using System.Diagnostics;
using System.Runtime.InteropServices;
using Clearline.Media.Matching;
using Clearline.Media.Pdq;

namespace Clearline.Benchmarks;

/// <summary>
/// The PDQ matching index the way Meta's <c>benchmark-query</c> measures its index: Q queries of 8 random hashes (a
/// dihedral set) and an index of N random hashes of which 8·Q are copies of the query hashes with 1–31 random bits
/// flipped; threshold 31, one thread. Reports build time, memory, per-query median and p99, recall of the planted
/// copies, a linear scan for comparison, and the cost of one incremental add and remove.
/// </summary>
/// <remarks>
/// A console mode rather than BenchmarkDotNet: building a 10 M index takes seconds, and what matters is the
/// distribution of single query times. Run:
/// <c>dotnet run -c Release --project bench/Clearline.Benchmarks -- pdqindex [hashes] [queries]</c>.
/// </remarks>
public static class PdqIndexBenchmarks
{
    private const int Threshold = PdqMatching.DefaultThreshold;

    public static void Run(string[] args)
    {
        var size = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var queryCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
        var random = new Random(41);
        var queries = new PdqHash[queryCount][];
        var hashes = new PdqHash[size];
        for (var q = 0; q < queryCount; q++)
        {
            queries[q] = new PdqHash[8];
            for (var t = 0; t < 8; t++)
            {
                queries[q][t] = RandomHash(random);
                hashes[(8 * q) + t] = FlipRandomBits(queries[q][t], random.Next(1, Threshold + 1), random);
            }
        }

        for (var i = 8 * queryCount; i < size; i++)
        {
            hashes[i] = RandomHash(random);
        }

        Console.WriteLine($"PDQ index: {size:N0} hashes ({8 * queryCount:N0} planted copies), {queryCount:N0} 8-hash queries, threshold {Threshold}");
        var index = Build(hashes);
        MeasureQueries(index, queries);
        MeasureLinearScan(hashes, queries.Take(Math.Min(queryCount, 20)).ToArray());
        MeasureUpdates(index, random);
    }

    private static PdqIndex Build(PdqHash[] hashes)
    {
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var watch = Stopwatch.StartNew();
        var index = PdqIndex.Build(Enumerable.Range(0, hashes.Length).Select(i => ((long)i, hashes[i])));
        var elapsed = watch.Elapsed;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        GC.Collect();
        var after = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine($"Layout: {index.Layout}");
        Console.WriteLine($"Build: {elapsed.TotalSeconds:F2} s; MemoryBytes {index.MemoryBytes / 1048576.0:F0} MiB; " +
            $"working set +{(after - before) / 1048576.0:F0} MiB (process {after / 1048576.0:F0} MiB, peak {peak / 1048576.0:F0} MiB, " +
            $"including the benchmark's own {hashes.Length * 32L / 1048576.0:F0} MiB copy of the hashes)");
        return index;
    }

    private static void MeasureQueries(PdqIndex index, PdqHash[][] queries)
    {
        foreach (var query in queries.Take(20))
        {
            index.Query(query, Threshold);
        }

        var times = new double[queries.Length];
        var found = 0;
        var extra = 0;
        for (var q = 0; q < queries.Length; q++)
        {
            var start = Stopwatch.GetTimestamp();
            var matches = index.Query(queries[q], Threshold);
            times[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var planted = matches.Count(m => m.Id >= 8 * q && m.Id < 8 * (q + 1) && m.Transform == m.Id - (8 * q));
            found += planted;
            extra += matches.Count - planted;
        }

        Array.Sort(times);
        Console.WriteLine($"Query (8 hashes, 1 thread): median {Percentile(times, 0.5):F3} ms, p99 {Percentile(times, 0.99):F3} ms, " +
            $"mean {times.Average():F3} ms, max {times[^1]:F3} ms; planted copies found {found:N0} of {8 * queries.Length:N0}, other matches {extra:N0}");
    }

    private static void MeasureLinearScan(PdqHash[] hashes, PdqHash[][] queries)
    {
        var watch = Stopwatch.StartNew();
        var matches = 0;
        foreach (var query in queries)
        {
            foreach (var hash in hashes)
            {
                foreach (var needle in query)
                {
                    matches += hash.DistanceTo(needle) <= Threshold ? 1 : 0;
                }
            }
        }

        Console.WriteLine($"Linear scan (8 needles per pass, hardware popcount): {watch.Elapsed.TotalMilliseconds / queries.Length:F1} ms per query ({matches:N0} matches in {queries.Length} queries)");
    }

    private static void MeasureUpdates(PdqIndex index, Random random)
    {
        var countBefore = index.Count;
        var adds = new double[20_000];
        for (var i = 0; i < adds.Length; i++)
        {
            var hash = RandomHash(random);
            var start = Stopwatch.GetTimestamp();
            Add(index, -1 - i, hash);
            adds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        // Time one rebuild on its own: fill the log until the merge starts, then query until it is published.
        index.RebuildCompletion.Wait();
        Console.WriteLine($"After {adds.Length:N0} adds and the rebuild they caused: process working set {Process.GetCurrentProcess().WorkingSet64 / 1048576.0:F0} MiB, peak so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
        for (var i = 0; index.RebuildCompletion.IsCompleted; i++)
        {
            Add(index, -1 - adds.Length - i, RandomHash(random));
        }

        var rebuildStart = Stopwatch.GetTimestamp();
        var rebuild = index.RebuildCompletion;
        var during = new List<double>();
        while (!rebuild.IsCompleted)
        {
            during.Add(TimeRandomQuery(index, random));
        }

        var rebuildSeconds = Stopwatch.GetElapsedTime(rebuildStart).TotalSeconds;
        var removes = new double[1000];
        for (var i = 0; i < removes.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            index.Remove(random.Next(countBefore));
            removes[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var after = Enumerable.Range(0, 200).Select(_ => TimeRandomQuery(index, random)).Order().ToArray();
        Array.Sort(adds);
        Array.Sort(removes);
        during.Sort();
        Console.WriteLine($"Add: mean {adds.Average() * 1000:F3} µs, p99 {Percentile(adds, 0.99) * 1000:F2} µs, max {adds[^1]:F1} ms over {adds.Length:N0} adds");
        Console.WriteLine($"Background rebuild of the tables: {rebuildSeconds:F2} s; {during.Count} queries meanwhile" +
            (during.Count == 0 ? string.Empty : $", median {Percentile([.. during], 0.5):F3} ms, p99 {Percentile([.. during], 0.99):F3} ms, max {during[^1]:F3} ms") +
            $"; process peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
        Console.WriteLine($"Remove: median {Percentile(removes, 0.5) * 1000:F2} µs, p99 {Percentile(removes, 0.99) * 1000:F2} µs");
        Console.WriteLine($"Query after those adds and removes (log of recent additions partly full): median {Percentile(after, 0.5):F3} ms, p99 {Percentile(after, 0.99):F3} ms");
    }

    /// <summary>Adds on this thread, waiting for a rebuild when the log is full: the wait is part of what is measured.</summary>
    private static void Add(PdqIndex index, long id, PdqHash hash) => index.AddAsync(id, hash).AsTask().Wait();

    private static double TimeRandomQuery(PdqIndex index, Random random)
    {
        ReadOnlySpan<PdqHash> query = [RandomHash(random), RandomHash(random), RandomHash(random), RandomHash(random), RandomHash(random), RandomHash(random), RandomHash(random), RandomHash(random)];
        var start = Stopwatch.GetTimestamp();
        index.Query(query, Threshold);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(fraction * sorted.Length) - 1)];

    private static PdqHash RandomHash(Random random) =>
        PdqHash.FromLanes((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64());

    private static PdqHash FlipRandomBits(PdqHash hash, int count, Random random)
    {
        Span<ulong> flips = stackalloc ulong[4];
        var flipped = 0;
        while (flipped < count)
        {
            var bit = random.Next(256);
            var mask = 1UL << (bit & 63);
            if ((flips[bit >> 6] & mask) == 0)
            {
                flips[bit >> 6] |= mask;
                flipped++;
            }
        }

        var lanes = MemoryMarshal.Cast<PdqHash, ulong>(new ReadOnlySpan<PdqHash>(in hash));
        return PdqHash.FromLanes(lanes[0] ^ flips[0], lanes[1] ^ flips[1], lanes[2] ^ flips[2], lanes[3] ^ flips[3]);
    }
}
