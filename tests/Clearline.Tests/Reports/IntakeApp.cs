using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Reports;

/// <summary>A test app with workers off (nothing is crawled) and intent methods for intake tests.</summary>
internal static class IntakeApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<ClearlineTestApp> StartAsync(DatabaseProvider provider) =>
        ClearlineTestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Workers:Enabled"] = "false",
            ["Api:SignInAttemptsPerMinutePerAddress"] = "10000",
        });

    /// <summary>A hotline and an HTTP client holding a key that may read and write its reports.</summary>
    public static async Task<(Organisation Hotline, HttpClient Client)> HotlineAsync(ClearlineTestApp app, string country = "NL")
    {
        var hotline = await app.CreateOrganisationAsync(country: country);
        return (hotline, app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.ReportsRead, ApiScopes.ReportsWrite)));
    }

    /// <summary>Posts a report and returns the response body (the submission must succeed).</summary>
    public static async Task<JsonElement> SubmitAsync(HttpClient client, object body) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.PostAsJsonAsync("/api/v1/reports", body, Ct))).RootElement;

    public static Task<int> CrawlCountAsync(ClearlineTestApp app) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Crawl>().CountAsync(Ct));
}
