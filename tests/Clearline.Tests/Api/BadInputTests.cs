using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Clearline.Api;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Api;

/// <summary>Bad input never gives a 500: text that is not UTF-8 names its field, another content type is a 415 problem.</summary>
public sealed class BadInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/reports", "{\"url\":\"https://example.invalid/\u00FF\"}", "url")]
    [InlineData("/api/v1/reports", "{\"url\":\"https://example.invalid/\\uD800\"}", "url")]
    [InlineData("/api/v1/reports", "{\"url\":\"https://example.invalid/\",\"memo\":\"a\\uDC00b\"}", "memo")]
    [InlineData("/api/v1/hash-check", "{\"hashes\":[{\"type\":\"md5\",\"value\":\"\u00FF\"}]}", "hashes[0].value")]
    [InlineData("/api/v1/hashlists", "{\"name\":\"\u00FF\",\"kind\":\"Industry\"}", "name")]
    [InlineData("/api/v1/hashlists", "{\"name\":\"x\\uD83D\",\"kind\":\"Industry\"}", "name")]
    public async Task Post_InvalidUtf8OrLoneSurrogate_Is400NamingTheField(string path, string body, string field)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Workers:Enabled"] = "false" });
        using var client = app.CreateClient(await app.CreateApiKeyAsync(
            await app.CreateOrganisationAsync(), ApiScopes.HashListsWrite, ApiScopes.HashesCheck, ApiScopes.ReportsWrite));
        // U+00FF in the test data stands for the single byte 0xFF, which is never UTF-8.
        var bytes = Encoding.UTF8.GetBytes(body.Replace("\u00FF", "#FF#", StringComparison.Ordinal)).ToList();
        var at = IndexOf(bytes, "#FF#"u8.ToArray());
        if (at >= 0)
        {
            bytes.RemoveRange(at, 4);
            bytes.InsertRange(at, [0xFF, 0xC3]);
        }

        using var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(path, content, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(field, Assert.Single(errors.EnumerateObject()).Name);
        Assert.Equal(RequestBindingProblems.InvalidText, errors.GetProperty(field)[0].GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_NotJson_Is415Problem_NotTheSignInPage(string contentType)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Workers:Enabled"] = "false" });
        var key = await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(), ApiScopes.ReportsWrite, ApiScopes.HashesCheck);

        foreach (var client in new[] { app.CreateClient(key), app.CreateClient() })
        {
            using (client)
            {
                foreach (var path in new[] { "/api/v1/reports", "/api/v1/hash-check" })
                {
                    using var content = new StringContent("url=https://example.invalid/", Encoding.UTF8, contentType);
                    using var response = await client.PostAsync(path, content, Ct);
                    await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
                }
            }
        }
    }

    [Theory]
    [InlineData("https://example.invalid/a\u0000b")]
    [InlineData("https://example.invalid/a\r\nHost: evil.invalid")]
    [InlineData("https://example.invalid/a\nb")]
    [InlineData("https://exa\tmple.invalid/")]
    public async Task Post_UrlWithControlCharacters_Is400OnUrl(string url)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Workers:Enabled"] = "false" });
        using var client = app.CreateClient(await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(), ApiScopes.ReportsWrite));

        using var response = await client.PostAsync("/api/v1/reports", JsonContent(new { url }), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.ToString());
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static int IndexOf(List<byte> bytes, byte[] pattern)
    {
        for (var i = 0; i + pattern.Length <= bytes.Count; i++)
        {
            if (bytes.Skip(i).Take(pattern.Length).SequenceEqual(pattern))
            {
                return i;
            }
        }

        return -1;
    }
}
