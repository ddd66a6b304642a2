using BenchmarkDotNet.Attributes;
using Clearline.Media.Pdq;
using Clearline.Media.Video;

namespace Clearline.Benchmarks;

/// <summary>
/// One 1280×720 RGB24 video frame (a smooth synthetic picture with noise, fixed seed): the reference's RGB luma
/// scalar and SIMD (the same floats), and the whole frame hash of vPDQ (luma, then the PDQ core at full size).
/// </summary>
[MemoryDiagnoser]
public class VpdqFrameBenchmarks
{
    private const int Width = 1280;
    private const int Height = 720;
    private readonly byte[] _rgb = new byte[Width * Height * 3];
    private readonly float[] _luma = new float[PdqWorkspace.Stride(Width) * Height];
    private PdqScratch? _scratch;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var i = 3 * ((y * Width) + x);
                _rgb[i] = (byte)((x / 5) + random.Next(24));
                _rgb[i + 1] = (byte)(((x ^ y) / 3) + random.Next(24));
                _rgb[i + 2] = (byte)((y / 3) + random.Next(24));
            }
        }

        _scratch = PdqScratch.Rent();
    }

    [GlobalCleanup]
    public void Cleanup() => _scratch?.Dispose();

    [Benchmark(Baseline = true)]
    public float LumaScalar()
    {
        var stride = PdqWorkspace.Stride(Width);
        for (var y = 0; y < Height; y++)
        {
            RgbLuma.ScalarRow(_rgb.AsSpan(y * Width * 3, Width * 3), _luma.AsSpan(y * stride, Width), 0);
        }

        return _luma[^1];
    }

    [Benchmark]
    public float LumaSimd()
    {
        RgbLuma.Fill(_rgb, Width, Height, _luma);
        return _luma[^1];
    }

    [Benchmark]
    public int HashFrame() => VpdqHasher.HashFrame(_scratch!.Workspace, _rgb, Width, Height).Quality;
}
