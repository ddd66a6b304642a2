using BenchmarkDotNet.Attributes;
using Clearline.Media;

namespace Clearline.Benchmarks;

/// <summary>
/// What <c>clearline hash DIR</c> does: 32 generated 1024×768 JPEGs on disk hashed through
/// <see cref="MediaHasher.HashFilesAsync"/> with one worker, then with one per core.
/// </summary>
public class DirectoryHashingBenchmarks
{
    private const int FileCount = 32;
    private readonly MediaHasher _hasher = new();
    private string _directory = "";
    private string[] _files = [];

    [Params(1, 2)]
    public int Parallelism { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "clearline-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(_directory);
        _files = Enumerable.Range(0, FileCount)
            .Select(i =>
            {
                var path = Path.Combine(_directory, i.ToString("D3", CultureInfo.InvariantCulture) + ".jpg");
                File.WriteAllBytes(path, BenchmarkImages.Jpeg(1024, 768, seed: i));
                return path;
            })
            .ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark]
    public async Task<int> HashDirectory()
    {
        var count = 0;
        await foreach (var item in _hasher.HashFilesAsync(_files, Parallelism))
        {
            count += item.Result.Pdq is null ? 0 : 1;
        }

        return count;
    }
}
