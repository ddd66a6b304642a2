using Clearline.Media.Matching;
using Clearline.Media.Video;

namespace Clearline.Media.Tests.Matching;

public sealed class VpdqIndexTests
{
    [Theory]
    [InlineData(8, true)]
    [InlineData(7, false)]
    public void Query_KnownVideoMatchingAnyChoiceOfFramesAtTheThreshold_FoundExactlyWhenItReachesIt(int matched, bool found)
    {
        // Ten unrelated query frames, 80 %: only 3 are looked up, so every choice of the matched ones must still be found.
        var random = new Random(3);
        var query = Enumerable.Range(0, 10).Select(i => SyntheticVideos.Frame(i, 90, RandomHashes.Next(random))).ToArray();
        var subsets = Subsets(10, matched).ToList();
        var known = subsets.Select((subset, id) => (Id: (long)id, Features: (IReadOnlyList<VpdqFeature>)
            [.. subset.Select(i => query[i] with { Hash = RandomHashes.FlipRandomBits(query[i].Hash, 31, random) })]))
            .ToList();
        var index = VpdqIndex.Build(known);

        var matches = index.Query(query);

        Assert.Equal(found ? subsets.Count : 0, matches.Count);
        Assert.All(matches, m => Assert.Equal(new VpdqComparison(80, 100), m.Comparison));
    }

    [Theory]
    [InlineData(31, true)]
    [InlineData(32, false)]
    public async Task Query_FrameAtTheThresholdFromAClusteredFrame_FoundThroughItsRepresentative(int distance, bool found)
    {
        // B joins A's cluster (8 bits off), so only A is in the frame index; the query frame is 31 or 32 bits from B and 39 or 40 from A.
        var a = RandomHashes.Next(new Random(4));
        var b = RandomHashes.Flip(a, [.. Enumerable.Range(0, 8)]);
        var query = RandomHashes.Flip(b, [.. Enumerable.Range(100, distance)]);
        var known = new[] { SyntheticVideos.Frame(0, 90, a), SyntheticVideos.Frame(1, 90, b) };
        var index = new VpdqIndex();
        await index.AddAsync(5, known, TestContext.Current.CancellationToken);

        var matches = index.Query([SyntheticVideos.Frame(0, 90, query)]);

        Assert.Equal(1, index.FrameCount);
        Assert.Equal(found ? [new VpdqIndexMatch(5, VpdqMatcher.Compare([SyntheticVideos.Frame(0, 90, query)], known))] : [], matches);
    }

    [Fact]
    public async Task AddAsync_ThenRemove_FoundThenNotFound()
    {
        var random = new Random(5);
        var video = SyntheticVideos.Video(random, 60);
        var index = new VpdqIndex();

        await index.AddAsync(42, video, TestContext.Current.CancellationToken);
        var afterAdd = index.Query(SyntheticVideos.Copy(random, video, 6, 12, 0));
        var removed = index.Remove(42);
        var afterRemove = index.Query(video);

        Assert.Equal(42, Assert.Single(afterAdd).VideoId);
        Assert.True(removed);
        Assert.Empty(afterRemove);
        Assert.False(index.Remove(42));
        Assert.Equal(0, index.Count);
        Assert.Equal(0, index.FrameCount);
    }

    [Fact]
    public async Task AddAsync_IdAlreadyStored_ReplacesItsFrames()
    {
        var random = new Random(6);
        var first = SyntheticVideos.Video(random, 50);
        var second = SyntheticVideos.Video(random, 50);
        var index = new VpdqIndex();

        await index.AddAsync(1, first, TestContext.Current.CancellationToken);
        await index.AddAsync(1, second, TestContext.Current.CancellationToken);

        Assert.Empty(index.Query(first));
        Assert.Equal(new VpdqIndexMatch(1, new VpdqComparison(100, 100)), Assert.Single(index.Query(second)));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public async Task Query_FramesBelowQuality_NeitherStoredNorLookedUp()
    {
        var hash = RandomHashes.Next(new Random(7));
        var index = new VpdqIndex();
        await index.AddAsync(1, [SyntheticVideos.Frame(0, 49, hash)], TestContext.Current.CancellationToken);
        await index.AddAsync(2, [SyntheticVideos.Frame(0, 50, hash)], TestContext.Current.CancellationToken);

        var matches = index.Query([SyntheticVideos.Frame(0, 100, hash)]);
        var lowQueryMatches = index.Query([SyntheticVideos.Frame(0, 49, hash)]);

        Assert.Equal(2, Assert.Single(matches).VideoId);
        Assert.Empty(lowQueryMatches);
        Assert.Equal(1, index.FrameCount);
    }

    [Fact]
    public async Task Query_DuplicateFramesUnderAllFramesRule_CountedAsTheMatcherCounts()
    {
        var random = new Random(8);
        var repeated = RandomHashes.Next(random);
        var query = Enumerable.Range(0, 10).Select(i => SyntheticVideos.Frame(i, 90, i < 8 ? repeated : RandomHashes.Next(random))).ToArray();
        var known = new[] { SyntheticVideos.Frame(0, 90, RandomHashes.FlipRandomBits(repeated, 30, random)) };
        var index = new VpdqIndex();
        await index.AddAsync(9, known, TestContext.Current.CancellationToken);
        var strict = new VpdqMatchOptions { Rule = VpdqFrameRule.AllFramesStrict };

        Assert.Equal(VpdqMatcher.Compare(query, known, strict), Assert.Single(index.Query(query, strict)).Comparison);
        Assert.Empty(index.Query(query));
    }

    [Fact]
    public void Query_OptionsBeyondWhatTheIndexStores_Refused()
    {
        var index = new VpdqIndex(maxThreshold: 31, minimumQuality: 50);
        VpdqFeature[] query = [SyntheticVideos.Frame(0, 90, RandomHashes.Next(new Random(9)))];

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Query(query, new VpdqMatchOptions { DistanceThreshold = 32 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Query(query, new VpdqMatchOptions { QualityThreshold = 49 }));
        Assert.Empty(index.Query(query, new VpdqMatchOptions { DistanceThreshold = 32, Rule = VpdqFrameRule.AllFramesStrict }));
        Assert.Empty(index.Query(query, new VpdqMatchOptions { QueryMatchPercent = 101 }));
    }

    [Fact]
    public async Task Query_WhileAWriterAddsAndRemoves_AlwaysFindsTheStableVideosExactly()
    {
        var random = new Random(10);
        var stable = Enumerable.Range(0, 50).Select(i => (Id: (long)i, Features: (IReadOnlyList<VpdqFeature>)SyntheticVideos.Video(random, 80))).ToList();
        var churn = Enumerable.Range(0, 200).Select(_ => SyntheticVideos.Video(random, 80)).ToArray();
        var index = VpdqIndex.Build(stable);
        var queries = stable.Select(v => SyntheticVideos.Copy(random, [.. v.Features], 8, 10, 0)).ToArray();
        var expected = queries.Select(q => SyntheticVideos.BruteForce(stable, q, VpdqMatchOptions.Default)).ToArray();
        var ct = TestContext.Current.CancellationToken;

        var writer = Task.Run(
            async () =>
            {
                for (var round = 0; round < 3; round++)
                {
                    for (var i = 0; i < churn.Length; i++)
                    {
                        await index.AddAsync(1000 + i, churn[i], ct);
                    }

                    for (var i = 0; i < churn.Length; i += 2)
                    {
                        index.Remove(1000 + i);
                    }
                }
            },
            ct);
        var checks = 0;
        while (!writer.IsCompleted || checks < queries.Length)
        {
            var q = checks++ % queries.Length;
            Assert.Equal(expected[q], index.Query(queries[q]).Where(m => m.VideoId < 1000).Select(m => (m.VideoId, m.Comparison)));
        }

        await writer;
        Assert.Equal(150, index.Count);
    }

    private static IEnumerable<int[]> Subsets(int n, int size)
    {
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) == size)
            {
                yield return [.. Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0)];
            }
        }
    }
}
