using System.Net;
using System.Text.Json;
using Clearline.Database;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Reports;

/// <summary>A URL the network already has links the new report to the first one, across hotlines, and is not crawled again.</summary>
public sealed class DeduplicationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Submit_UrlAnotherHotlineReported_IsLinkedToItsFirstReport_WithoutASecondCrawl(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (first, firstClient) = await IntakeApp.HotlineAsync(app, "NL");
        var (_, secondClient) = await IntakeApp.HotlineAsync(app, "DE");

        var original = await IntakeApp.SubmitAsync(firstClient, new { url = "https://forum.example.invalid/thread/7", memo = "first hotline's private memo" });
        Assert.Equal(JsonValueKind.Null, original.GetProperty("duplicateOf").ValueKind);
        var duplicate = await IntakeApp.SubmitAsync(secondClient, new { url = "HTTPS://Forum.Example.Invalid:443/thread/7#comments" });

        var link = duplicate.GetProperty("duplicateOf");
        Assert.Equal(original.GetProperty("id").GetGuid(), link.GetProperty("reportId").GetGuid());
        Assert.Equal(first.Name, link.GetProperty("reportedBy").GetString());
        // PostgreSQL keeps microseconds; the first answer had the clock's ticks.
        Assert.Equal(original.GetProperty("createdAt").GetDateTimeOffset(), link.GetProperty("reportedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(JsonValueKind.Null, duplicate.GetProperty("crawl").ValueKind);
        Assert.DoesNotContain("private memo", duplicate.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await IntakeApp.CrawlCountAsync(app));

        // The link is kept: the duplicate's own GET shows it, and the first report itself stays the other hotline's.
        var again = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await secondClient.GetAsync(new Uri($"/api/v1/reports/{duplicate.GetProperty("id")}", UriKind.Relative), Ct))).RootElement;
        Assert.Equal(first.Name, again.GetProperty("duplicateOf").GetProperty("reportedBy").GetString());
        using var hidden = await secondClient.GetAsync(new Uri($"/api/v1/reports/{original.GetProperty("id")}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Theory]
    [BothDatabases]
    public async Task Submit_SpellingsOfOneUrl_AreDuplicates_AndAnotherPathIsNot(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (hotline, client) = await IntakeApp.HotlineAsync(app);
        var original = await IntakeApp.SubmitAsync(client, new { url = "http://images.example.invalid/gallery/c?page=2" });
        var firstId = original.GetProperty("id").GetGuid();

        string[] spellings =
        [
            "http://images.example.invalid/gallery/c?page=2#top",            // fragment
            "http://IMAGES.Example.INVALID/gallery/c?page=2",                // host case
            "http://images.example.invalid:80/gallery/c?page=2",             // default port
            "http://images.example.invalid/gallery/a/../b/./../c?page=2",    // dot-segments
            "http://images.example.invalid./gallery/c?page=2&PHPSESSID=abc", // trailing dot, session id
            "http://images.example.invalid/gallery/%63?page=2",              // escaped unreserved character
        ];
        foreach (var spelling in spellings)
        {
            var duplicate = await IntakeApp.SubmitAsync(client, new { url = spelling });
            var link = duplicate.GetProperty("duplicateOf");
            Assert.True(link.ValueKind == JsonValueKind.Object, $"{spelling} was not a duplicate: {duplicate}");
            Assert.Equal(firstId, link.GetProperty("reportId").GetGuid());
            Assert.Equal(hotline.Name, link.GetProperty("reportedBy").GetString());
            Assert.Equal(spelling, duplicate.GetProperty("url").GetString());
        }

        string[] different =
        [
            "http://images.example.invalid/gallery/d?page=2",
            "http://images.example.invalid/gallery/c?page=3",
            "https://images.example.invalid/gallery/c?page=2",
            "http://images.example.invalid:8080/gallery/c?page=2",
        ];
        foreach (var url in different)
        {
            var report = await IntakeApp.SubmitAsync(client, new { url });
            Assert.Equal(JsonValueKind.Null, report.GetProperty("duplicateOf").ValueKind);
            Assert.Equal("queued", report.GetProperty("crawl").GetProperty("state").GetString());
        }

        Assert.Equal(1 + different.Length, await IntakeApp.CrawlCountAsync(app));
    }

    [Theory]
    [BothDatabases]
    public async Task Submit_SameUrlInParallelFromTwoHotlines_EndsWithOneFirstReportAndOneCrawl(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            clients.Add((await IntakeApp.HotlineAsync(app)).Client);
        }

        var reports = await Task.WhenAll(clients.Select(c => IntakeApp.SubmitAsync(c, new { url = "https://race.example.invalid/" })));

        Assert.Single(reports, r => r.GetProperty("duplicateOf").ValueKind == JsonValueKind.Null);
        Assert.Equal(1, await IntakeApp.CrawlCountAsync(app));
    }
}
