using System.Net;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.HashLists.Export;

public sealed class ExportsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Export_StreamsAFileNamedForDownload_WithTheKeysOrganisationsJurisdiction(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var seed = await app.AsSystemAsync(ExportSeed.CreateAsync);
        using var client = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.Export));

        using var response = await client.GetAsync("/api/v1/exports/classifications?format=csv&verdict=National&verdict=Baseline&from=2026-01-01&to=2026-01-31", Ct);

        var body = await ProblemAssert.IsSuccessAsync(response);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Contains(seed.NationalDe.Md5, body, StringComparison.Ordinal);
        Assert.Contains(seed.Baseline.Md5, body, StringComparison.Ordinal);
        Assert.DoesNotContain(seed.NationalNl.Md5, body, StringComparison.Ordinal);
        Assert.DoesNotContain(seed.NotIllegal.Md5, body, StringComparison.Ordinal);
        Assert.DoesNotContain("://", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_WithoutTheExportScope_IsForbidden_BadFormatNamesTheField()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var hotline = await app.CreateOrganisationAsync();
        using var withoutScope = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.HashListsRead, ApiScopes.HashListsWrite));
        using var withScope = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.Export));

        await ProblemAssert.IsProblemAsync(await withoutScope.GetAsync("/api/v1/exports/classifications?format=vics", Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await app.CreateClient().GetAsync("/api/v1/exports/classifications?format=vics", Ct), HttpStatusCode.Unauthorized);
        var problem = await ProblemAssert.IsProblemAsync(await withScope.GetAsync("/api/v1/exports/classifications?format=xml", Ct), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _), problem.ToString());
        var verdict = await ProblemAssert.IsProblemAsync(await withScope.GetAsync("/api/v1/exports/classifications?format=csv&verdict=Illegal", Ct), HttpStatusCode.BadRequest);
        Assert.True(verdict.GetProperty("errors").TryGetProperty("verdict", out _), verdict.ToString());
    }
}
