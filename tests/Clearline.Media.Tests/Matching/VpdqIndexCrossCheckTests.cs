using Clearline.Media.Matching;
using Clearline.Media.Video;

namespace Clearline.Media.Tests.Matching;

/// <summary>
/// The video index against brute force (<see cref="VpdqMatcher.Compare"/> with every known video) on synthetic
/// videos made of scenes of near-identical frames, with re-encoded, trimmed and spliced copies planted as queries so
/// that percentages fall on both sides of every threshold.
/// </summary>
public sealed class VpdqIndexCrossCheckTests
{
    private const int KnownCount = 400;

    public static TheoryData<string> OptionSets() => [.. Options.Keys];

    private static readonly Dictionary<string, VpdqMatchOptions> Options = new(StringComparer.Ordinal)
    {
        ["default"] = VpdqMatchOptions.Default,
        ["query 50, compared 30"] = new() { QueryMatchPercent = 50, ComparedMatchPercent = 30 },
        ["query 0, compared 0"] = new() { QueryMatchPercent = 0, ComparedMatchPercent = 0 },
        ["query 0, compared 60"] = new() { QueryMatchPercent = 0, ComparedMatchPercent = 60 },
        ["query 100"] = new() { QueryMatchPercent = 100 },
        ["query 95, distance 20"] = new() { QueryMatchPercent = 95, DistanceThreshold = 20 },
        ["quality 80"] = new() { QualityThreshold = 80, QueryMatchPercent = 70 },
        ["all frames strict"] = new() { Rule = VpdqFrameRule.AllFramesStrict },
        ["all frames strict, query 60, compared 60"] = new() { Rule = VpdqFrameRule.AllFramesStrict, QueryMatchPercent = 60, ComparedMatchPercent = 60 },
        ["distance 0"] = new() { DistanceThreshold = 0, QueryMatchPercent = 10 },
    };

    [Theory]
    [MemberData(nameof(OptionSets))]
    public Task Query_SyntheticVideosWithPlantedCopies_SameAsBruteForce(string optionSet) =>
        CrossCheckAsync(Options[optionSet], VpdqIndex.DefaultClusterRadius);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(32)]
    public Task Query_AnyClusterRadius_SameAsBruteForce(int clusterRadius) =>
        CrossCheckAsync(new VpdqMatchOptions { QueryMatchPercent = 60 }, clusterRadius);

    private static async Task CrossCheckAsync(VpdqMatchOptions options, int clusterRadius)
    {
        var random = new Random(15);
        var known = Enumerable.Range(0, KnownCount)
            .Select(i => (Id: (long)(i * 7) + 3, Features: (IReadOnlyList<VpdqFeature>)SyntheticVideos.Video(random, random.Next(20, 120))))
            .ToList();
        var queries = new List<VpdqFeature[]>();
        for (var q = 0; q < 60; q++)
        {
            var source = known[random.Next(known.Count)].Features.ToArray();
            var start = random.Next(source.Length / 2);
            queries.Add(SyntheticVideos.Copy(random, source, start, random.Next(0, 40), random.Next(0, source.Length)));
        }

        queries.AddRange(Enumerable.Range(0, 10).Select(_ => SyntheticVideos.Video(random, 100)));
        queries.Add([]);

        // The last 60 videos go through AddAsync: they land in the frame index's log of recent additions and its rebuilds.
        var index = VpdqIndex.Build(known.Take(KnownCount - 60), clusterRadius: clusterRadius);
        foreach (var (id, features) in known.Skip(KnownCount - 60))
        {
            await index.AddAsync(id, features, TestContext.Current.CancellationToken);
        }

        var expected = queries.Select(query => SyntheticVideos.BruteForce(known, query, options)).ToArray();
        Assert.Contains(expected, e => e.Count > 0);
        for (var q = 0; q < queries.Count; q++)
        {
            Assert.Equal(expected[q], index.Query(queries[q], options).Select(m => (m.VideoId, m.Comparison)));
        }

        await index.RebuildCompletion;
        for (var q = 0; q < queries.Count; q++)
        {
            Assert.Equal(expected[q], index.Query(queries[q], options).Select(m => (m.VideoId, m.Comparison)));
        }
    }

    [Fact]
    public void Query_UpstreamSampleVideos_SameAsBruteForceUnderBothRules()
    {
        var folder = Path.Combine(TestData.Vpdq, "upstream-sample-hashes");
        var known = Directory.GetFiles(folder, "*.txt").Where(f => !Path.GetFileName(f).StartsWith("LICENSE", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select((f, i) => (Id: (long)i, Features: VpdqText.ParseReferenceLines(File.ReadAllText(f))))
            .ToList();
        var index = VpdqIndex.Build(known);

        foreach (var options in new[] { VpdqMatchOptions.Default, new VpdqMatchOptions { Rule = VpdqFrameRule.AllFramesStrict }, new VpdqMatchOptions { QueryMatchPercent = 0 } })
        {
            foreach (var (_, query) in known)
            {
                var expected = SyntheticVideos.BruteForce(known, query, options);
                Assert.NotEmpty(expected);
                Assert.Equal(expected, index.Query(query, options).Select(m => (m.VideoId, m.Comparison)));
            }
        }
    }
}
