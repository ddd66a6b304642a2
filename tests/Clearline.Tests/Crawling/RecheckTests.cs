using System.Net;
using System.Text.Json;
using Clearline.Database;
using Clearline.Media;
using Clearline.Media.Tests;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Crawling;

/// <summary>A content URL fetched again tells whether the same content is still online, changed, or gone.</summary>
public sealed class RecheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Recheck_ReportsPresentThenChangedThenGoneAfterConsecutiveFailures(DatabaseProvider provider)
    {
        await using var site = await BenignSite.StartAsync();
        var settings = CrawlPipelineTests.CrawlSettings();
        settings["Crawler:GoneAfterFailures"] = "2";
        var (app, client) = await CrawlPipelineTests.StartAsync(provider, settings);
        await using var appLifetime = app;
        var id = await client.SubmitAsync(site.Index);
        await client.WaitForCrawlAsync(id);
        var imageUrl = site.Site.Url("/img/a.png").AbsoluteUri;
        var urlId = (await client.UrlsAsync(id)).Single(u => u.GetProperty("url").GetString() == imageUrl).GetProperty("id").GetGuid();

        Assert.Equal("present", (await RecheckAsync(client, urlId)).GetProperty("outcome").GetString());

        // The same picture re-encoded as JPEG: other bytes, but the same content by PDQ.
        site.Replace("img/a.png", BenignImages.Encode(MediaFormat.Jpeg, 64, 48, 1));
        var similar = await RecheckAsync(client, urlId);
        Assert.Equal("present", similar.GetProperty("outcome").GetString());
        Assert.True(similar.GetProperty("pdqDistance").GetInt32() <= 31);

        site.Replace("img/a.png", BenignImages.Encode(MediaFormat.Png, 64, 48, 12345));
        Assert.Equal("changed", (await RecheckAsync(client, urlId)).GetProperty("outcome").GetString());

        site.Replace("img/a.png", null);
        var first = await RecheckAsync(client, urlId);
        Assert.Equal("unreachable", first.GetProperty("outcome").GetString());
        Assert.Equal(404, first.GetProperty("statusCode").GetInt32());
        var second = await RecheckAsync(client, urlId);
        Assert.Equal("gone", second.GetProperty("outcome").GetString());
        Assert.Equal(2, second.GetProperty("consecutiveFailures").GetInt32());
    }

    /// <summary>Asks for a re-check of the URL through the API and waits for its outcome.</summary>
    internal static async Task<JsonElement> RecheckAsync(ReportsClient client, Guid urlId)
    {
        var response = await client.Http.PostAsync(new Uri($"/api/v1/urls/{urlId}/recheck", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var recheckId = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var detail = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.Http.GetAsync(new Uri($"/api/v1/urls/{urlId}", UriKind.Relative), Ct))).RootElement;
            var recheck = detail.GetProperty("rechecks").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == recheckId);
            if (recheck.GetProperty("outcome").GetString() != "pending")
            {
                return recheck;
            }

            Assert.True(DateTime.UtcNow < deadline, "The re-check did not run in time.");
            await Task.Delay(100, Ct);
        }
    }
}
