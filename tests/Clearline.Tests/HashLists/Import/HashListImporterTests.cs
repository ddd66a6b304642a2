using System.Text;
using Clearline.Database;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.Tests.HashLists.Formats;
using Clearline.Tests.Infrastructure;
using FormatReader = Clearline.Tests.HashLists.Formats.HashLists;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.HashLists.Import;

public sealed class HashListImporterTests
{
    private static readonly string Md5A = FormatReader.Md5("import test A");
    private static readonly string Md5B = FormatReader.Md5("import test B");
    private static readonly string Md5C = FormatReader.Md5("import test C");

    [Theory]
    [BothDatabases("vics-2.0-hashset.example.json")]
    [BothDatabases("vics-2.0-case.example.json")]
    [BothDatabases("vics-1.3-hashset.example.json")]
    public async Task Import_VicsExample_StoresEveryEntryAsTheReaderReadsIt(DatabaseProvider provider, string file)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(VicsTestData.HashSet20)!, file), TestContext.Current.CancellationToken);
        var expected = (await FormatReader.ReadAsync(bytes, HashListFormat.VicsJson)).Entries();

        var import = await bed.ImportAsync(bytes, format: null, file);

        Assert.Equal(ImportState.Completed, import.State);
        Assert.Equal(HashListFormat.VicsJson, import.Format);
        Assert.Equal(expected.Count, import.EntriesAdded);
        Assert.Equal(0, import.ErrorCount);
        var stored = await bed.EntriesAsync();
        Assert.Equal(expected.Count, stored.Count);
        Assert.All(stored, h => Assert.Equal(import.Id, h.ImportId));
        Assert.All(stored, h => Assert.True(IsLowerHex(h.Md5) && IsLowerHex(h.Sha1) && IsLowerHex(h.Sha256) && IsLowerHex(h.Pdq)));
        Assert.Equal(
            expected.Select(e => (e.Md5, e.Sha1, e.Sha256, Pdq: e.Pdq?.ToString(), e.PhotoDna, e.Category, e.SourceId)),
            stored.Select(h => (h.Md5, h.Sha1, h.Sha256, h.Pdq, h.PhotoDna, h.Category, h.SourceId)));
    }

    [Theory]
    [BothDatabases]
    public async Task Import_Vics20HashSet_KeepsCategoryZeroNullAndPhotoDna(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider);

        await bed.ImportAsync(await File.ReadAllBytesAsync(VicsTestData.HashSet20, TestContext.Current.CancellationToken), HashListFormat.VicsJson);

        var stored = await bed.EntriesAsync();
        Assert.Equal(["0", "1", "2", "3", "4", null], stored.OrderBy(h => int.Parse(h.SourceId!, System.Globalization.CultureInfo.InvariantCulture)).Select(h => h.Category));
        Assert.Equal(FormatReader.Md5("SYNTHETIC benign hash-set record 0001"), stored.Single(h => h.SourceId == "1").Md5);
        var photoDna = Assert.Single(stored, h => h.PhotoDna is not null).PhotoDna!;
        Assert.Equal(144, Convert.FromBase64String(photoDna).Length);
    }

    [Theory]
    [BothDatabases]
    public async Task Import_CsvWithBomReorderedAndMissingColumns_StoresLowerCaseHashes(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider);
        var sha1 = new string('A', 40);

        var import = await bed.ImportAsync($"Category,SHA1,md5\r\n2,{sha1},{Md5A.ToUpperInvariant()}\r\n,,{Md5B}\r\n", HashListFormat.Csv, bom: true);

        Assert.Equal((ImportState.Completed, 2L, 0L), (import.State, import.EntriesAdded, import.ErrorCount));
        var stored = await bed.EntriesAsync();
        Assert.Equal([(Md5A, sha1.ToLowerInvariant(), (string?)null, "2"), (Md5B, null, null, null)], stored.Select(h => (h.Md5, h.Sha1, h.Sha256, h.Category)));
    }

    [Theory]
    [BothDatabases]
    public async Task Import_MalformedLines_AreReportedWithLineNumbersAndGoodLinesStored(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider, batchLines: 2);
        var csv = $"md5,category\n{Md5A},1\nnot-a-hash,1\n{Md5B},1,extra\n,1\n{Md5C},{new string('x', 51)}\n{Md5C},2\n";

        var import = await bed.ImportAsync(csv, HashListFormat.Csv);

        Assert.Equal((ImportState.Completed, 2L, 4L, 7L), (import.State, import.EntriesAdded, import.ErrorCount, import.LinesRead));
        Assert.Equal([Md5A, Md5C], (await bed.EntriesAsync()).Select(h => h.Md5));
        var errors = await bed.ErrorsAsync(import.Id);
        Assert.Equal([3L, 4L, 5L, 6L], errors.Select(e => e.Line));
        Assert.Contains("MD5", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("longer than 50", errors[3].Message, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.DoesNotContain(Md5C, e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task Import_SameFileTwice_AddsNothingTheSecondTime(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider);
        var bytes = await File.ReadAllBytesAsync(VicsTestData.HashSet20, TestContext.Current.CancellationToken);
        await bed.ImportAsync(bytes, HashListFormat.VicsJson);

        var again = await bed.ImportAsync(bytes, HashListFormat.VicsJson);

        Assert.Equal((0L, 6L), (again.EntriesAdded, again.EntriesUnchanged));
        Assert.Equal(6, (await bed.EntriesAsync(liveOnly: false)).Count);

        // Only the import that added entries asks for the waiting items to be matched again.
        var rematches = await bed.Database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>()
            .CountAsync(j => j.Kind == RematchJob.Kind, TestContext.Current.CancellationToken));
        Assert.Equal(1, rematches);
    }

    [Theory]
    [BothDatabases]
    public async Task Import_ChangedCategory_TombstonesTheOldEntryAndAddsTheNew(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider);
        await bed.ImportAsync($"md5,category\n{Md5A},1\n{Md5B},1\n", HashListFormat.Csv);

        var second = await bed.ImportAsync($"md5,category\n{Md5A},2\n{Md5B},1\n", HashListFormat.Csv);

        Assert.Equal((1L, 1L), (second.EntriesAdded, second.EntriesUnchanged));
        Assert.Equal([(Md5B, "1"), (Md5A, "2")], (await bed.EntriesAsync()).Select(h => (h.Md5, h.Category)));
        var old = Assert.Single(await bed.EntriesAsync(liveOnly: false), h => h.TombstonedAt is not null);
        Assert.Equal((Md5A, "1", $"replaced by import {second.Id:D}"), (old.Md5, old.Category, old.TombstoneReason));
    }

    [Theory]
    [BothDatabases]
    public async Task Import_KilledAfterABatch_ResumesWithoutDuplicates(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider, batchLines: 3);
        var csv = "md5\n" + string.Concat(Enumerable.Range(0, 10).Select(i => FormatReader.Md5($"resume {i}") + "\n"));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var import = (await bed.StartAsync(stream, HashListFormat.Csv)).Value!;

        // The "crash": the run is cancelled as soon as its first batch is committed.
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.RunAsync(import.Id, new CancelOnReport(crash), crash.Token));
        var partial = await bed.EntriesAsync();
        Assert.Equal(3, partial.Count);

        var resumed = await bed.RunAsync(import.Id);

        Assert.Equal((ImportState.Completed, 10L, 0L, 11L), (resumed.State, resumed.EntriesAdded, resumed.EntriesUnchanged, resumed.LinesRead));
        var stored = await bed.EntriesAsync();
        Assert.Equal(10, stored.Select(h => h.Md5).Distinct().Count());
        Assert.Equal(10, stored.Count);
    }

    [Theory]
    [BothDatabases]
    public async Task Import_NotAVicsFile_FailsWithAClearError(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider);

        var import = await bed.ImportAsync("this is a note, not a hash list", HashListFormat.VicsJson);

        Assert.Equal(ImportState.Failed, import.State);
        Assert.StartsWith("No entry could be read from the file: ", import.Error, StringComparison.Ordinal);
        Assert.Empty(await bed.EntriesAsync());
    }

    [Fact]
    public async Task Import_UnrecognisableFormat_FailsAndAsksForTheFormat()
    {
        await using var bed = await ImportTestBed.CreateAsync(DatabaseProvider.Sqlite);

        var import = await bed.ImportAsync([0x00, 0x01, 0x02, 0xFF], format: null);

        Assert.Equal(ImportState.Failed, import.State);
        Assert.Contains("could not be recognised", import.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MoreErrorsThanKept_CountsThemAll()
    {
        await using var bed = await ImportTestBed.CreateAsync(DatabaseProvider.Sqlite, batchLines: 5_000);
        var lines = HashListImporter.MaxRecordedErrors + 5;

        var import = await bed.ImportAsync("md5\n" + string.Concat(Enumerable.Repeat("zz\n", lines)) + Md5A + "\n", HashListFormat.Csv);

        Assert.Equal((ImportState.Completed, lines, 1L), (import.State, import.ErrorCount, import.EntriesAdded));
        Assert.Equal(HashListImporter.MaxRecordedErrors, (await bed.ErrorsAsync(import.Id)).Count);
    }

    private static bool IsLowerHex(string? text) => text is null || text.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));

    private sealed class CancelOnReport(CancellationTokenSource source) : IProgress<HashListImportProgress>
    {
        public void Report(HashListImportProgress value) => source.Cancel();
    }
}
