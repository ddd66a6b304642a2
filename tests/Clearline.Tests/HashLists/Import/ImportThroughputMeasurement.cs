using System.Diagnostics;
using System.Globalization;
using Clearline.Database;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.Tests.HashLists.Formats;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.HashLists.Import;

/// <summary>
/// Imports a generated VICS 2.0 file of a million entries and prints rows per second and memory. A measurement, not a
/// test of speed: it asserts only the counts, and runs when <c>CLEARLINE_MEASURE_IMPORT</c> is set (to the number of
/// rows, or 1 for a million), because it takes minutes. On SQLite, or on PostgreSQL
/// (<c>CLEARLINE_MEASURE_IMPORT_DATABASE=postgres</c>, with <c>CLEARLINE_TEST_POSTGRES</c>), in the default batch size.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class ImportThroughputMeasurement
{
    private const string Variable = "CLEARLINE_MEASURE_IMPORT";

    [Fact]
    public async Task Import_MillionEntryVics20File_PrintsRowsPerSecondAndMemory()
    {
        var setting = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(setting), $"{Variable} is not set");
        var rows = long.Parse(setting, CultureInfo.InvariantCulture) is var n && n > 1 ? n : 1_000_000;
        var provider = Environment.GetEnvironmentVariable(Variable + "_DATABASE") is "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        await using var bed = await ImportTestBed.CreateAsync(provider, new HashListImportOptions().BatchLines);
        using var file = new GeneratedStream(
            "\uFEFF{\"@odata.context\":\"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media\",\"value\":[\n",
            rows,
            i => string.Create(CultureInfo.InvariantCulture, $"{{\"MediaID\":{i},\"Category\":\"1\",\"MD5\":\"{i + 1:X32}\",\"SHA1\":\"{i + 1:X40}\"}}"),
            ",\n",
            "]}");

        var sealing = Stopwatch.StartNew();
        var import = (await bed.StartAsync(file, HashListFormat.VicsJson)).Value!;
        sealing.Stop();
        var memory = new MemorySampler();
        var importing = Stopwatch.StartNew();
        var done = await bed.RunAsync(import.Id, memory);
        importing.Stop();

        Assert.Equal((ImportState.Completed, rows, 0L), (done.State, done.EntriesAdded, done.ErrorCount));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"VICS 2.0 import, {provider}, {rows:N0} entries, {import.FileLength / 1048576.0:F0} MiB: sealing {sealing.Elapsed.TotalSeconds:F1} s, " +
            $"importing {importing.Elapsed.TotalSeconds:F1} s = {rows / importing.Elapsed.TotalSeconds:N0} rows/s; " +
            $"managed heap after batches max {memory.MaxHeap / 1048576.0:F0} MiB, process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
    }

    private sealed class MemorySampler : IProgress<HashListImportProgress>
    {
        public long MaxHeap { get; private set; }

        public void Report(HashListImportProgress value) => MaxHeap = Math.Max(MaxHeap, GC.GetTotalMemory(forceFullCollection: false));
    }
}
