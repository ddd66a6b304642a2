using System.Net;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Tenancy;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Tenancy;

public sealed class TenantIsolationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task GetApiKey_OtherTenantsId_Returns404(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var a = await app.CreateOrganisationAsync();
        var b = await app.CreateOrganisationAsync(country: "DE");
        var clientA = app.CreateClient(await app.CreateApiKeyAsync(a));
        var clientB = app.CreateClient(await app.CreateApiKeyAsync(b));
        var keysOfB = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await clientB.GetAsync(new Uri("/api/v1/api-keys", UriKind.Relative), Ct))).RootElement;
        var idOfB = keysOfB[0].GetProperty("id").GetGuid();

        var fromA = await clientA.GetAsync(new Uri($"/api/v1/api-keys/{idOfB}", UriKind.Relative), Ct);
        var fromB = await clientB.GetAsync(new Uri($"/api/v1/api-keys/{idOfB}", UriKind.Relative), Ct);

        await ProblemAssert.IsProblemAsync(fromA, HttpStatusCode.NotFound);
        await ProblemAssert.IsSuccessAsync(fromB);
    }

    [Theory]
    [BothDatabases]
    public async Task ListApiKeys_TwoTenants_EachSeesOnlyItsOwn(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var a = await app.CreateOrganisationAsync();
        var b = await app.CreateOrganisationAsync();
        var clientA = app.CreateClient(await app.CreateApiKeyAsync(a));
        await app.CreateApiKeyAsync(b);
        await app.CreateApiKeyAsync(b);

        var keys = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await clientA.GetAsync(new Uri("/api/v1/api-keys", UriKind.Relative), Ct))).RootElement;

        Assert.Equal(1, keys.GetArrayLength());
    }

    [Theory]
    [BothDatabases]
    public async Task QueryFilter_QueryWithoutWhere_ReturnsOnlyTheCurrentTenantsRows(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var a = await app.CreateOrganisationAsync();
        var b = await app.CreateOrganisationAsync();
        await app.CreateApiKeyAsync(a);
        await app.CreateApiKeyAsync(b);

        await using var scope = app.Services.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        var db = scope.ServiceProvider.GetRequiredService<ClearlineDbContext>();

        var nobody = await db.Set<ApiKey>().CountAsync(Ct);
        tenant.ActFor(a.Id);
        var forA = await db.Set<ApiKey>().Select(k => k.OrganisationId).ToListAsync(Ct);
        tenant.ActAsSystem();
        var all = await db.Set<ApiKey>().CountAsync(Ct);

        Assert.Equal(0, nobody);
        Assert.Equal([a.Id], forA);
        Assert.Equal(2, all);
    }
}
