using BenchmarkDotNet.Attributes;
using Clearline.Media.Pdq;

namespace Clearline.Benchmarks;

/// <summary>
/// The PDQ core on a 512×512 input (what is left after decoding and the reference's pre-resize): from float
/// luma (blur, decimation, quality, DCT, threshold), and from RGBA (adds the grey check and the luma conversion).
/// </summary>
[MemoryDiagnoser]
public class PdqCoreBenchmarks
{
    private readonly float[] _luma = new float[512 * 512];
    private readonly byte[] _rgba = new byte[512 * 512 * 4];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (var y = 0; y < 512; y++)
        {
            for (var x = 0; x < 512; x++)
            {
                var i = (y * 512) + x;
                _rgba[4 * i] = (byte)((x + random.Next(16)) & 0xFF);
                _rgba[(4 * i) + 1] = (byte)(((x ^ y) + random.Next(16)) & 0xFF);
                _rgba[(4 * i) + 2] = (byte)((y + random.Next(16)) & 0xFF);
                _rgba[(4 * i) + 3] = 0xFF;
                _luma[i] = (0.299f * _rgba[4 * i]) + (0.587f * _rgba[(4 * i) + 1]) + (0.114f * _rgba[(4 * i) + 2]);
            }
        }
    }

    [Benchmark(Baseline = true)]
    public int FromLuma() => PdqHasher.HashLuma(_luma, 512, 512).Quality;

    [Benchmark]
    public int FromRgba() => PdqHasher.HashRgba(_rgba, 512, 512).Quality;

    [Benchmark]
    public int Dihedral() => PdqHasher.HashLumaDihedral(_luma, 512, 512).Quality;
}
