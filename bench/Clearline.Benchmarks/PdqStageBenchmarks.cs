using BenchmarkDotNet.Attributes;
using Clearline.Media.Pdq;

namespace Clearline.Benchmarks;

/// <summary>The PDQ core's stages on 512×512, to see where its time goes.</summary>
public class PdqStageBenchmarks
{
    private readonly float[] _a = new float[512 * 512];
    private readonly float[] _b = new float[512 * 512];
    private readonly float[] _sums = new float[512];
    private readonly float[] _small = new float[64 * 64];
    private readonly float[] _t = new float[16 * 64];
    private readonly float[] _dct = new float[256];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        for (var i = 0; i < _a.Length; i++)
        {
            _a[i] = random.Next(256) * 0.7f;
        }

        Array.Copy(_a, _small, _small.Length);
    }

    [Benchmark]
    public void Transpose512() => MatrixTranspose.Run(_a, 528, _b, 528, 496, 496);

    [Benchmark]
    public void ColumnPass512() => BoxFilter.Columns(_a, _b, 496, 496, 528, 4, _sums);

    [Benchmark]
    public void Dct() => PdqDct.Transform(_small, _t, _dct);

    [Benchmark]
    public int Quality() => PdqDct.Quality(_small);

    [Benchmark]
    public PdqHash Threshold() => PdqDct.ToHash(_small.AsSpan(0, 256));
}
