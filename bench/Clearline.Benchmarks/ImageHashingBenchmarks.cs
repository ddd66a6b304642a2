using BenchmarkDotNet.Attributes;
using Clearline.Media;
using Clearline.Media.Decoding;
using Clearline.Media.Hashing;
using SkiaSharp;

namespace Clearline.Benchmarks;

/// <summary>
/// Single-threaded throughput on generated JPEGs: decode-only (the ceiling: the same SKCodec decode of every
/// pixel into a reused buffer) against end-to-end (MD5 + SHA-1 + SHA-256 + decode + PDQ) and its parts.
/// </summary>
[MemoryDiagnoser]
public class ImageHashingBenchmarks
{
    private byte[] _jpeg = [];
    private byte[] _pixels = [];
    private readonly MediaHasher _hasher = new();
    private readonly MediaHasher _fastHasher = new(new MediaHashOptions { Decode = DecodeOptions.Default with { FastJpeg = true } });

    [Params("1024x768", "3000x2000")]
    public string Size { get; set; } = "1024x768";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        _jpeg = BenchmarkImages.Jpeg(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), seed: 42);
        _pixels = new byte[int.Parse(parts[0], CultureInfo.InvariantCulture) * int.Parse(parts[1], CultureInfo.InvariantCulture) * 4];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {Size} JPEG: {_jpeg.Length} bytes"));
    }

    [Benchmark(Baseline = true)]
    public unsafe int DecodeOnly()
    {
        fixed (byte* data = _jpeg)
        fixed (byte* pixels = _pixels)
        {
            using var skData = SKData.Create((IntPtr)data, _jpeg.Length);
            using var codec = SKCodec.Create(skData);
            var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            return (int)codec.GetPixels(info, (IntPtr)pixels);
        }
    }

    [Benchmark]
    public int EndToEnd() => _hasher.Hash(_jpeg).Pdq!.Value.Quality;

    /// <summary>The optional, not bit-exact mode: JPEG decoded at the smallest k/8 scale that keeps 512 px.</summary>
    [Benchmark]
    public int EndToEndFastJpeg() => _fastHasher.Hash(_jpeg).Pdq!.Value.Quality;

    [Benchmark]
    public int CryptographicHashesOnly() => CryptographicHasher.Compute(_jpeg).Sha256.Length;
}
