using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clearline.Database;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.Tests.HashLists.Formats;
using Clearline.Tests.HashLists.Import;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.HashLists;

/// <summary>
/// Imports a generated HMA signal list of videos (one minute at one hash per second: 60 frames each) on SQLite and
/// prints entries per second and the file size. A measurement, not a test of speed: it asserts only the counts, and
/// runs when <c>CLEARLINE_MEASURE_VPDQ_IMPORT</c> is set (to the number of videos, or 1 for 10,000).
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class VpdqImportMeasurement
{
    private const string Variable = "CLEARLINE_MEASURE_VPDQ_IMPORT";
    private const int Frames = 60;

    [Fact]
    public async Task Import_SignalListOfVideos_PrintsEntriesPerSecond()
    {
        var setting = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(setting), $"{Variable} is not set");
        var videos = long.Parse(setting, CultureInfo.InvariantCulture) is var n && n > 1 ? n : 10_000;
        await using var bed = await ImportTestBed.CreateAsync(DatabaseProvider.Sqlite);
        using var file = new GeneratedStream("signal_type,signal,content_id\n", videos, Row, "\n", "\n");

        var import = (await bed.StartAsync(file, HashListFormat.SignalCsv)).Value!;
        var importing = Stopwatch.StartNew();
        var done = await bed.RunAsync(import.Id);
        importing.Stop();

        Assert.Equal((ImportState.Completed, videos, 0L), (done.State, done.EntriesAdded, done.ErrorCount));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vPDQ signal-list import, SQLite, {videos:N0} videos x {Frames} frames, {import.FileLength / 1048576.0:F1} MiB: " +
            $"importing {importing.Elapsed.TotalSeconds:F1} s = {videos / importing.Elapsed.TotalSeconds:N0} videos/s"));
    }

    private static string Row(long video)
    {
        var signal = new StringBuilder("vpdq,\"[");
        for (var frame = 0; frame < Frames; frame++)
        {
            signal.Append(frame == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"\"\"{video + 1:x32}{frame:x32},100,{frame}.000\"\"");
        }

        return signal.Append(CultureInfo.InvariantCulture, $"]\",{video}").ToString();
    }
}
