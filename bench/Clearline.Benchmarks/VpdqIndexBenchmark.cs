using System.Diagnostics;
using Clearline.Media.Matching;
using Clearline.Media.Video;

namespace Clearline.Benchmarks;

/// <summary>
/// The video index at scale: N known synthetic videos of 300 frames (<see cref="SyntheticVideoHashes"/>), queries of
/// 300 frames that are either a re-encoded, 10 %-trimmed copy of a known video or an unknown video; default match
/// options (distance ≤ 31 on unique frames, quality ≥ 50, query ≥ 80 %), one thread. Reports build time, memory, the
/// median and p99 per query of each kind, whether every planted video was found, and a brute-force check
/// (<see cref="VpdqMatcher.Compare"/> with every known video) on a sample of the queries.
/// </summary>
/// <remarks>
/// Run: <c>dotnet bench/Clearline.Benchmarks/bin/Release/net10.0/linux-x64/Clearline.Benchmarks.dll vpdqindex [videos] [queries] [brute-force sample] [cluster radius]</c>.
/// </remarks>
public static class VpdqIndexBenchmark
{
    private const int Frames = 300;

    public static void Run(string[] args)
    {
        var videos = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var queryCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        var sample = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4;
        var clusterRadius = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : VpdqIndex.DefaultClusterRadius;
        Console.WriteLine($"vPDQ index: {videos:N0} known videos × {Frames} frames, {queryCount:N0} planted + {queryCount:N0} unknown {Frames}-frame queries, default options, cluster radius {clusterRadius}, 1 thread");

        var generation = Stopwatch.StartNew();
        var generated = 0L;
        for (var id = 0; id < videos; id++)
        {
            generated += SyntheticVideoHashes.Known(id, Frames).Length;
        }

        var generationSeconds = generation.Elapsed.TotalSeconds;
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var watch = Stopwatch.StartNew();
        var index = VpdqIndex.Build(Enumerable.Range(0, videos).Select(id => ((long)id, (IReadOnlyList<VpdqFeature>)SyntheticVideoHashes.Known(id, Frames))), clusterRadius: clusterRadius);
        var buildSeconds = watch.Elapsed.TotalSeconds - generationSeconds;
        GC.Collect();
        var after = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine($"Layout: {index.Layout}; {index.FrameCount:N0} cluster representatives for {generated:N0} frames");
        Console.WriteLine($"Build: {buildSeconds:F1} s (not counting {generationSeconds:F1} s to generate the frames); MemoryBytes {index.MemoryBytes / 1048576.0:F0} MiB; " +
            $"working set +{(after - before) / 1048576.0:F0} MiB (process {after / 1048576.0:F0} MiB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB)");

        var random = new Random(15);
        var planted = Enumerable.Range(0, queryCount).Select(q => random.NextInt64(videos)).ToArray();
        var plantedQueries = planted.Select((id, q) => SyntheticVideoHashes.ReencodedTrimmed(SyntheticVideoHashes.Known(id, Frames), q)).ToArray();
        var unknownQueries = Enumerable.Range(0, queryCount).Select(q => SyntheticVideoHashes.Unknown(q, Frames)).ToArray();
        foreach (var query in plantedQueries.Take(10).Concat(unknownQueries.Take(10)))
        {
            index.Query(query);
        }

        var (plantedTimes, plantedResults) = Measure(index, plantedQueries);
        var (unknownTimes, unknownResults) = Measure(index, unknownQueries);
        var found = plantedResults.Where((matches, q) => matches.Any(m => m.VideoId == planted[q])).Count();
        Report("planted (re-encoded, trimmed 10 %)", plantedTimes);
        Report("unknown", unknownTimes);
        Report("all", [.. plantedTimes, .. unknownTimes]);
        Console.WriteLine($"Planted videos found: {found} of {queryCount}; other matches: {plantedResults.Sum(r => r.Count) - found} for planted queries, {unknownResults.Sum(r => r.Count)} for unknown ones; " +
            $"query % of the planted matches: min {plantedResults.SelectMany(r => r).Select(m => m.Comparison.QueryPercent).DefaultIfEmpty().Min():F1}");

        var sampled = Enumerable.Range(0, sample).Select(s => s % 2 == 0 ? (plantedQueries[s / 2], plantedResults[s / 2]) : (unknownQueries[s / 2], unknownResults[s / 2])).ToArray();
        CheckAgainstBruteForce(videos, sampled);
    }

    private static (double[] Times, List<IReadOnlyList<VpdqIndexMatch>> Results) Measure(VpdqIndex index, VpdqFeature[][] queries)
    {
        var times = new double[queries.Length];
        var results = new List<IReadOnlyList<VpdqIndexMatch>>(queries.Length);
        for (var q = 0; q < queries.Length; q++)
        {
            var start = Stopwatch.GetTimestamp();
            results.Add(index.Query(queries[q]));
            times[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times, results);
    }

    private static void Report(string kind, double[] times)
    {
        Array.Sort(times);
        Console.WriteLine($"Query, {kind}: median {Percentile(times, 0.5):F2} ms, p99 {Percentile(times, 0.99):F2} ms, mean {times.Average():F2} ms, max {times[^1]:F2} ms");
    }

    /// <summary>Every known video compared with each sampled query by the matcher itself (regenerated, all cores): the index must give exactly those matches.</summary>
    private static void CheckAgainstBruteForce(int videos, (VpdqFeature[] Query, IReadOnlyList<VpdqIndexMatch> Found)[] sampled)
    {
        var watch = Stopwatch.StartNew();
        var expected = sampled.Select(_ => new List<VpdqIndexMatch>()).ToArray();
        Parallel.For(0, videos, id =>
        {
            var known = SyntheticVideoHashes.Known(id, Frames);
            for (var s = 0; s < sampled.Length; s++)
            {
                var comparison = VpdqMatcher.Compare(sampled[s].Query, known);
                if (comparison.IsMatch())
                {
                    lock (expected[s])
                    {
                        expected[s].Add(new VpdqIndexMatch(id, comparison));
                    }
                }
            }
        });

        var identical = expected.Zip(sampled).Count(pair => pair.First.OrderBy(m => m.VideoId).SequenceEqual(pair.Second.Found));
        Console.WriteLine($"Brute force on {sampled.Length} sampled queries ({sampled.Length * (long)videos:N0} comparisons, {watch.Elapsed.TotalSeconds:F0} s): " +
            $"identical matches and percentages for {identical} of {sampled.Length} ({expected.Sum(e => e.Count)} matches in all)");
    }

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(fraction * sorted.Length) - 1)];
}
