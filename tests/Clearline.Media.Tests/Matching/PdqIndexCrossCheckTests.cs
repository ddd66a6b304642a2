using Clearline.Media.Matching;
using Clearline.Media.Pdq;

namespace Clearline.Media.Tests.Matching;

/// <summary>The index against a linear scan on 100 k random hashes with near-duplicates planted at every distance 0..40.</summary>
public sealed class PdqIndexCrossCheckTests
{
    private const int RandomCount = 100_000;
    private const int QueryCount = 40;

    [Theory]
    [InlineData(31, 31)]
    [InlineData(31, 10)]
    [InlineData(31, 0)]
    [InlineData(63, 63)]
    [InlineData(63, 31)]
    public async Task Query_RandomIndexWithPlantedNearDuplicates_SameResultsAsLinearScan(int maxThreshold, int threshold)
    {
        var random = new Random(41);
        var queries = Enumerable.Range(0, QueryCount).Select(_ => Enumerable.Range(0, 8).Select(_ => RandomHashes.Next(random)).ToArray()).ToArray();
        var entries = Enumerable.Range(0, RandomCount).Select(i => ((long)i, RandomHashes.Next(random))).ToList();
        foreach (var query in queries)
        {
            for (var distance = 0; distance <= 40; distance++)
            {
                entries.Add((entries.Count, RandomHashes.FlipRandomBits(query[random.Next(8)], distance, random)));
            }
        }

        // The last 3,000 go through Add, so the logs of recent additions and the rebuilds (during and after) are checked too.
        var index = PdqIndex.Build(entries.Take(entries.Count - 3_000), maxThreshold);
        foreach (var (id, hash) in entries.Skip(entries.Count - 3_000))
        {
            await index.AddAsync(id, hash, TestContext.Current.CancellationToken);
        }

        var expected = queries.Select(query => LinearScan(entries, query, threshold)).ToArray();
        for (var q = 0; q < queries.Length; q++)
        {
            Assert.Equal(expected[q], index.Query(queries[q], threshold));
        }

        await index.RebuildCompletion;
        for (var q = 0; q < queries.Length; q++)
        {
            Assert.Equal(expected[q], index.Query(queries[q], threshold));
        }
    }

    private static List<PdqMatch> LinearScan(List<(long Id, PdqHash Hash)> entries, PdqHash[] query, int threshold)
    {
        var matches = new List<PdqMatch>();
        foreach (var (id, hash) in entries)
        {
            var best = new PdqMatch(id, int.MaxValue, -1);
            for (var transform = 0; transform < query.Length; transform++)
            {
                var distance = hash.DistanceTo(query[transform]);
                if (distance < best.Distance)
                {
                    best = best with { Distance = distance, Transform = transform };
                }
            }

            if (best.Distance <= threshold)
            {
                matches.Add(best);
            }
        }

        return matches;
    }
}
