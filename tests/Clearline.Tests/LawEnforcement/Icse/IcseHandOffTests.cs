using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.LawEnforcement.Icse;

/// <summary>INTERPOL's queue for ICSE and the hand-off batches, through the API on both databases.</summary>
public sealed class IcseHandOffTests
{
    internal const string IcseHeader =
        "MD5;SHA1;PhotoDNA;Image ID;Is distributed;Victim identified;Offender identified;Series name;Number of submissions;File Available;Media Type;Baseline";

    [Theory]
    [BothDatabases]
    public async Task Queue_ListsBaselineAndNationalOfEveryCountry_NewestDecisionFirst_WithTheDecidingCountry(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var baselineNl = await world.SeedItemAsync(world.HotlineNl, "NL");
        var nationalDe = await world.SeedItemAsync(world.HotlineDe, "DE", Verdict.National);
        var notIllegal = await world.SeedItemAsync(world.HotlineNl, "NL", Verdict.NotIllegal);
        var unassessed = await world.SeedItemAsync(world.HotlineDe, "DE", verdict: null);
        var baselineDeByNl = await world.SeedItemAsync(world.HotlineNl, "DE");

        var queue = await world.Interpol.GetJsonAsync("/api/v1/icse/queue");
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([baselineDeByNl.Sha256, nationalDe.Sha256, baselineNl.Sha256], items.Select(i => i.GetProperty("mediaSha256").GetString()));
        Assert.Equal(["NL", "DE", "NL"], items.Select(i => i.GetProperty("country").GetString()));
        Assert.Equal(["Baseline", "National", "Baseline"], items.Select(i => i.GetProperty("verdict").GetString()));
        Assert.All(items, i => Assert.Equal("PrePubescent", i.GetProperty("ageGroup").GetString()));
        Assert.All(items, i => Assert.False(i.GetProperty("inIcse").GetBoolean()));
        Assert.DoesNotContain(notIllegal.Sha256, queue.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(unassessed.Sha256, queue.ToString(), StringComparison.Ordinal);

        var first = await world.Interpol.GetJsonAsync("/api/v1/icse/queue?limit=2");
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await world.Interpol.GetJsonAsync($"/api/v1/icse/queue?limit=2&cursor={cursor}");
        Assert.Equal(baselineNl.Sha256, Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("mediaSha256").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [BothDatabases]
    public async Task Export_ZipHoldsOriginalsIcseCsvAndVics_ItemsLeaveTheQueue_NothingIsExportedTwiceUnlessAsked(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var nl = await world.SeedItemAsync(world.HotlineNl, "NL");
        var de = await world.SeedItemAsync(world.HotlineDe, "DE", Verdict.National);
        var left = await world.SeedItemAsync(world.HotlineDe, "DE");

        var created = await world.Interpol.PostAsync("/api/v1/icse/batches", new { items = new[] { nl.Sha256, de.Sha256 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var batch = JsonDocument.Parse(await created.Content.ReadAsStringAsync(PortalWorld.Ct)).RootElement;
        Assert.Equal(2, batch.GetProperty("itemCount").GetInt32());
        var batchId = batch.GetProperty("id").GetGuid();

        using var download = await world.Interpol.GetAsync($"/api/v1/icse/batches/{batchId}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync(PortalWorld.Ct)), ZipArchiveMode.Read);
        var hashes = await world.WithDatabaseAsync(db => db.Set<MediaItems.MediaItem>()
            .Where(m => m.Sha256 == nl.Sha256 || m.Sha256 == de.Sha256).ToDictionaryAsync(m => m.Sha256, PortalWorld.Ct));
        foreach (var item in new[] { nl, de })
        {
            var original = zip.GetEntry($"originals/{item.Sha256}.jpg");
            Assert.NotNull(original);
            await using var content = await original.OpenAsync(PortalWorld.Ct);
            Assert.Equal(item.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(content, PortalWorld.Ct)));
        }

        var csv = await ReadTextAsync(zip, "icse.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(IcseHeader, lines[0]);
        Assert.Equal(3, lines.Length);
        var rows = lines[1..].Select(l => l.Split(';')).ToDictionary(r => r[0]);
        foreach (var item in new[] { nl, de })
        {
            var row = rows[hashes[item.Sha256].Md5];
            Assert.Equal(12, row.Length);
            Assert.Equal(hashes[item.Sha256].Sha1, row[1]);
            Assert.Equal(("1", "1", "Image"), (row[8], row[9], row[10]));
            Assert.Equal(item == nl ? "1" : "0", row[11]);
        }

        var vics = JsonDocument.Parse(await ReadTextAsync(zip, "vics.json")).RootElement;
        Assert.Contains("2.0", vics.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        var media = vics.GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(2, media.Count);
        Assert.Equal(hashes.Values.Select(m => m.Md5).Order(), media.Select(m => m.GetProperty("MD5").GetString()!.ToLowerInvariant()).Order());

        var queue = await world.Interpol.GetJsonAsync("/api/v1/icse/queue");
        Assert.Equal([left.Sha256], queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("mediaSha256").GetString()));

        var again = await world.Interpol.PostAsync("/api/v1/icse/batches", new { items = new[] { nl.Sha256 } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("handed over", await again.Content.ReadAsStringAsync(PortalWorld.Ct), StringComparison.Ordinal);

        var rest = await world.Interpol.PostAsync("/api/v1/icse/batches", new { limit = 10 });
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await rest.Content.ReadAsStringAsync(PortalWorld.Ct)).RootElement.GetProperty("itemCount").GetInt32());
        var empty = await world.Interpol.PostAsync("/api/v1/icse/batches", new { limit = 10 });
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);

        var asked = await world.Interpol.PostAsync("/api/v1/icse/batches", new { items = new[] { nl.Sha256 }, includeHandedOver = true });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        using var redownload = await world.Interpol.GetAsync($"/api/v1/icse/batches/{batchId}/download");
        Assert.Equal(HttpStatusCode.OK, redownload.StatusCode);
        await redownload.Content.ReadAsByteArrayAsync(PortalWorld.Ct);

        var batches = await world.Interpol.GetJsonAsync("/api/v1/icse/batches");
        Assert.Equal([1, 1, 2], batches.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("itemCount").GetInt32()));
        var audited = await world.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.IcseBatchExported)
            .OrderBy(e => e.Sequence).Select(e => e.Detail).ToListAsync(PortalWorld.Ct));
        Assert.Equal(
            ["step=created count=2", "step=downloaded count=2 originals=2", "step=created count=1", "step=created count=1", "step=downloaded count=2 originals=2"],
            audited);
    }

    [Theory]
    [BothDatabases]
    public async Task InvalidInput_Is400NamingTheField_AnItemInterpolDoesNotSeeIs404(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var notIllegal = await world.SeedItemAsync(world.HotlineNl, "NL", Verdict.NotIllegal);

        await AssertInvalidAsync(await world.Interpol.PostAsync("/api/v1/icse/batches", new { }), "items");
        await AssertInvalidAsync(await world.Interpol.PostAsync("/api/v1/icse/batches", new { items = new[] { "not-a-hash" } }), "items");
        await AssertInvalidAsync(await world.Interpol.PostAsync("/api/v1/icse/batches", new { limit = 0 }), "limit");
        await AssertInvalidAsync(await world.Interpol.PostAsync("/api/v1/icse/batches", new { limit = 100_000 }), "limit");
        await AssertInvalidAsync(await world.Interpol.PostAsync("/api/v1/icse/batches", new { items = new[] { notIllegal.Sha256 }, limit = 3 }), "limit");
        await AssertInvalidAsync(await world.Interpol.PostAsync("/api/v1/icse/batches", new { limit = "many" }), "limit");
        await AssertInvalidAsync(await world.Interpol.GetAsync("/api/v1/icse/queue?cursor=nonsense"), "cursor");
        await AssertInvalidAsync(await world.Interpol.GetAsync("/api/v1/icse/queue?limit=0"), "limit");
        await AssertInvalidAsync(await world.Interpol.GetAsync("/api/v1/icse/batches?limit=1000"), "limit");

        var unseen = await world.Interpol.PostAsync("/api/v1/icse/batches", new { items = new[] { notIllegal.Sha256 } });
        Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);
        var unknown = await world.Interpol.PostAsync("/api/v1/icse/batches", new { items = new[] { new string('a', 64) } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var noBatch = await world.Interpol.GetAsync($"/api/v1/icse/batches/{Guid.NewGuid()}/download");
        Assert.Equal(HttpStatusCode.NotFound, noBatch.StatusCode);
        Assert.Equal(0, await world.WithDatabaseAsync(db => db.Set<Clearline.Icse.IcseBatch>().CountAsync(PortalWorld.Ct)));
    }

    internal static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync(PortalWorld.Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), body);
    }

    private static async Task<string> ReadTextAsync(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.NotNull(entry);
        await using var stream = await entry.OpenAsync(PortalWorld.Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(PortalWorld.Ct);
    }
}
