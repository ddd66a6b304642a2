using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.HashLists.Management;

public sealed class HashListsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Owner_CreatesPatchesPagesAndTombstones_AndSeesTheFigures(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        using var client = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.HashListsRead, ApiScopes.HashListsWrite));

        using var created = await client.PostAsJsonAsync("/api/v1/hashlists", new
        {
            name = "Partner hashes", source = "A partner", kind = "HotlineNetwork", visibility = "Network", scheme = "VicsUs",
            mapping = new Dictionary<string, object> { ["1"] = new { outcome = "Baseline" }, ["3"] = new { outcome = "Suggest", flags = new[] { "Virtual" } } },
        }, Ct);
        var list = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(created)).RootElement;
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = list.GetProperty("id").GetGuid();
        Assert.Equal("SuggestOnly", list.GetProperty("trust").GetString());
        Assert.Equal("Baseline", list.GetProperty("mapping").GetProperty("1").GetProperty("outcome").GetString());
        Assert.True(list.GetProperty("managed").GetBoolean());

        var entries = await app.AsSystemAsync(sp => HashListSeed.AddEntriesAsync(sp, id, 3));
        using var patched = await client.PatchAsJsonAsync($"/api/v1/hashlists/{id}", new { active = false, source = (string?)null }, Ct);
        var patchedList = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(patched)).RootElement;
        Assert.False(patchedList.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, patchedList.GetProperty("source").ValueKind);

        var first = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/hashlists/{id}/entries?limit=2", Ct)).RootElement;
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/hashlists/{id}/entries?limit=2&cursor={cursor}", Ct)).RootElement;
        Assert.Equal(entries.Select(e => e.Md5), first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.GetProperty("md5").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        using var tombstoned = await client.PostAsJsonAsync($"/api/v1/hashlists/{id}/entries/{entries[0].Id}/tombstone", new { reason = "false match" }, Ct);
        Assert.Equal("false match", JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(tombstoned)).RootElement.GetProperty("tombstoneReason").GetString());

        var all = JsonDocument.Parse(await client.GetStringAsync("/api/v1/hashlists", Ct)).RootElement.EnumerateArray().ToList();
        var stats = all.Single(l => l.GetProperty("id").GetGuid() == id).GetProperty("stats");
        Assert.Equal((2, 1), (stats.GetProperty("liveEntries").GetInt32(), stats.GetProperty("tombstonedEntries").GetInt32()));
        Assert.Equal(JsonValueKind.Null, stats.GetProperty("falseMatchRate").ValueKind);
        Assert.Contains(all, l => l.GetProperty("id").GetGuid() == HashList.NetworkListId);
    }

    [Theory]
    [BothDatabases]
    public async Task AnotherOrganisation_GetsNotFoundForPrivateLists_AndForbiddenForChangingVisibleOnes(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var owner = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var (hidden, shared, entry) = await app.AsSystemAsync(async sp =>
        {
            var h = await HashListSeed.AddListAsync(sp, owner.Id, HashListVisibility.OwnOrganisation);
            var s = await HashListSeed.AddListAsync(sp, owner.Id, HashListVisibility.Network);
            return (h, s, (await HashListSeed.AddEntriesAsync(sp, s.Id, 1))[0]);
        });
        using var client = app.CreateClient(await app.CreateApiKeyAsync(other, ApiScopes.HashListsRead, ApiScopes.HashListsWrite));

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/hashlists/{hidden.Id}", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/hashlists/{hidden.Id}/entries", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PatchAsJsonAsync($"/api/v1/hashlists/{hidden.Id}", new { active = false }, Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PatchAsJsonAsync($"/api/v1/hashlists/{shared.Id}", new { active = false }, Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await client.PatchAsJsonAsync($"/api/v1/hashlists/{HashList.NetworkListId}", new { active = false }, Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync($"/api/v1/hashlists/{shared.Id}/entries/{entry.Id}/tombstone", new { reason = "not mine" }, Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsSuccessAsync(await client.GetAsync($"/api/v1/hashlists/{shared.Id}/entries", Ct));
        var listed = JsonDocument.Parse(await client.GetStringAsync("/api/v1/hashlists", Ct)).RootElement.EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ToList();
        Assert.DoesNotContain(hidden.Id, listed);
        Assert.Contains(shared.Id, listed);
    }

    [Theory]
    [BothDatabases]
    public async Task MissingScope_IsForbidden_NoKey_IsUnauthorised(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        using var readOnly = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.HashListsRead));
        using var reportsOnly = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.ReportsRead));
        using var anonymous = app.CreateClient();
        var match = Guid.NewGuid();

        await ProblemAssert.IsProblemAsync(await readOnly.PostAsJsonAsync("/api/v1/hashlists", new { name = "x", kind = "Industry" }, Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await readOnly.PatchAsJsonAsync($"/api/v1/hashlists/{HashList.NetworkListId}", new { active = false }, Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await readOnly.PostAsJsonAsync($"/api/v1/matches/{match}/review", new { review = "wrong" }, Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await reportsOnly.GetAsync("/api/v1/hashlists", Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await reportsOnly.GetAsync($"/api/v1/hashlists/{HashList.NetworkListId}/entries", Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/v1/hashlists", Ct), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"kind\":\"Police\"}", "kind")]
    [InlineData("{\"name\":\"x\",\"kind\":\"Industry\",\"visibilty\":\"Network\"}", "visibilty")]
    [InlineData("{\"name\":\"x\",\"kind\":\"Industry\",\"active\":\"yes\"}", "active")]
    [InlineData("{\"name\":\"x\",\"kind\":\"Industry\",\"mapping\":{\"1\":{\"outcome\":\"Illegal\"}}}", "mapping.1.outcome")]
    [InlineData("{\"name\":\"x\",\"kind\":\"Industry\",\"mapping\":{\"1\":{\"outcome\":\"Suggest\",\"flags\":[\"Red\"]}}}", "mapping.1.flags")]
    [InlineData("{\"kind\":\"Industry\"}", "name")]
    [InlineData("{\"name\":\"x\",\"kind\":\"OwnClassifications\"}", "kind")]
    public async Task Create_BadValue_IsABadRequestNamingTheField(string body, string field)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var hotline = await app.CreateOrganisationAsync();
        using var client = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.HashListsWrite));

        using var response = await client.PostAsync("/api/v1/hashlists", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [BothDatabases]
    public async Task ReviewMatch_MarksIt_BadValueIsNamed_InvisibleListIsNotFound(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var owner = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var (shared, hidden) = await app.AsSystemAsync(async sp =>
        {
            var s = await HashListSeed.AddListAsync(sp, owner.Id, HashListVisibility.Network);
            var h = await HashListSeed.AddListAsync(sp, owner.Id, HashListVisibility.OwnOrganisation);
            return (await HashListSeed.AddMatchAsync(sp, (await HashListSeed.AddEntriesAsync(sp, s.Id, 1))[0]),
                await HashListSeed.AddMatchAsync(sp, (await HashListSeed.AddEntriesAsync(sp, h.Id, 1))[0]));
        });
        using var client = app.CreateClient(await app.CreateApiKeyAsync(other, ApiScopes.HashListsWrite, ApiScopes.HashListsRead));

        using var reviewed = await client.PostAsJsonAsync($"/api/v1/matches/{shared.Id}/review", new { review = "wrong" }, Ct);
        Assert.Equal("Wrong", JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(reviewed)).RootElement.GetProperty("review").GetString());
        var bad = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/matches/{shared.Id}/review", new { review = "maybe" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("review", out _));
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/v1/matches/{hidden.Id}/review", new { review = "wrong" }, Ct), HttpStatusCode.NotFound);

        var list = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/hashlists/{shared.HashListId}", Ct)).RootElement;
        Assert.Equal(1.0, list.GetProperty("stats").GetProperty("falseMatchRate").GetDouble());
    }
}
