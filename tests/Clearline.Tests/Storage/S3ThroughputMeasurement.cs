using System.Diagnostics;
using System.Globalization;
using Clearline.Storage;
using Clearline.Storage.S3;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Storage;

/// <summary>
/// Blob write and read throughput of the S3 backend (against <c>CLEARLINE_TEST_S3</c>) beside the file-system
/// backend, in the same run, for small objects (images) and large ones (videos). A measurement, not a test of
/// speed: it asserts only that the bytes round-trip, and runs when <c>CLEARLINE_MEASURE_STORAGE</c> is set.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class S3ThroughputMeasurement
{
    private const string Variable = "CLEARLINE_MEASURE_STORAGE";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAndRead_SmallAndLargeObjects_PrintsMegabytesPerSecondOnBothBackends()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)), $"{Variable} is not set");
        await using var bucket = await S3TestBucket.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("clearline-media-").FullName;
        try
        {
            using var s3 = new S3BlobBackend(bucket.Options());
            var fileSystem = new FileSystemBlobBackend(Options.Create(new StorageOptions { MediaPath = folder, KeysPath = folder }));
            var output = TestContext.Current.TestOutputHelper;
            output?.WriteLine($"uptime: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?")}");
            foreach (var (count, size) in new[] { (200, 100 * 1024), (2, 64 * 1024 * 1024) })
            {
                foreach (var (name, backend) in new (string, IBlobBackend)[] { ("file system", fileSystem), ("S3 (s3rver)", s3) })
                {
                    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                    var (write, read) = await MeasureAsync(backend, count, size);
                    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                    output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name,-12} {count} × {size / 1024} KiB: write {count * (double)size / 1048576 / write.TotalSeconds:F1} MiB/s ({count / write.TotalSeconds:F0} objects/s), " +
                        $"read {count * (double)size / 1048576 / read.TotalSeconds:F1} MiB/s; {allocated / 1048576.0:F0} MiB allocated in all"));
                }
            }

            output?.WriteLine($"uptime: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?")}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(TimeSpan Write, TimeSpan Read)> MeasureAsync(IBlobBackend backend, int count, int size)
    {
        var content = BenignBytes.Create(size, seed: count);
        var addresses = Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i:x8}") + new string('0', 56)).ToList();
        var writing = Stopwatch.StartNew();
        foreach (var address in addresses)
        {
            await using var pending = await backend.BeginWriteAsync(Ct);
            await pending.Content.WriteAsync(content, Ct);
            await pending.MakeDurableAsync(Ct);
            await pending.CommitAsync(address, Ct);
        }

        writing.Stop();
        var buffer = new byte[81920];
        var reading = Stopwatch.StartNew();
        foreach (var address in addresses)
        {
            await using var stream = (await backend.OpenReadAsync(address, Ct))!;
            long total = 0;
            int n;
            while ((n = await stream.ReadAsync(buffer, Ct)) > 0)
            {
                total += n;
            }

            Assert.Equal(size, total);
        }

        reading.Stop();
        foreach (var address in addresses)
        {
            await backend.DeleteAsync(address, Ct);
        }

        return (writing.Elapsed, reading.Elapsed);
    }
}
