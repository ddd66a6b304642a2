using System.Net;
using System.Text;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Api;

/// <summary>Bodies that do not bind answer 400 naming the field, in one place for every endpoint; enums bind by name only.</summary>
public sealed class RequestBindingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/hashlists", """{"name":"x","kind":3}""", "kind", "Industry")]
    [InlineData("/api/v1/hashlists", """{"name":"x","kind":"3"}""", "kind", "Industry")]
    [InlineData("/api/v1/hashlists", """{"name":"x","kind":"Industry","trust":1}""", "trust", "SuggestOnly")]
    [InlineData("/api/v1/hash-check", """{"hashes":[{"type":1,"value":"0123456789abcdef0123456789abcdef"}]}""", "hashes[0].type", "Md5")]
    [InlineData("/api/v1/reports", """{"url":"https://example.invalid/","siteType":2}""", "siteType", "Forum")]
    [InlineData("/api/v1/reports", """{"url":"https://example.invalid/","paymentMethods":["Visa",4]}""", "paymentMethods", "Visa")]
    public async Task Post_IntegerForAnEnum_Is400NamingTheFieldAndItsNames(string path, string body, string field, string aName)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Workers:Enabled"] = "false" });
        using var client = app.CreateClient(await app.CreateApiKeyAsync(
            await app.CreateOrganisationAsync(), ApiScopes.HashListsWrite, ApiScopes.HashesCheck, ApiScopes.ReportsWrite));

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(field, Assert.Single(errors.EnumerateObject()).Name);
        Assert.Contains(aName, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"hashes":[{"type":"md5","value":"0123456789abcdef0123456789abcdef","quality":"high"}]}""", "hashes[0].quality")]
    [InlineData("""{"hashes":"md5"}""", "hashes")]
    [InlineData("""{"hashes":[{"type":"md5","value":"0123456789abcdef0123456789abcdef"}""", "hashes")]
    public async Task Post_WrongTypeOrBrokenJson_Is400NamingWhereItWentWrong(string body, string field)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(), ApiScopes.HashesCheck));

        using var response = await client.PostAsync("/api/v1/hash-check", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(field, Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-25T08:00:00", "2026-11-25T08:00:00+00:00")]
    [InlineData("2026-11-25T08:00:00Z", "2026-11-25T08:00:00+00:00")]
    [InlineData("2026-11-25T09:00:00+01:00", "2026-11-25T09:00:00+01:00")]
    public async Task Post_ReceivedAtWithoutOffset_IsUtc(string sent, string stored)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Workers:Enabled"] = "false" });
        using var client = app.CreateClient(await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(), ApiScopes.ReportsWrite));
        var body = $$"""{"url":"https://example.invalid/board","receivedAt":"{{sent}}"}""";

        using var response = await client.PostAsync("/api/v1/reports", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var report = System.Text.Json.JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement;
        Assert.Equal(DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture), report.GetProperty("receivedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Post_ReceivedAtNotADate_Is400NamingIt()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Workers:Enabled"] = "false" });
        using var client = app.CreateClient(await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(), ApiScopes.ReportsWrite));

        using var response = await client.PostAsync(
            "/api/v1/reports", new StringContent("""{"url":"https://example.invalid/board","receivedAt":"yesterday"}""", Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("receivedAt", Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name);
    }
}
