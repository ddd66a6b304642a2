using System.Text;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.HashLists.Export;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.Media;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Tests.HashLists.Formats;
using Clearline.Tests.HashLists.Import;
using Clearline.Tests.HashLists.Management;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.HashLists.VpdqSignalListTests;

namespace Clearline.Tests.HashLists;

/// <summary>
/// vPDQ entries through the import into <see cref="KnownHash.Vpdq"/> and out of the classification export as HMA
/// signals, on both databases.
/// </summary>
public sealed class VpdqImportExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Import_SignalList_StoresTheReferenceLines_RecordsBadLines_AndLosesNothingElse(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider);
        var file = "signal_type,signal,content_id\n"
            + $"vpdq,{Quoted(Signal("pattern-sd-grey-bar"))},grey\n"
            + "vpdq,\"[\"\"abc,100,0.000\"\"]\",bad\n"
            + $"video_vpdq,{Quoted(Signal("doorknob-hd-no-bar"))},doorknob\n"
            + "pdq,f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22,photo\n";

        var import = await bed.ImportAsync(file, format: null);

        Assert.Equal(ImportState.Completed, import.State);
        Assert.Equal(HashListFormat.SignalCsv, import.Format);
        Assert.Equal((3L, 0L, 1L), (import.EntriesAdded, import.EntriesUnchanged, import.ErrorCount));
        var error = Assert.Single(await bed.ErrorsAsync(import.Id));
        Assert.Equal(3L, error.Line);
        Assert.StartsWith("vPDQ signal: Frame 1", error.Message, StringComparison.Ordinal);
        var stored = await bed.EntriesAsync();
        Assert.Equal(
            [("grey", Stored("pattern-sd-grey-bar")), ("doorknob", Stored("doorknob-hd-no-bar")), ("photo", null)],
            stored.Select(h => (h.SourceId!, h.Vpdq)));
        Assert.All(stored, h => Assert.Equal(import.Id, h.ImportId));

        var again = await bed.ImportAsync(file, HashListFormat.SignalCsv);

        Assert.Equal((0L, 3L, 1L), (again.EntriesAdded, again.EntriesUnchanged, again.ErrorCount));
        Assert.Equal(3, (await bed.EntriesAsync()).Count);
    }

    [Theory]
    [BothDatabases]
    public async Task Import_SameVideoWithAnotherCategory_ReplacesTheEntry_AndAnotherVideoIsAdded(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider);
        await bed.ImportAsync($"signal_type,signal,category\nvpdq,{Quoted(Signal("pattern-sd-grey-bar"))},1\n", HashListFormat.SignalCsv);

        var second = await bed.ImportAsync(
            $"signal_type,signal,category\nvpdq,{Quoted(Signal("pattern-sd-grey-bar"))},2\nvpdq,{Quoted(Signal("pattern-sd-with-small-logo-bar"))},2\n",
            HashListFormat.SignalCsv);

        Assert.Equal((2L, 0L, 0L), (second.EntriesAdded, second.EntriesUnchanged, second.ErrorCount));
        var live = await bed.EntriesAsync();
        Assert.Equal(
            [(Stored("pattern-sd-grey-bar"), "2"), (Stored("pattern-sd-with-small-logo-bar"), "2")],
            live.Select(h => (h.Vpdq!, h.Category!)));
        var all = await bed.EntriesAsync(liveOnly: false);
        Assert.NotNull(Assert.Single(all, h => h.Category == "1").TombstonedAt);
    }

    [Theory]
    [BothDatabases]
    public async Task Import_CsvWithVpdqColumn_StoresIt(DatabaseProvider provider)
    {
        await using var bed = await ImportTestBed.CreateAsync(provider);

        var import = await bed.ImportAsync($"md5,vpdq,category\n{Formats.HashLists.Md5("benign video")},{Quoted(Signal("test-padded-dimensions"))},1\n", HashListFormat.Csv);

        Assert.Equal((1L, 0L), (import.EntriesAdded, import.ErrorCount));
        var entry = Assert.Single(await bed.EntriesAsync());
        Assert.Equal((Formats.HashLists.Md5("benign video"), Stored("test-padded-dimensions")), (entry.Md5!, entry.Vpdq!));
    }

    [Theory]
    [BothDatabases]
    public async Task ClassificationExport_Signals_HoldsAClassifiedVideosVpdq_AndImagesPdq(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var coordinator = await database.OrganisationAsync(OrganisationKind.Coordinator);
        var (video, image) = await database.InScopeAsync(async sp =>
        {
            var video = await AddVideoAsync(sp, "classified video", Stored("doorknob-hd-no-bar"));
            var image = await HashListSeed.AddMediaAsync(sp, $"classified image {Guid.NewGuid():N}");
            await HashListSeed.ClassifyAsync(sp, image, Verdict.Baseline, DateTimeOffset.UtcNow);
            return (video, image);
        });

        var (result, text) = await ExportAsync(database, "signals", coordinator);

        Assert.Equal(new HashListWriteResult(2, 0), result);
        var entries = (await Formats.HashLists.ReadAsync(text, HashListFormat.SignalCsv)).Entries();
        Assert.Equal(
            [(Stored("doorknob-hd-no-bar"), (string?)null, "Baseline"), (null, image.Pdq, "Baseline")],
            entries.OrderBy(e => e.Vpdq is null).Select(e => (e.Vpdq, e.Pdq?.ToString(), e.Category!)));
        Assert.DoesNotContain(video.Sha256, text, StringComparison.Ordinal);
        var audit = await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking()
            .SingleAsync(e => e.Action == AuditAction.ClassificationsExported, Ct));
        Assert.Equal("format=SignalCsv;verdicts=all;from=;to=;written=2;skipped=0", audit.Detail);
    }

    [Theory]
    [BothDatabases]
    public async Task ClassificationExport_Csv_CarriesTheVpdqColumn_AndVicsDoesNotNeedIt(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var coordinator = await database.OrganisationAsync(OrganisationKind.Coordinator);
        var video = await database.InScopeAsync(sp => AddVideoAsync(sp, "csv video", Stored("pattern-sd-grey-bar")));

        var (_, csv) = await ExportAsync(database, "csv", coordinator);
        var (vicsResult, _) = await ExportAsync(database, "vics", coordinator);

        var entry = Assert.Single((await Formats.HashLists.ReadAsync(csv, HashListFormat.Csv)).Entries());
        Assert.Equal((video.Sha256, Stored("pattern-sd-grey-bar")), (entry.Sha256!, entry.Vpdq!));
        Assert.Equal(new HashListWriteResult(1, 0), vicsResult);
    }

    [Theory]
    [BothDatabases]
    public async Task ExportsApi_Signals_StreamsTheVideosSignalInAFileNamedForDownload(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        await app.AsSystemAsync(sp => AddVideoAsync(sp, "api video", Stored("pattern-sd-grey-bar")));
        using var client = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.Export));

        using var response = await client.GetAsync("/api/v1/exports/classifications?format=signals", Ct);

        var body = await ProblemAssert.IsSuccessAsync(response);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".signals.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var entry = Assert.Single((await Formats.HashLists.ReadAsync(body, HashListFormat.SignalCsv)).Entries());
        Assert.Equal((Stored("pattern-sd-grey-bar"), "Baseline"), (entry.Vpdq!, entry.Category!));
    }

    [Fact]
    public void ExportRequest_Signals_IsAFormatWithItsOwnFileName()
    {
        var request = ClassificationExportRequest.Parse("signals", [], null, null);

        Assert.True(request.IsSuccess);
        Assert.Equal(HashListFormat.SignalCsv, request.Value!.Format);
        Assert.EndsWith(".signals.csv", request.Value.FileName(DateTimeOffset.UnixEpoch), StringComparison.Ordinal);
        Assert.Equal("text/csv", request.Value.ContentType);
    }

    /// <summary>A classified video whose entry in the network's own list carries its vPDQ, as the video pipeline leaves it.</summary>
    private static async Task<MediaItem> AddVideoAsync(IServiceProvider services, string label, string vpdq)
    {
        var item = await HashListSeed.AddMediaAsync(services, $"{label} {Guid.NewGuid():N}", withPdq: false);
        var db = services.GetRequiredService<ClearlineDbContext>();
        await db.Set<MediaItem>().Where(m => m.Sha256 == item.Sha256).ExecuteUpdateAsync(s => s.SetProperty(m => m.Format, MediaFormat.Mp4), Ct);
        var classification = await HashListSeed.ClassifyAsync(services, item, Verdict.Baseline, DateTimeOffset.UtcNow);
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await services.GetRequiredService<HashListStore>().AddAsync(
            [
                new KnownHash
                {
                    HashListId = HashList.NetworkListId, Md5 = item.Md5, Sha1 = item.Sha1, Sha256 = item.Sha256, Vpdq = vpdq,
                    Category = "Baseline", SourceId = classification.Id.ToString("D"), AddedAt = DateTimeOffset.UtcNow,
                },
            ],
            Ct);
        await transaction.CommitAsync(Ct);
        return item;
    }

    private static Task<(HashListWriteResult Result, string Text)> ExportAsync(TestDatabase database, string format, Organisation exporter) =>
        database.InScopeAsync(async sp =>
        {
            using var output = new MemoryStream();
            var request = ClassificationExportRequest.Parse(format, [], null, null).Value!;
            var result = await sp.GetRequiredService<ClassificationExport>().WriteAsync(output, request, exporter, AuditActor.System, Ct);
            return (result, Encoding.UTF8.GetString(output.ToArray()));
        });
}
