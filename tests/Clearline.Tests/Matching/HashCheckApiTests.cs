using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.Matching.KnownMaterialSeed;

namespace Clearline.Tests.Matching;

/// <summary>
/// <c>POST /api/v1/hash-check</c>: each organisation learns only from the lists it may see; the scope is required;
/// bad hashes are named; the audit keeps counts, never the hashes.
/// </summary>
public sealed class HashCheckApiTests
{
    private const string NetworkMd5 = "0123456789abcdef0123456789abcdef";
    private const string PoliceMd5 = "fedcba9876543210fedcba9876543210";
    private const string PrivateMd5 = "00112233445566778899aabbccddeeff";
    private const string Pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task HashCheck_EachOrganisationSeesOnlyTheListsItMayUse(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var otherHotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var police = await app.CreateOrganisationAsync(OrganisationKind.LawEnforcement, "NL");
        var industry = await app.CreateOrganisationAsync(OrganisationKind.Industry, "US");
        await app.AsSystemAsync(async sp =>
        {
            var network = await CreateListAsync(sp, "network", HashListTrust.AutoClassify, CategoryOutcome.Baseline);
            var policeOnly = await CreateListAsync(sp, "police", HashListTrust.AutoClassify, CategoryOutcome.National, police.Id, HashListVisibility.LawEnforcementOnly);
            var own = await CreateListAsync(sp, "own", HashListTrust.SuggestOnly, CategoryOutcome.Suggest, hotline.Id, HashListVisibility.OwnOrganisation);
            return await AddEntriesAsync(
                sp,
                Md5Entry(network, NetworkMd5),
                PdqEntry(network, KnownMaterialMatcherTests.FlipBits(Media.Pdq.PdqHash.Parse(Pdq), 7).ToString()),
                Md5Entry(policeOnly, PoliceMd5),
                Md5Entry(own, PrivateMd5));
        });

        async Task<string[]> KnownToAsync(Organisation organisation)
        {
            using var client = app.CreateClient(await app.CreateApiKeyAsync(organisation, ApiScopes.HashesCheck));
            var results = await CheckAsync(client, [("md5", NetworkMd5.ToUpperInvariant()), ("md5", PoliceMd5), ("md5", PrivateMd5), ("pdq", Pdq)]);
            return [.. results.EnumerateArray().Where(r => r.GetProperty("known").GetBoolean()).Select(r => r.GetProperty("matches")[0].GetProperty("hashList").GetString()!)];
        }

        Assert.Equal(["network", "own", "network"], await KnownToAsync(hotline));
        Assert.Equal(["network", "network"], await KnownToAsync(otherHotline));
        Assert.Equal(["network", "police", "network"], await KnownToAsync(police));
        Assert.Equal(["network", "network"], await KnownToAsync(industry));
    }

    [Theory]
    [BothDatabases]
    public async Task HashCheck_ReportsCategoryAndPdqDistance_LowQualityNeverMatches_AndTheAuditKeepsNoHash(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var industry = await app.CreateOrganisationAsync(OrganisationKind.Industry, "US");
        await app.AsSystemAsync(async sp =>
        {
            var network = await CreateListAsync(sp, "network", HashListTrust.AutoClassify, CategoryOutcome.Baseline);
            return await AddEntriesAsync(sp, PdqEntry(network, KnownMaterialMatcherTests.FlipBits(Media.Pdq.PdqHash.Parse(Pdq), 7).ToString()));
        });
        using var client = app.CreateClient(await app.CreateApiKeyAsync(industry, ApiScopes.HashesCheck));

        var response = await client.PostAsJsonAsync(
            "/api/v1/hash-check",
            new { hashes = new object[] { new { type = "pdq", value = Pdq, quality = 90 }, new { type = "pdq", value = Pdq, quality = 49 }, new { type = "sha1", value = new string('0', 40) } } },
            Ct);

        var results = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement.GetProperty("results");
        var match = results[0].GetProperty("matches")[0];
        Assert.Equal(("network", "K", "Baseline", 7), (match.GetProperty("hashList").GetString(), match.GetProperty("category").GetString(), match.GetProperty("outcome").GetString(), match.GetProperty("distance").GetInt32()));
        Assert.False(results[1].GetProperty("known").GetBoolean());
        Assert.Contains("quality", results[1].GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.False(results[2].GetProperty("known").GetBoolean());

        var audit = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking()
            .SingleAsync(e => e.Action == AuditAction.HashesChecked, Ct));
        Assert.Equal(industry.Id, audit.OrganisationId);
        Assert.Equal("3 hashes checked, 1 known", audit.Detail);
        Assert.DoesNotContain(Pdq, audit.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [BothDatabases]
    public async Task HashCheck_WithoutTheScope_Is403_WithoutAKey_Is401(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        using var wrongScope = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.ReportsRead));
        using var anonymous = app.CreateClient();
        var body = new { hashes = new[] { new { type = "md5", value = NetworkMd5 } } };

        await ProblemAssert.IsProblemAsync(await wrongScope.PostAsJsonAsync("/api/v1/hash-check", body, Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/hash-check", body, Ct), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"hashes":[{"type":"crc32","value":"00"}]}""", "hashes[0].type")]
    [InlineData("""{"hashes":[{"type":"md5","value":"abc"}]}""", "hashes[0].value")]
    [InlineData("""{"hashes":[{"type":"md5","value":"0123456789abcdef0123456789abcdef"},{"type":"sha256","value":"zz"}]}""", "hashes[1].value")]
    [InlineData("""{"hashes":[{"type":"pdq","value":"f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22","quality":101}]}""", "hashes[0].quality")]
    [InlineData("""{"hashes":[{"type":"photodna","value":"AAAA"}]}""", "hashes[0].value")]
    [InlineData("""{"hashes":[]}""", "hashes")]
    [InlineData("""{"hash":"x"}""", "hashes")]
    [InlineData("""[1]""", "hashes")]
    public async Task HashCheck_BadHash_Is400NamingIt(string body, string field)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(), ApiScopes.HashesCheck));

        var response = await client.PostAsync("/api/v1/hash-check", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task HashCheck_MoreThanAThousandHashes_Is400_AndTheRateLimitAnswers429()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Api:HashChecksPerMinutePerKey"] = "2" });
        using var client = app.CreateClient(await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(), ApiScopes.HashesCheck));
        var tooMany = new { hashes = Enumerable.Range(0, 1001).Select(i => new { type = "md5", value = i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture) }) };
        var one = new { hashes = new[] { new { type = "md5", value = NetworkMd5 } } };

        var problem = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/hash-check", tooMany, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("1001", problem.GetProperty("errors").GetProperty("hashes")[0].GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsSuccessAsync(await client.PostAsJsonAsync("/api/v1/hash-check", one, Ct));
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/hash-check", one, Ct), HttpStatusCode.TooManyRequests);
    }

    private static async Task<JsonElement> CheckAsync(HttpClient client, IEnumerable<(string Type, string Value)> hashes)
    {
        var response = await client.PostAsJsonAsync("/api/v1/hash-check", new { hashes = hashes.Select(h => new { type = h.Type, value = h.Value }) }, Ct);
        return JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement.GetProperty("results");
    }
}
