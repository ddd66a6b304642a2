using System.Diagnostics;
using System.Globalization;
using Clearline.HashLists.Formats;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.HashLists.Formats;

/// <summary>
/// A million-entry list is read with memory that does not grow with the file: the retained heap after a full
/// collection is sampled while reading and compared to the start. Rows per second are written to the test output
/// for <c>docs/performance.md</c>, never asserted. Runs alone so other tests' allocations do not count; the allowed
/// growth is far below what keeping the entries would retain (over 100 MB for a million of them).
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class StreamingMemoryTests
{
    private const int Rows = 1_000_000;
    private const long AllowedGrowthBytes = 16 * 1024 * 1024;

    [Fact]
    public async Task Csv_MillionRows_ReadWithBoundedMemory()
    {
        using var stream = new GeneratedStream(
            "md5,sha1,category,id\n",
            Rows,
            i => string.Create(CultureInfo.InvariantCulture, $"{i:X32},{i:x40},1,{i}"),
            "\n",
            "\n");

        await AssertStreamsAsync(stream, HashListFormat.Csv, "CSV");
    }

    [Fact]
    public async Task Vics_MillionMediaRecords_ReadWithBoundedMemory()
    {
        using var stream = new GeneratedStream(
            "\uFEFF{\"@odata.context\":\"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media\",\"value\":[\n",
            Rows,
            i => string.Create(
                CultureInfo.InvariantCulture,
                $"{{\"MediaID\":{i},\"Category\":\"1\",\"MD5\":\"{i:X32}\",\"SHA1\":\"{i:X40}\",\"MediaSize\":\"35\",\"IsPrecategorized\":\"true\"}}"),
            ",\n",
            "]}");

        await AssertStreamsAsync(stream, HashListFormat.VicsJson, "VICS 2.0");
    }

    private static async Task AssertStreamsAsync(Stream stream, HashListFormat format, string name)
    {
        long entries = 0;
        long baseline = 0;
        long peak = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var record in HashListReader.ReadAsync(stream, format, TestContext.Current.CancellationToken))
        {
            if (record is HashListRecord.Error error)
            {
                Assert.Fail($"Unexpected {error}");
            }

            if (record is HashListRecord.Entry && ++entries % 100_000 == 10_000)
            {
                var retained = GC.GetTotalMemory(forceFullCollection: true);
                baseline = baseline == 0 ? retained : baseline;
                peak = Math.Max(peak, retained);
            }
        }

        clock.Stop();
        Assert.Equal(Rows, entries);
        Assert.True(peak - baseline < AllowedGrowthBytes, $"Retained heap grew by {peak - baseline:N0} bytes while reading.");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{name}: {entries:N0} entries in {clock.Elapsed.TotalSeconds:F2} s = {entries / clock.Elapsed.TotalSeconds:N0} rows/s "
            + $"(including 10 forced collections); retained heap grew {peak - baseline:N0} bytes.");
    }
}
