using System.Net;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Media.Pdq;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.Matching.KnownMaterialSeed;

namespace Clearline.Tests.Exchange.Hma;

/// <summary>
/// HMA's <c>/m/raw_lookup</c> and <c>/m/lookup</c> under <c>/api/v1/compat/hma</c>, called as HMA's client calls
/// them: entry ids and distances as HMA writes them, banks narrowing to the lists the key sees and never beyond,
/// bad parameters named, and the audit keeping counts, never the signal.
/// </summary>
public sealed class HmaLookupApiTests
{
    private const string Pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    private const string VideoMd5 = "0123456789abcdef0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task RawLookup_Pdq_AnswersEntryIdsAndDistances_NarrowedByBanks_ToTheListsTheKeySees(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var query = PdqHash.Parse(Pdq);
        var (a, b, own, ownListId) = await app.AsSystemAsync(async sp =>
        {
            var bankA = await CreateListAsync(sp, "BANK_A", HashListTrust.AutoClassify);
            var bankB = await CreateListAsync(sp, "BANK_B", HashListTrust.SuggestOnly);
            var ownList = await CreateListAsync(sp, "OWN", HashListTrust.SuggestOnly, owner: hotline.Id, visibility: HashListVisibility.OwnOrganisation);
            var entries = await AddEntriesAsync(
                sp,
                PdqEntry(bankA, KnownMaterialMatcherTests.FlipBits(query, 7).ToString()),
                PdqEntry(bankA, KnownMaterialMatcherTests.FlipBits(query, 40).ToString()),
                PdqEntry(bankB, Pdq),
                PdqEntry(ownList, KnownMaterialMatcherTests.FlipBits(query, 12).ToString()));
            return (entries[0].Id, entries[2].Id, entries[3].Id, ownList.Id);
        });
        using var client = new HmaStyleClient(app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.HashesCheck)));
        using var otherClient = new HmaStyleClient(app.CreateClient(await app.CreateApiKeyAsync(other, ApiScopes.HashesCheck)));

        Assert.Equal([a, b, own], await client.RawLookupIdsAsync("pdq", Pdq));
        var withDistance = await client.JsonAsync("/m/raw_lookup", ("signal_type", "pdq"), ("signal", Pdq), ("include_distance", true));
        Assert.Equal(
            [(b, "0"), (a, "7"), (own, "12")],
            withDistance.GetProperty("matches").EnumerateArray().Select(m => (m.GetProperty("bank_content_id").GetInt64(), m.GetProperty("distance").GetString())));
        Assert.Equal([a], await client.RawLookupIdsAsync("pdq", Pdq, banks: "BANK_A"));
        Assert.Equal([a, b], await client.RawLookupIdsAsync("pdq", Pdq, banks: "BANK_A,BANK_B"));
        Assert.Equal([own], await client.RawLookupIdsAsync("pdq", Pdq.ToUpperInvariant(), banks: ownListId.ToString()));
        Assert.Empty(await client.RawLookupIdsAsync("pdq", Pdq, banks: "NON_EXISTENT_BANK"));

        // Another hotline neither matches the private list nor reaches it by naming it.
        Assert.Equal([a, b], await otherClient.RawLookupIdsAsync("pdq", Pdq));
        Assert.Empty(await otherClient.RawLookupIdsAsync("pdq", Pdq, banks: "OWN"));
        Assert.Empty(await otherClient.RawLookupIdsAsync("pdq", Pdq, banks: ownListId.ToString()));

        var byBank = await client.JsonAsync("/m/lookup", ("signal_type", "pdq"), ("signal", Pdq), ("banks", "BANK_A,OWN"));
        Assert.Equal(["BANK_A", "OWN"], byBank.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var ownMatch = Assert.Single(byBank.GetProperty("OWN").EnumerateArray());
        Assert.Equal((own, "12"), (ownMatch.GetProperty("bank_content_id").GetInt64(), ownMatch.GetProperty("distance").GetString()));

        var audit = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Action == AuditAction.HmaSignalLookedUp).ToListAsync(Ct));
        Assert.Equal(10, audit.Count);
        Assert.Contains(audit, e => e.OrganisationId == hotline.Id && e.Detail == "1 pdq signal looked up, 3 matches");
        Assert.All(audit, e => Assert.DoesNotContain(Pdq, e.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [BothDatabases]
    public async Task RawLookup_VideoMd5AndMd5_MatchExactly_WithHmasNoDistance_AndNeverATombstone(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var industry = await app.CreateOrganisationAsync(OrganisationKind.Industry, "US");
        var (live, withdrawn) = await app.AsSystemAsync(async sp =>
        {
            var list = await CreateListAsync(sp, "VIDEOS", HashListTrust.AutoClassify);
            var entries = await AddEntriesAsync(sp, Md5Entry(list, VideoMd5), Md5Entry(list, "fedcba9876543210fedcba9876543210"));
            await TombstoneAsync(sp, entries[1].Id);
            return (entries[0].Id, entries[1].Id);
        });
        using var client = new HmaStyleClient(app.CreateClient(await app.CreateApiKeyAsync(industry, ApiScopes.HashesCheck)));

        var match = Assert.Single((await client.JsonAsync(
            "/m/raw_lookup", ("signal_type", "video_md5"), ("signal", VideoMd5.ToUpperInvariant()), ("include_distance", "true"))).GetProperty("matches").EnumerateArray());
        Assert.Equal((live, "-"), (match.GetProperty("bank_content_id").GetInt64(), match.GetProperty("distance").GetString()));
        Assert.Equal([live], await client.RawLookupIdsAsync("md5", VideoMd5));
        Assert.Empty(await client.RawLookupIdsAsync("video_md5", "fedcba9876543210fedcba9876543210"));
        Assert.NotEqual(live, withdrawn);
        Assert.Empty((await client.JsonAsync("/m/lookup", ("signal_type", "video_md5"), ("signal", new string('0', 32)))).EnumerateObject());
    }

    [Theory]
    [InlineData("/m/raw_lookup?signal=f8f8", "signal_type")]
    [InlineData("/m/raw_lookup?signal_type=sha1&signal=0123456789abcdef0123456789abcdef01234567", "signal_type")]
    [InlineData("/m/raw_lookup?signal_type=pdq", "signal")]
    [InlineData("/m/raw_lookup?signal_type=pdq&signal=f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b2", "signal")]
    [InlineData("/m/raw_lookup?signal_type=video_md5&signal=0123456789abcdef0123456789abcdeg", "signal")]
    [InlineData("/m/raw_lookup?signal_type=video_md5&signal=0123456789abcdef0123456789abcdef&include_distance=perhaps", "include_distance")]
    [InlineData("/m/lookup?signal_type=pdq&signal=f8", "signal")]
    [InlineData("/m/lookup?url=https%3A%2F%2Fexample.invalid%2Fa.jpg", "url")]
    public async Task Lookup_BadParameter_Is400NamingIt_AndNothingIsAudited(string pathAndQuery, string field)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(), ApiScopes.HashesCheck));

        var response = await client.GetAsync(new Uri(HmaStyleClient.BaseUrl + pathAndQuery, UriKind.Relative), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.False(await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .AnyAsync(e => e.Action == AuditAction.HmaSignalLookedUp, Ct)));
    }

    [Fact]
    public async Task Lookups_NeedTheHashCheckScope_BanksTheHashListScope()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var hotline = await app.CreateOrganisationAsync();
        using var listsOnly = new HmaStyleClient(app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.HashListsRead)));
        using var checkOnly = new HmaStyleClient(app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.HashesCheck)));
        using var anonymous = new HmaStyleClient(app.CreateClient());

        await ProblemAssert.IsProblemAsync(await listsOnly.GetAsync("/m/raw_lookup", ("signal_type", "pdq"), ("signal", Pdq)), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await checkOnly.GetAsync("/c/banks"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/m/lookup", ("signal_type", "pdq"), ("signal", Pdq)), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsSuccessAsync(await checkOnly.GetAsync("/m/raw_lookup", ("signal_type", "pdq"), ("signal", Pdq)));
        await ProblemAssert.IsSuccessAsync(await listsOnly.GetAsync("/c/banks"));
    }
}
