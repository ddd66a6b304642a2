using System.Text;
using System.Text.RegularExpressions;
using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists.Export;
using Clearline.HashLists.Formats;
using Clearline.Organisations;
using Clearline.Results;
using Clearline.Tests.HashLists.Management;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.HashLists.Export;

public sealed partial class ClassificationExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Vics_AsAHotline_HoldsBaselineAndItsOwnNationalInVicsUsCategories_AndReadsBack(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var hotline = await database.OrganisationAsync(OrganisationKind.Hotline, "NL");
        var seed = await database.InScopeAsync(ExportSeed.CreateAsync);

        var (result, text) = await ExportAsync(database, "vics", [], null, null, hotline);

        var entries = await ReadAsync(text, HashListFormat.VicsJson);
        Assert.Equal(new HashListWriteResult(6, 0), result);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                [seed.Baseline.Md5] = "1",
                [seed.NationalNl.Md5] = "1",
                [seed.NotIllegal.Md5] = "0",
                [seed.Virtual.Md5] = "3",
                [seed.BaselineAndNational.Md5] = "1",
                [seed.NoPdq.Md5] = "1",
            },
            entries.ToDictionary(e => e.Md5!, e => e.Category));
        var baseline = entries.Single(e => e.Md5 == seed.Baseline.Md5);
        Assert.Equal((seed.Baseline.Sha1, seed.Baseline.Sha256), (baseline.Sha1, baseline.Sha256));
        AssertNoUrls(ODataContext().Replace(text, ""));
        var audit = await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking()
            .SingleAsync(e => e.Action == AuditAction.ClassificationsExported, Ct));
        Assert.Equal(hotline.Id, audit.OrganisationId);
        Assert.Equal("format=VicsJson;verdicts=all;from=;to=;written=6;skipped=0", audit.Detail);
    }

    [Theory]
    [BothDatabases]
    public async Task Csv_AsTheCoordinator_HoldsEveryJurisdiction_FilteredByVerdictAndDate(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var coordinator = await database.OrganisationAsync(OrganisationKind.Coordinator);
        var seed = await database.InScopeAsync(ExportSeed.CreateAsync);

        var (_, all) = await ExportAsync(database, "csv", ["National"], null, null, coordinator);
        var (_, january) = await ExportAsync(database, "csv", ["Baseline", "National"], "2026-01-12", "2026-01-20", coordinator);
        var (_, notIllegal) = await ExportAsync(database, "csv", ["notillegal"], null, null, coordinator);

        Assert.Equal(
            new[] { (seed.NationalNl.Sha256, "National"), (seed.NationalDe.Sha256, "National"), (seed.BaselineAndNational.Sha256, "National") }.Order(),
            (await ReadAsync(all, HashListFormat.Csv)).Select(e => (e.Sha256!, e.Category!)).Order());
        Assert.Equal(new[] { seed.NationalNl.Md5, seed.NationalDe.Md5 }.Order(), (await ReadAsync(january, HashListFormat.Csv)).Select(e => e.Md5!).Order());
        Assert.Equal([(seed.NotIllegal.Md5, "NotIllegal")], (await ReadAsync(notIllegal, HashListFormat.Csv)).Select(e => (e.Md5!, e.Category!)));
        AssertNoUrls(all + january + notIllegal);
    }

    [Theory]
    [BothDatabases]
    public async Task National_OfAnotherCountry_IsNeverExportedByAHotline(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var german = await database.OrganisationAsync(OrganisationKind.Hotline, "DE");
        var industry = await database.OrganisationAsync(OrganisationKind.Industry, null);
        var seed = await database.InScopeAsync(ExportSeed.CreateAsync);

        var (_, germanText) = await ExportAsync(database, "csv", ["National"], null, null, german);
        var (_, industryText) = await ExportAsync(database, "csv", ["National"], null, null, industry);

        Assert.Equal([seed.NationalDe.Md5], (await ReadAsync(germanText, HashListFormat.Csv)).Select(e => e.Md5!));
        Assert.Empty(await ReadAsync(industryText, HashListFormat.Csv));
    }

    [Theory]
    [BothDatabases]
    public async Task PdqList_HoldsTheItemsWithAPdqHash_AndCountsTheRestAsSkipped(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var seed = await database.InScopeAsync(ExportSeed.CreateAsync);

        var (result, text) = await ExportAsync(database, "pdq", ["Baseline"], null, null, exporter: null);

        var expected = new[] { seed.Baseline, seed.Virtual, seed.BaselineAndNational };
        Assert.Equal(new HashListWriteResult(3, 1), result);
        Assert.Equal(expected.Select(m => m.Pdq!).Order(), (await ReadAsync(text, HashListFormat.PdqList)).Select(e => e.Pdq!.Value.ToString()).Order());
        AssertNoUrls(text);
    }

    [Theory]
    [InlineData("xml", null, null, null, "format")]
    [InlineData("csv", "Illegal", null, null, "verdict")]
    [InlineData("csv", "1", null, null, "verdict")]
    [InlineData("csv", null, "yesterday", null, "from")]
    [InlineData("csv", null, "2026-02-01", "2026-01-01", "to")]
    public void Parse_BadValue_NamesTheField(string format, string? verdict, string? from, string? to, string field)
    {
        var result = ClassificationExportRequest.Parse(format, verdict is null ? [] : [verdict], from, to);

        Assert.Equal(field, Assert.IsType<InvalidError>(result.Error).Field);
    }

    [Fact]
    public void Parse_BareToDate_IncludesTheWholeDay()
    {
        var request = ClassificationExportRequest.Parse("vics", [], "2026-01-01", "2026-01-31").Value!;

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), request.From);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), request.To);
    }

    private static async Task<(HashListWriteResult Result, string Text)> ExportAsync(
        TestDatabase database, string format, string[] verdicts, string? from, string? to, Organisation? exporter) =>
        await database.InScopeAsync(async sp =>
        {
            using var output = new MemoryStream();
            var request = ClassificationExportRequest.Parse(format, verdicts, from, to).Value!;
            var result = await sp.GetRequiredService<ClassificationExport>().WriteAsync(output, request, exporter, AuditActor.System, Ct);
            return (result, Encoding.UTF8.GetString(output.ToArray()));
        });

    private static async Task<List<HashListEntry>> ReadAsync(string text, HashListFormat format)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var entries = new List<HashListEntry>();
        await foreach (var record in HashListReader.ReadAsync(stream, format, Ct))
        {
            Assert.IsNotType<HashListRecord.Error>(record);
            if (record is HashListRecord.Entry entry)
            {
                entries.Add(entry.Value);
            }
        }

        return entries;
    }

    private static void AssertNoUrls(string text)
    {
        Assert.DoesNotContain("://", text, StringComparison.Ordinal);
        Assert.DoesNotContain("www.", text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The VICS model's own identifier, the one URL the format requires; the data around it must hold none.</summary>
    [GeneratedRegex("\"@odata\\.context\"\\s*:\\s*\"[^\"]*\"")]
    private static partial Regex ODataContext();
}
