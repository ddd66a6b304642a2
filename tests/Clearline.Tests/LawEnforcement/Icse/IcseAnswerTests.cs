using System.Net;
using System.Text;
using System.Text.Json;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Tests.Account;
using Clearline.Tests.HashLists.Approvals;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.LawEnforcement.Icse;

/// <summary>ICSE's answer (its CSV imported back as a police-database list) and who may use the ICSE hand-off at all.</summary>
public sealed class IcseAnswerTests
{
    [Theory]
    [BothDatabases]
    public async Task ImportingIcsesCsv_MarksMatchingItemsInIcse_LeavesThemOutOfTheQueue_AndAuditsTheMarking(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var known = await world.SeedItemAsync(world.HotlineNl, "NL");
        var bySha1 = await world.SeedItemAsync(world.HotlineDe, "DE", Verdict.National);
        var unknown = await world.SeedItemAsync(world.HotlineDe, "DE");
        var hashes = await world.WithDatabaseAsync(db => db.Set<MediaItems.MediaItem>().ToDictionaryAsync(m => m.Sha256, PortalWorld.Ct));

        var created = await world.Interpol.PostAsync("/api/v1/hashlists", new
        {
            name = "ICSE", source = "INTERPOL ICSE", kind = "PoliceDatabase", trust = "AutoClassify", visibility = "LawEnforcementOnly", scheme = "Clearline",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(PortalWorld.Ct));
        var listId = JsonDocument.Parse(await created.Content.ReadAsStringAsync(PortalWorld.Ct)).RootElement.GetProperty("id").GetGuid();
        var csv = $"{IcseHandOffTests.IcseHeader}\r\n{hashes[known.Sha256].Md5};;;IC-1;1;0;0;;3;1;Image;1\r\n;{hashes[bySha1.Sha256].Sha1.ToUpperInvariant()};;IC-2;1;1;0;Series A;1;1;Image;0\r\n";
        var import = await world.Interpol.Client.PostAsync(
            new Uri($"/api/v1/hashlists/{listId}/imports", UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"), PortalWorld.Ct);
        Assert.True(import.StatusCode == HttpStatusCode.Accepted, await import.Content.ReadAsStringAsync(PortalWorld.Ct));
        await NetworkConsentApiTests.WaitForJobsAsync(world.App);
        var state = await world.Interpol.GetJsonAsync(import.Headers.Location!.OriginalString);
        Assert.Equal(("icse", "completed", 2), (state.GetProperty("format").GetString(), state.GetProperty("state").GetString(), state.GetProperty("entriesAdded").GetInt32()));

        var queue = await world.Interpol.GetJsonAsync("/api/v1/icse/queue");
        Assert.Equal([unknown.Sha256], queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("mediaSha256").GetString()));
        var all = await world.Interpol.GetJsonAsync("/api/v1/icse/queue?includeInIcse=true");
        var marks = all.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("mediaSha256").GetString()!, i => i.GetProperty("inIcse").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { [known.Sha256] = true, [bySha1.Sha256] = true, [unknown.Sha256] = false }, marks);
        var limited = await world.Interpol.PostAsync("/api/v1/icse/batches", new { limit = 10 });
        Assert.Equal(1, JsonDocument.Parse(await limited.Content.ReadAsStringAsync(PortalWorld.Ct)).RootElement.GetProperty("itemCount").GetInt32());

        var marked = await world.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.IcseItemsMarked).ToListAsync(PortalWorld.Ct));
        var entry = Assert.Single(marked);
        Assert.Equal(("count=2", $"hashlist:{listId:D}", world.Interpol.Id), (entry.Detail, entry.Target, entry.OrganisationId));

        using var officer = await world.SignInAsync(world.Interpol, Role.InterpolOfficer);
        var page = await officer.OpenAsync("/Interpol?showInIcse=true");
        Assert.Contains("data-badge=\"in-icse\"", page, StringComparison.Ordinal);
        Assert.Contains(known.Sha256, page, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task EveryoneButInterpol_Gets403Or404_OnEveryEndpointAndPage(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var created = await world.Interpol.PostAsync("/api/v1/icse/batches", new { items = new[] { item.Sha256 } });
        var batchId = JsonDocument.Parse(await created.Content.ReadAsStringAsync(PortalWorld.Ct)).RootElement.GetProperty("id").GetGuid();

        foreach (var other in new[] { world.PoliceNl, world.PoliceDe, world.HotlineNl, world.HotlineDe, world.Coordinator, world.Industry })
        {
            foreach (var response in new[]
            {
                await other.GetAsync("/api/v1/icse/queue"),
                await other.GetAsync("/api/v1/icse/batches"),
                await other.PostAsync("/api/v1/icse/batches", new { items = new[] { item.Sha256 } }),
                await other.GetAsync($"/api/v1/icse/batches/{batchId}/download"),
            })
            {
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                    $"{other.Organisation.Kind} {other.Organisation.CountryCode}: {response.RequestMessage!.RequestUri} answered {(int)response.StatusCode}");
            }
        }

        var noKey = world.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.GetAsync(new Uri("/api/v1/icse/queue", UriKind.Relative), PortalWorld.Ct)).StatusCode);
        var readOnly = world.App.CreateClient(await world.App.CreateApiKeyAsync(world.Interpol.Organisation, global::Clearline.ApiKeys.ApiScopes.IcseRead));
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync(new Uri("/api/v1/icse/queue", UriKind.Relative), PortalWorld.Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.GetAsync(new Uri($"/api/v1/icse/batches/{batchId}/download", UriKind.Relative), PortalWorld.Ct)).StatusCode);

        foreach (var (member, role) in new[] { (world.PoliceNl, Role.LeaOfficer), (world.HotlineNl, Role.Analyst), (world.Coordinator, Role.OrgAdmin) })
        {
            using var browser = await world.SignInAsync(member, role);
            foreach (var path in new[] { "/Interpol", "/Interpol/Batches" })
            {
                using var page = await browser.GetAsync(path);
                Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.NotFound, $"{role} GET {path} answered {(int)page.StatusCode}");
                if (page.StatusCode == HttpStatusCode.Redirect)
                {
                    Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task InterpolOfficer_ExportsTheTickedItemsFromThePage_AndDownloadsTheBatchAgain()
    {
        await using var world = await PortalWorld.StartAsync(DatabaseProvider.Sqlite);
        var picked = await world.SeedItemAsync(world.HotlineNl, "NL");
        var other = await world.SeedItemAsync(world.HotlineDe, "DE", Verdict.National);
        using var officer = await world.SignInAsync(world.Interpol, Role.InterpolOfficer);

        var queue = await officer.OpenAsync("/Interpol");
        Assert.Contains(picked.Sha256, queue, StringComparison.Ordinal);
        Assert.Contains("Decided in", queue, StringComparison.Ordinal);
        using var exported = await officer.SubmitAsync(queue, "/Interpol?handler=Export", ("items", picked.Sha256), ("limit", "100"));
        SignInSteps.AssertRedirect(exported, "/Interpol/Batches");

        var after = await officer.OpenAsync("/Interpol");
        Assert.DoesNotContain(picked.Sha256, after, StringComparison.Ordinal);
        Assert.Contains(other.Sha256, after, StringComparison.Ordinal);

        var batches = await officer.OpenAsync("/Interpol/Batches");
        var batchId = await world.WithDatabaseAsync(db => db.Set<Clearline.Icse.IcseBatch>().Select(b => b.Id).SingleAsync(PortalWorld.Ct));
        Assert.Contains(batchId.ToString(), batches, StringComparison.Ordinal);
        using var download = await officer.SubmitAsync(batches, "/Interpol/Batches?handler=Download", ("id", batchId.ToString()));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync(PortalWorld.Ct)));
        Assert.NotNull(zip.GetEntry($"originals/{picked.Sha256}.jpg"));
        Assert.NotNull(zip.GetEntry("icse.csv"));
    }
}
