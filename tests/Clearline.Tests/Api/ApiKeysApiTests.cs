using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.ApiKeys;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Api;

/// <summary><c>/api/v1/api-keys</c>: list with last use, create under the ceiling with expiry (secret once), revoke.</summary>
public sealed class ApiKeysApiTests
{
    private static readonly Uri Keys = new("/api/v1/api-keys", UriKind.Relative);
    private static readonly Uri Me = new("/api/v1/organisations/me", UriKind.Relative);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Create_AnswersTheSecretOnce_AndTheKeyWorks_AndListShowsItsLastUse(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        using var admin = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.OrganisationAdmin, ApiScopes.OrganisationRead));
        var expires = DateTimeOffset.UtcNow.AddDays(30);

        var created = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await admin.PostAsJsonAsync(
            Keys, new { name = "crawler", scopes = new[] { ApiScopes.OrganisationRead }, expiresAt = expires }, Ct))).RootElement;
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("id").GetGuid();
        Assert.StartsWith("cl_", secret, StringComparison.Ordinal);

        using var client = app.CreateClient(secret);
        await ProblemAssert.IsSuccessAsync(await client.GetAsync(Me, Ct));

        var listed = await ProblemAssert.IsSuccessAsync(await admin.GetAsync(Keys, Ct));
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"secret\"", listed, StringComparison.Ordinal);
        var key = JsonDocument.Parse(listed).RootElement.EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id);
        Assert.Equal(JsonValueKind.String, key.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(expires.ToUnixTimeSeconds(), key.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal([ApiScopes.OrganisationRead], key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [BothDatabases]
    public async Task Revoke_TheKeyIsRefusedOnItsVeryNextCall_AndItIsAudited(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        using var admin = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.OrganisationAdmin, ApiScopes.OrganisationRead));
        var created = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await admin.PostAsJsonAsync(
            Keys, new { name = "to revoke", scopes = new[] { ApiScopes.OrganisationRead } }, Ct))).RootElement;
        var id = created.GetProperty("id").GetGuid();
        using var client = app.CreateClient(created.GetProperty("secret").GetString());
        await ProblemAssert.IsSuccessAsync(await client.GetAsync(Me, Ct));

        var revoked = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(
            await admin.PostAsync(new Uri($"/api/v1/api-keys/{id}/revoke", UriKind.Relative), null, Ct))).RootElement;

        Assert.Equal(JsonValueKind.String, revoked.GetProperty("revokedAt").ValueKind);
        await ProblemAssert.IsProblemAsync(await client.GetAsync(Me, Ct), HttpStatusCode.Unauthorized);
        var audited = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .CountAsync(e => e.Action == AuditAction.ApiKeyRevoked && e.Target == $"apikey:{id}" && e.OrganisationId == hotline.Id, Ct));
        Assert.Equal(1, audited);
    }

    [Theory]
    [BothDatabases]
    public async Task Revoke_AnotherOrganisationsKey_Is404AndTheKeyStillWorks(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        using var admin = app.CreateClient(await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(), ApiScopes.OrganisationAdmin));
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var (otherId, otherSecret) = await StoredKeys.StoreAsync(app, other, [ApiScopes.OrganisationRead]);

        await ProblemAssert.IsProblemAsync(await admin.PostAsync(new Uri($"/api/v1/api-keys/{otherId}/revoke", UriKind.Relative), null, Ct), HttpStatusCode.NotFound);

        await ProblemAssert.IsSuccessAsync(await app.CreateClient(otherSecret).GetAsync(Me, Ct));
    }

    [Theory]
    [BothDatabases]
    public async Task ExpiredKey_IsRefused(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        var (_, expired) = await StoredKeys.StoreAsync(app, hotline, [ApiScopes.OrganisationRead], DateTimeOffset.UtcNow.AddDays(-1));
        var (_, current) = await StoredKeys.StoreAsync(app, hotline, [ApiScopes.OrganisationRead], DateTimeOffset.UtcNow.AddDays(1));

        await ProblemAssert.IsProblemAsync(await app.CreateClient(expired).GetAsync(Me, Ct), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsSuccessAsync(await app.CreateClient(current).GetAsync(Me, Ct));
    }

    [Fact]
    public async Task Create_BadInput_Is400NamingTheField()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var police = await app.CreateOrganisationAsync(OrganisationKind.LawEnforcement, "NL");
        using var admin = app.CreateClient(await app.CreateApiKeyAsync(police, ApiScopes.OrganisationAdmin, ApiScopes.ReportsRead));

        var cases = new (object Body, string Field, string Says)[]
        {
            (new { name = "", scopes = new[] { ApiScopes.ReportsRead } }, "name", "1 to 100"),
            (new { name = "x", scopes = Array.Empty<string>() }, "scopes", "at least one"),
            (new { name = "x", scopes = new[] { "reports:everything" } }, "scopes", "Unknown scope"),
            (new { name = "x", scopes = new[] { ApiScopes.ReportsWrite } }, "scopes", "'reports:write'"),
            (new { name = "x", scopes = new[] { ApiScopes.StatisticsRead } }, "scopes", "holds itself"),
            (new { name = "x", scopes = new[] { ApiScopes.ReportsRead }, expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }, "expiresAt", "future"),
        };
        foreach (var (body, field, says) in cases)
        {
            var problem = await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync(Keys, body, Ct), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var errors), $"{field}: {problem}");
            Assert.Contains(says, errors[0].GetString(), StringComparison.Ordinal);
        }

        var count = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<ApiKey>().CountAsync(k => k.OrganisationId == police.Id, Ct));
        Assert.Equal(1, count);
    }
}
