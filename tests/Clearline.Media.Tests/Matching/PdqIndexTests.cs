using Clearline.Media.Matching;
using Clearline.Media.Pdq;

namespace Clearline.Media.Tests.Matching;

public sealed class PdqIndexTests
{
    public static TheoryData<string> FlipPatterns() => ["consecutive", "spread", "random"];

    [Theory]
    [MemberData(nameof(FlipPatterns))]
    public async Task Query_DistanceThirtyOneMatchesThirtyTwoDoesNot(string pattern)
    {
        var random = new Random(5);
        var query = RandomHashes.Next(random);
        var bits = pattern switch
        {
            "consecutive" => Enumerable.Range(100, 32).ToArray(),
            "spread" => Enumerable.Range(0, 32).Select(i => i * 8).ToArray(),
            _ => Enumerable.Range(0, 256).OrderBy(_ => random.Next()).Take(32).ToArray(),
        };
        var index = IndexWithRandomHashes(10_000, random);
        await index.AddAsync(-31, RandomHashes.Flip(query, bits.AsSpan(0, 31)), TestContext.Current.CancellationToken);
        await index.AddAsync(-32, RandomHashes.Flip(query, bits), TestContext.Current.CancellationToken);

        var matches = index.Query([query]);

        Assert.Equal([new PdqMatch(-31, 31, 0)], matches);
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    public async Task Query_QualityGate_BelowFiftyNeverMatches(int quality, bool matches)
    {
        var random = new Random(6);
        var hash = RandomHashes.Next(random);
        var index = IndexWithRandomHashes(1_000, random);
        await index.AddAsync(7, hash, TestContext.Current.CancellationToken);
        var others = Enumerable.Range(0, 7).Select(_ => RandomHashes.Next(random)).ToArray();
        var dihedral = new PdqDihedralHashes(hash, others[0], others[1], others[2], others[3], others[4], others[5], others[6], quality);

        Assert.Equal(matches, index.Query(dihedral).Any(match => match.Id == 7));
        Assert.Equal(matches, index.Query(new PdqResult(hash, quality)).Any(match => match.Id == 7));
    }

    [Fact]
    public void Query_EmptyIndex_FindsNothing()
    {
        var index = new PdqIndex();

        Assert.Empty(index.Query([PdqHash.Zero]));
        Assert.Equal(0, index.Count);
        Assert.False(index.Remove(1));
    }

    [Fact]
    public void Build_FromAStreamOfUnknownLength_IndexesEveryEntry()
    {
        var random = new Random(14);
        var hashes = Enumerable.Range(0, 5_000).Select(_ => RandomHashes.Next(random)).ToArray();

        var index = PdqIndex.Build(Stream(hashes));

        Assert.Equal(5_000, index.Count);
        Assert.Equal([new PdqMatch(1234, 0, 0)], index.Query([hashes[1234]]));

        static IEnumerable<(long, PdqHash)> Stream(PdqHash[] hashes)
        {
            for (var i = 0; i < hashes.Length; i++)
            {
                yield return (i, hashes[i]);
            }
        }
    }

    [Fact]
    public async Task Add_ThenQuery_FindsItAtOnce()
    {
        var random = new Random(8);
        var index = IndexWithRandomHashes(50_000, random);
        var hash = RandomHashes.Next(random);

        await index.AddAsync(99, hash, TestContext.Current.CancellationToken);

        Assert.Equal([new PdqMatch(99, 3, 0)], index.Query([RandomHashes.FlipRandomBits(hash, 3, random)]));
        Assert.Equal(50_001, index.Count);
    }

    [Fact]
    public async Task Remove_ThenQuery_NeverFindsItAgain()
    {
        var random = new Random(9);
        var built = RandomHashes.Next(random);
        var added = RandomHashes.Next(random);
        var index = PdqIndex.Build([(1, built), (2, RandomHashes.Next(random))]);
        await index.AddAsync(3, added, TestContext.Current.CancellationToken);

        Assert.True(index.Remove(1));
        Assert.True(index.Remove(3));

        Assert.Empty(index.Query([built, added]));
        Assert.False(index.Remove(1));
        Assert.Equal(1, index.Count);
        for (var i = 0; i < 5_000; i++)
        {
            await index.AddAsync(100 + i, RandomHashes.Next(random), TestContext.Current.CancellationToken);
        }

        Assert.Empty(index.Query([built, added]));
    }

    [Fact]
    public async Task Remove_WhileTheTablesAreRefirst_StaysRemovedInTheNewTables()
    {
        var random = new Random(13);
        var index = IndexWithRandomHashes(200_000, random);
        var first = RandomHashes.Next(random);
        var second = RandomHashes.Next(random);
        await index.AddAsync(1, first, TestContext.Current.CancellationToken);
        await index.AddAsync(2, second, TestContext.Current.CancellationToken);

        // Fill the log of recent additions until its merge into new tables starts in the background.
        while (index.RebuildCompletion.IsCompleted)
        {
            await index.AddAsync(3, RandomHashes.Next(random), TestContext.Current.CancellationToken);
        }

        Assert.True(index.Remove(2));
        Assert.True(index.Remove(1));
        Assert.Empty(index.Query([first, second]));
        await index.RebuildCompletion;

        Assert.Empty(index.Query([first, second]));
        Assert.False(index.Remove(1));
    }

    [Fact]
    public async Task AddAsync_LogFullWhileTheTablesAreRebuilt_ReturnsPending_ThenStoresTheEntry()
    {
        var random = new Random(15);
        var index = IndexWithRandomHashes(200_000, random);
        var added = new List<(long Id, PdqHash Hash)>();

        // Fill the log until its merge starts, then the fresh log too: that addition has to wait for the merge,
        // and must hand the wait back to its caller rather than block the thread.
        var pending = ValueTask.CompletedTask;
        while (pending.IsCompleted && added.Count < 100_000)
        {
            var entry = (Id: added.Count + 1L, Hash: RandomHashes.Next(random));
            added.Add(entry);
            pending = index.AddAsync(entry.Id, entry.Hash, TestContext.Current.CancellationToken);
        }

        Assert.False(pending.IsCompleted);
        await pending;
        Assert.All(added, entry => Assert.Contains(new PdqMatch(entry.Id, 0, 0), index.Query([entry.Hash])));
        Assert.Equal(200_000 + added.Count, index.Count);
    }

    [Fact]
    public async Task Query_IdStoredTwice_ReportedOnceWithSmallestDistance_RemovedTogether()
    {
        var random = new Random(10);
        var query = RandomHashes.Next(random);
        var index = PdqIndex.Build([(5, RandomHashes.FlipRandomBits(query, 20, random)), (6, RandomHashes.Next(random))]);
        await index.AddAsync(5, RandomHashes.FlipRandomBits(query, 4, random), TestContext.Current.CancellationToken);

        Assert.Equal([new PdqMatch(5, 4, 0)], index.Query([query]));
        Assert.Equal(3, index.Count);

        Assert.True(index.Remove(5));
        Assert.Empty(index.Query([query]));
        Assert.Equal(1, index.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(32)]
    public void Query_ThresholdOutsideZeroToMax_Throws(int threshold)
    {
        var index = new PdqIndex(31);

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Query([PdqHash.Zero], threshold));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(64)]
    public void Constructor_MaxThresholdOutsideZeroToSixtyThree_Throws(int maxThreshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PdqIndex(maxThreshold));

    [Fact]
    public void MemoryBytes_GrowsWithTheHashes()
    {
        var random = new Random(11);

        Assert.True(IndexWithRandomHashes(100_000, random).MemoryBytes > 100_000 * 40);
    }

    [Fact]
    public async Task Query_WhileAnotherThreadAdds_FindsEveryCommittedEntry()
    {
        var random = new Random(12);
        var hashes = Enumerable.Range(0, 6_000).Select(_ => RandomHashes.Next(random)).ToArray();
        var index = IndexWithRandomHashes(20_000, random);
        var committed = 0;
        var cancellation = TestContext.Current.CancellationToken;

        var writer = Task.Run(
            async () =>
            {
                for (var i = 0; i < hashes.Length; i++)
                {
                    await index.AddAsync(i, hashes[i], TestContext.Current.CancellationToken);
                    Volatile.Write(ref committed, i + 1);
                }
            },
            cancellation);
        var readers = Enumerable.Range(0, 2).Select(seed => Task.Run(
            () =>
            {
                var pick = new Random(seed);
                var checkedCount = 0;
                while (!writer.IsCompleted || checkedCount < 100)
                {
                    var count = Volatile.Read(ref committed);
                    if (count == 0)
                    {
                        continue;
                    }

                    var id = pick.Next(count);
                    Assert.Contains(new PdqMatch(id, 0, 0), index.Query([hashes[id]]));
                    checkedCount++;
                }
            },
            cancellation)).ToArray();

        await Task.WhenAll([writer, .. readers]);
        Assert.Equal(26_000, index.Count);
    }

    private static PdqIndex IndexWithRandomHashes(int count, Random random) =>
        PdqIndex.Build(Enumerable.Range(0, count).Select(i => ((long)(1_000_000 + i), RandomHashes.Next(random))).ToArray());
}
