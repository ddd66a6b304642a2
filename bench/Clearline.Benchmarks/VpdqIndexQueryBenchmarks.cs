using BenchmarkDotNet.Attributes;
using Clearline.Media.Matching;
using Clearline.Media.Video;

namespace Clearline.Benchmarks;

/// <summary>
/// One 300-frame query against the video index (10,000 known synthetic videos × 300 frames; the full-size figures
/// come from the <c>vpdqindex</c> console mode): a re-encoded, trimmed copy of a known video, and an unknown video.
/// </summary>
[MemoryDiagnoser]
public class VpdqIndexQueryBenchmarks
{
    private const int Frames = 300;
    private VpdqIndex _index = null!;
    private VpdqFeature[] _planted = null!;
    private VpdqFeature[] _unknown = null!;

    [Params(10_000)]
    public int Videos { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _index = VpdqIndex.Build(Enumerable.Range(0, Videos).Select(id => ((long)id, (IReadOnlyList<VpdqFeature>)SyntheticVideoHashes.Known(id, Frames))));
        _planted = SyntheticVideoHashes.ReencodedTrimmed(SyntheticVideoHashes.Known(Videos / 2, Frames), 1);
        _unknown = SyntheticVideoHashes.Unknown(1, Frames);
    }

    [Benchmark(Baseline = true)]
    public int PlantedCopy() => _index.Query(_planted).Count;

    [Benchmark]
    public int UnknownVideo() => _index.Query(_unknown).Count;
}
