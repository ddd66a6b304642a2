using System.Globalization;
using System.Net;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.Matching.KnownMaterialSeed;

namespace Clearline.Tests.Exchange.Hma;

/// <summary>
/// HMA's banks (<c>/c/banks</c>, <c>/c/bank/&lt;name&gt;</c>) are the lists a key sees, and a bank's export reads as
/// python-threatexchange's <c>local_file</c>: live signals only, every page of a long list, audited.
/// </summary>
public sealed class HmaBanksApiTests
{
    private const string Pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    private const string WithdrawnPdq = "d8f8f0cec0f4a84f8e370a22038f67f0b36a2ed597231e1d72e6b39c4a9c9b22";
    private const string ImageMd5 = "00112233445566778899aabbccddeeff";
    private const string VideoMd5 = "0123456789abcdef0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Banks_AreTheListsTheKeySees_ByNameOrId_AndAnotherTenantsListIsNotFound(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var (ownId, sharedId) = await app.AsSystemAsync(async sp =>
        {
            await CreateListAsync(sp, "NETWORK_BANK", HashListTrust.SuggestOnly);
            var shared = await CreateListAsync(sp, "SHARED", HashListTrust.SuggestOnly);
            var own = await CreateListAsync(sp, "OWN", HashListTrust.SuggestOnly, owner: hotline.Id, visibility: HashListVisibility.OwnOrganisation);
            await CreateListAsync(sp, "SHARED", HashListTrust.SuggestOnly, owner: hotline.Id, visibility: HashListVisibility.OwnOrganisation);
            return (own.Id, shared.Id);
        });
        using var client = new HmaStyleClient(app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.HashListsRead)));
        using var otherClient = new HmaStyleClient(app.CreateClient(await app.CreateApiKeyAsync(other, ApiScopes.HashListsRead)));

        var banks = (await client.JsonAsync("/c/banks")).EnumerateArray()
            .Select(b => (b.GetProperty("name").GetString(), b.GetProperty("matching_enabled_ratio").GetDouble())).ToList();
        Assert.Contains(("OWN", 1.0), banks);
        Assert.Contains(("NETWORK_BANK", 1.0), banks);
        Assert.Equal(2, banks.Count(b => b.Item1 == "SHARED"));
        Assert.DoesNotContain((await otherClient.JsonAsync("/c/banks")).EnumerateArray(), b => b.GetProperty("name").GetString() == "OWN");

        var own = await client.JsonAsync("/c/bank/OWN");
        Assert.Equal(("OWN", 1.0), (own.GetProperty("name").GetString(), own.GetProperty("matching_enabled_ratio").GetDouble()));
        Assert.Equal("OWN", (await client.JsonAsync($"/c/bank/{ownId}")).GetProperty("name").GetString());
        Assert.Equal("SHARED", (await client.JsonAsync($"/c/bank/{sharedId}")).GetProperty("name").GetString());
        var ambiguous = await ProblemAssert.IsProblemAsync(await client.GetAsync("/c/bank/SHARED"), HttpStatusCode.Conflict);
        Assert.Contains("id", ambiguous.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await otherClient.GetAsync("/c/bank/OWN"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await otherClient.GetAsync($"/c/bank/{ownId}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await otherClient.GetAsync($"/c/bank/{ownId}/local_file"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/c/bank/NO_SUCH_BANK"), HttpStatusCode.NotFound);
    }

    [Theory]
    [BothDatabases]
    public async Task LocalFile_WritesLiveSignals_AsLocalFileReadsThem_AndIsAudited(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var listId = await app.AsSystemAsync(async sp =>
        {
            var list = await CreateListAsync(sp, "EXPORTED", HashListTrust.SuggestOnly, owner: hotline.Id, visibility: HashListVisibility.OwnOrganisation);
            var video = new KnownHash
            {
                HashListId = list.Id, Md5 = VideoMd5, Vpdq = $"0,100,{Pdq},0.000\n1,100,{Pdq},1.000", Category = "K", AddedAt = DateTimeOffset.UtcNow,
            };
            var entries = await AddEntriesAsync(sp, PdqEntry(list, Pdq), Md5Entry(list, ImageMd5), video, PdqEntry(list, WithdrawnPdq));
            await TombstoneAsync(sp, entries[3].Id);
            return list.Id;
        });
        using var client = new HmaStyleClient(app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.HashListsRead)));

        var response = await client.GetAsync("/c/bank/EXPORTED/local_file");
        var text = await ProblemAssert.IsSuccessAsync(response);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"pdq {Pdq}\nvideo_md5 {VideoMd5}\n", text);
        Assert.Equal([("pdq", Pdq), ("video_md5", VideoMd5)], HmaStyleClient.ReadLocalFile(text));

        var md5s = await ProblemAssert.IsSuccessAsync(await client.GetAsync($"/c/bank/{listId}/local_file", ("signal_type", "md5")));
        Assert.Equal([("md5", ImageMd5), ("md5", VideoMd5)], HmaStyleClient.ReadLocalFile(md5s, "md5"));
        Assert.Equal($"{Pdq}\n", await ProblemAssert.IsSuccessAsync(await client.GetAsync("/c/bank/EXPORTED/local_file", ("signal_type", "pdq"))));
        var bad = await ProblemAssert.IsProblemAsync(await client.GetAsync("/c/bank/EXPORTED/local_file", ("signal_type", "sha1")), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("signal_type", out _), bad.ToString());

        var audit = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Action == AuditAction.HmaBankExported).OrderBy(e => e.Sequence).ToListAsync(Ct));
        Assert.Equal(
            ["local_file, 2 signals", "local_file md5, 2 signals", "local_file pdq, 1 signals"],
            audit.Select(e => e.Detail));
        Assert.All(audit, e => Assert.Equal(($"hashlist:{listId}", hotline.Id), (e.Target, e.OrganisationId)));
    }

    [Fact]
    public async Task LocalFile_OfAListLongerThanAPage_HoldsEveryEntryOnce()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var hotline = await app.CreateOrganisationAsync();
        var count = HashListDirectory.MaxPageSize * 2 + 7;
        var md5s = Enumerable.Range(0, count).Select(i => i.ToString("x32", CultureInfo.InvariantCulture)).ToList();
        await app.AsSystemAsync(async sp =>
        {
            var list = await CreateListAsync(sp, "LONG", HashListTrust.SuggestOnly, owner: hotline.Id, visibility: HashListVisibility.OwnOrganisation);
            return await AddEntriesAsync(sp, [.. md5s.Select(m => Md5Entry(list, m))]);
        });
        using var client = new HmaStyleClient(app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.HashListsRead)));

        var text = await ProblemAssert.IsSuccessAsync(await client.GetAsync("/c/bank/LONG/local_file", ("signal_type", "md5")));

        Assert.Equal(md5s, HmaStyleClient.ReadLocalFile(text, "md5").Select(s => s.Signal));
    }
}
