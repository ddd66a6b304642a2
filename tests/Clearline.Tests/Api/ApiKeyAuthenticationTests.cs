using System.Net;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Api;

public sealed class ApiKeyAuthenticationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task OrganisationsMe_ValidKey_ReturnsTheKeysOrganisation(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var mine = await app.CreateOrganisationAsync();
        await app.CreateOrganisationAsync();
        var key = await app.CreateApiKeyAsync(mine, ApiScopes.OrganisationRead);

        var response = await app.CreateClient(key).GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), Ct);

        var body = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement;
        Assert.Equal(mine.Id, body.GetProperty("id").GetGuid());
        Assert.Equal(mine.Name, body.GetProperty("name").GetString());
        Assert.Equal("Hotline", body.GetProperty("kind").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task OrganisationsMe_NoKey_Returns401Problem(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);

        var response = await app.CreateClient().GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("cl_this-is-not-a-key-that-exists-anywhere-at-all-000000")]
    [InlineData("not-even-the-right-shape")]
    [InlineData("")]
    public async Task OrganisationsMe_InvalidKey_Returns401Problem(string presented)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + presented);

        var response = await client.GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [BothDatabases]
    public async Task OrganisationsMe_RevokedKey_Returns401Problem(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var organisation = await app.CreateOrganisationAsync();
        var key = await app.CreateApiKeyAsync(organisation);
        var client = app.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), Ct)).StatusCode);

        await app.AsSystemAsync(async sp =>
        {
            var keys = sp.GetRequiredService<ApiKeyService>();
            var found = await keys.AuthenticateAsync(key, Ct);
            return await keys.RevokeAsync(organisation.Id, found.Key!.Id, AuditActor.System, Ct);
        });

        await ProblemAssert.IsProblemAsync(await client.GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OrganisationsMe_KeyWithoutScope_Returns403Problem()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var organisation = await app.CreateOrganisationAsync();
        var key = await app.CreateApiKeyAsync(organisation, ApiScopes.HashesCheck);

        var response = await app.CreateClient(key).GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Api_SessionCookieInsteadOfKey_Returns401()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "clearline.session=forged");

        var response = await client.GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_BodyOverLimit_Returns413Problem()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "2048" });
        var organisation = await app.CreateOrganisationAsync();
        var key = await app.CreateApiKeyAsync(organisation);

        var response = await app.CreateClient(key).PostAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), new ByteArrayContent(new byte[4096]), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Api_OverRateLimit_Returns429ProblemWithRetryAfter()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Api:RequestsPerMinutePerKey"] = "3" });
        var organisation = await app.CreateOrganisationAsync();
        var client = app.CreateClient(await app.CreateApiKeyAsync(organisation));
        var other = app.CreateClient(await app.CreateApiKeyAsync(organisation));

        for (var i = 0; i < 3; i++)
        {
            await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), Ct));
        }

        var limited = await client.GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), Ct);
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
        await ProblemAssert.IsSuccessAsync(await other.GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), Ct));
    }
}
