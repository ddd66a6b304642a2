using System.Net.Http.Json;
using System.Net;
using System.Text;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Evidence;
using Clearline.Exchange.Federation;
using Clearline.HashLists;
using Clearline.Media.Tests;
using Clearline.Organisations;
using Clearline.Tests.Classification;
using Clearline.Tenancy;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Exchange.Federation;

public sealed class FederationApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Feed_IsSignedHashesAndVerdictsOnly_WithTheReadersNationalDecisions_AndAudited(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider, new() { ["Workers:Enabled"] = "false" });
        var dutch = await network.JoinAsync("NL");
        var german = await network.JoinAsync("DE");
        var baseline = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 1820), dutch);
        var germanNational = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 1821), german);
        var dutchNational = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 1822), dutch);
        await dutch.DecideAsync(baseline, "Baseline");
        await german.DecideAsync(germanNational, "National");
        await dutch.DecideAsync(dutchNational, "National");
        var reader = await network.App.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        using var client = network.App.CreateClient(await network.App.CreateApiKeyAsync(reader, ApiScopes.FederationFeed));

        var publisher = JsonDocument.Parse(await client.GetStringAsync("/api/v1/federation/publisher", Ct)).RootElement;
        var signed = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri("/api/v1/federation/feed", UriKind.Relative), Ct))).RootElement;

        Assert.Equal((FeedFormat.Name, InstanceSigningKey.Algorithm), (signed.GetProperty("format").GetString(), signed.GetProperty("algorithm").GetString()));
        var bytes = Convert.FromBase64String(signed.GetProperty("page").GetString()!);
        Assert.True(InstanceSigningKey.Verify(publisher.GetProperty("publicKeyPem").GetString()!, bytes, Convert.FromBase64String(signed.GetProperty("signature").GetString()!)));
        var json = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("http", json, StringComparison.OrdinalIgnoreCase);
        var page = JsonSerializer.Deserialize<FeedPage>(bytes, FeedFormat.Json)!;
        Assert.Equal((publisher.GetProperty("fingerprint").GetString(), "0.0", false), (page.Publisher, page.Cursor, page.HasMore));
        Assert.Equal([baseline, dutchNational], page.Entries.Select(e => e.Sha256));
        Assert.Equal(("NL", Verdict.National), (page.Entries[1].Jurisdiction, page.Entries[1].Verdict));

        // The next page from the cursor holds nothing new.
        var next = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/federation/feed?cursor={page.Next}", Ct)).RootElement;
        var empty = JsonSerializer.Deserialize<FeedPage>(Convert.FromBase64String(next.GetProperty("page").GetString()!), FeedFormat.Json)!;
        Assert.Equal((0, page.Next), (empty.Entries.Count, empty.Next));

        Assert.Equal(2, await network.InDatabaseAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == AuditAction.FederationFeedRead && e.OrganisationId == reader.Id, Ct)));
        using var bad = await client.GetAsync(new Uri("/api/v1/federation/feed?cursor=yesterday", UriKind.Relative), Ct);
        await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Contains("cursor", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task CreateSubscription_BadInput_IsRefusedNamingTheField_AndNothingIsKept(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, new Dictionary<string, string?> { ["Workers:Enabled"] = "false" });
        var hotline = await app.CreateOrganisationAsync();
        using var client = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.HashListsRead, ApiScopes.HashListsWrite));
        var clearline = await CreateListAsync(client, "Clearline");
        var vics = await CreateListAsync(client, "VicsUs");
        var key = FederationSeed.PublicKeyPem();
        const string url = "https://peer.example/api/v1/federation/feed";

        await ExpectInvalidAsync(client, new { hashListId = clearline, feedUrl = "ftp://peer.example/feed", publicKeyPem = key, apiKey = "k" }, "feedUrl");
        await ExpectInvalidAsync(client, new { hashListId = clearline, feedUrl = url, publicKeyPem = "not a key", apiKey = "k" }, "publicKeyPem");
        await ExpectInvalidAsync(client, new { hashListId = clearline, feedUrl = url, publicKeyPem = key, apiKey = " " }, "apiKey");
        await ExpectInvalidAsync(client, new { hashListId = vics, feedUrl = url, publicKeyPem = key, apiKey = "k" }, "hashListId");
        using var network = await client.PostAsJsonAsync("/api/v1/federation/subscriptions", new { hashListId = HashList.NetworkListId, feedUrl = url, publicKeyPem = key, apiKey = "k" }, Ct);
        await ProblemAssert.IsProblemAsync(network, HttpStatusCode.Forbidden);
        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync("/api/v1/federation/subscriptions", Ct)).RootElement.EnumerateArray());

        using var created = await client.PostAsJsonAsync("/api/v1/federation/subscriptions", new { hashListId = clearline, feedUrl = url, publicKeyPem = key, apiKey = "secret-peer-key" }, Ct);
        var body = await ProblemAssert.IsSuccessAsync(created);
        Assert.DoesNotContain("secret-peer-key", body, StringComparison.Ordinal);
        var subscription = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("Active", "0.0", JsonValueKind.Null), (subscription.GetProperty("state").GetString(), subscription.GetProperty("cursor").GetString(), subscription.GetProperty("lagSeconds").ValueKind));
        Assert.Equal(InstanceSigningKey.FingerprintOf(key), subscription.GetProperty("publicKeyFingerprint").GetString());
        using var twice = await client.PostAsJsonAsync("/api/v1/federation/subscriptions", new { hashListId = clearline, feedUrl = url, publicKeyPem = key, apiKey = "k" }, Ct);
        await ProblemAssert.IsProblemAsync(twice, HttpStatusCode.Conflict);

        // A change with a bad field is refused naming it, and changes nothing.
        var id = subscription.GetProperty("id").GetGuid();
        await ExpectInvalidChangeAsync(client, id, new { feedUrl = "https://peer.example/moved", publicKeyPem = "not a key" }, "publicKeyPem");
        await ExpectInvalidChangeAsync(client, id, new { feedUrl = "peer.example/feed" }, "feedUrl");
        await ExpectInvalidChangeAsync(client, id, new { apiKey = new string('k', 501) }, "apiKey");
        var unchanged = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/federation/subscriptions/{id}", Ct)).RootElement;
        Assert.Equal((url, InstanceSigningKey.FingerprintOf(key)), (unchanged.GetProperty("feedUrl").GetString(), unchanged.GetProperty("publicKeyFingerprint").GetString()));

        using var moved = await client.PatchAsJsonAsync($"/api/v1/federation/subscriptions/{id}", new { feedUrl = "https://moved.example/api/v1/federation/feed", apiKey = "new-secret-key" }, Ct);
        var changed = await ProblemAssert.IsSuccessAsync(moved);
        Assert.DoesNotContain("new-secret-key", changed, StringComparison.Ordinal);
        Assert.Equal("https://moved.example/api/v1/federation/feed", JsonDocument.Parse(changed).RootElement.GetProperty("feedUrl").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task AnotherOrganisation_SeesNoneOfTheSubscriptions_AndCannotUseItsLists(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, new Dictionary<string, string?> { ["Workers:Enabled"] = "false" });
        var owner = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var subscription = await app.AsSystemAsync(sp => FederationSeed.SubscribeAsync(sp, owner));
        using var client = app.CreateClient(await app.CreateApiKeyAsync(other, ApiScopes.HashListsRead, ApiScopes.HashListsWrite));

        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync("/api/v1/federation/subscriptions", Ct)).RootElement.EnumerateArray());
        foreach (var (method, path) in new[] { (HttpMethod.Get, ""), (HttpMethod.Post, "/pause"), (HttpMethod.Post, "/resume"), (HttpMethod.Post, "/resync"), (HttpMethod.Patch, ""), (HttpMethod.Delete, "") })
        {
            using var request = new HttpRequestMessage(method, $"/api/v1/federation/subscriptions/{subscription.Id}{path}");
            if (method == HttpMethod.Patch)
            {
                request.Content = JsonContent.Create(new { feedUrl = "https://another-tenant.example/feed" });
            }

            await ProblemAssert.IsProblemAsync(await client.SendAsync(request, Ct), HttpStatusCode.NotFound);
        }

        Assert.Equal(subscription.FeedUrl, (await app.AsSystemAsync(sp => sp.GetRequiredService<FederationSubscriptions>().FindAsync(
            subscription.Id, new Caller(owner.Id, owner.Kind, owner.CountryCode, null, Guid.NewGuid(), null, new HashSet<string>()), Ct)))?.FeedUrl);

        using var created = await client.PostAsJsonAsync("/api/v1/federation/subscriptions", new
        {
            hashListId = subscription.HashListId, feedUrl = "https://peer.example/feed", publicKeyPem = FederationSeed.PublicKeyPem(), apiKey = "k",
        }, Ct);
        await ProblemAssert.IsProblemAsync(created, HttpStatusCode.NotFound);
    }

    private static async Task<Guid> CreateListAsync(HttpClient client, string scheme)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/hashlists", new
        {
            name = $"{scheme} {Guid.NewGuid():N}", kind = "HotlineNetwork", visibility = "OwnOrganisation", scheme,
        }, Ct);
        return JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(created)).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task ExpectInvalidChangeAsync(HttpClient client, Guid subscription, object body, string field)
    {
        using var response = await client.PatchAsJsonAsync($"/api/v1/federation/subscriptions/{subscription}", body, Ct);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected errors.{field}: {errors}");
    }

    private static async Task ExpectInvalidAsync(HttpClient client, object body, string field)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/federation/subscriptions", body, Ct);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected errors.{field}: {errors}");
    }
}
