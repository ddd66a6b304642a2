using System.Net;
using System.Text.Json;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// The triage queue's transparent score: known Baseline material first, then National, many unknown media, few,
/// nothing found or offline; the older report first among equal points; a URL still being checked is ranked by what
/// is known so far and marked. A URL the network already had is scored from its first report's crawl.
/// </summary>
public sealed class TriageQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Queue_IsOrderedByScore_WithReasons_OlderFirstAmongEquals(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var (hotline, client) = await TriageSeed.HotlineAsync(app);
        var (other, otherClient) = await Reports.IntakeApp.HotlineAsync(app, "DE");

        // The network had this URL already (another hotline's report, whose crawl found an item on a Baseline list).
        const string Known = "https://known.example.invalid/gallery";
        await Reports.IntakeApp.SubmitAsync(otherClient, new { url = Known });
        var knownItems = await TriageSeed.CrawledAsync(app, other.Id, Known, CrawlState.Completed, media: 1);
        await TriageSeed.OnBaselineListAsync(app, knownItems[0]);

        // Reported in this order, so the first is the oldest.
        const string Offline = "https://offline.example.invalid/";
        const string Empty = "https://empty.example.invalid/";
        const string Few = "https://few.example.invalid/";
        const string Checking = "https://checking.example.invalid/";
        const string Many = "https://many.example.invalid/";
        const string National = "https://national.example.invalid/";
        await TriageSeed.ReportAsync(client, Offline, Empty);
        await TriageSeed.ReportAsync(client, Few);
        await TriageSeed.ReportAsync(client, Checking, Many);
        await TriageSeed.ReportAsync(client, National, Known);

        await TriageSeed.CrawledAsync(app, hotline.Id, Offline, CrawlState.Failed, media: 0, page: UrlFetchState.Failed);
        await TriageSeed.CrawledAsync(app, hotline.Id, Empty, CrawlState.Completed, media: 0);
        await TriageSeed.CrawledAsync(app, hotline.Id, Few, CrawlState.Completed, media: 2);
        await TriageSeed.CrawledAsync(app, hotline.Id, Checking, CrawlState.Crawling, media: 1);
        var many = await TriageSeed.CrawledAsync(app, hotline.Id, Many, CrawlState.Completed, media: 12);
        var national = await TriageSeed.CrawledAsync(app, hotline.Id, National, CrawlState.Completed, media: 2);
        await TriageSeed.DecidedAsync(app, national[0], Verdict.National, "NL");
        await TriageSeed.DecidedAsync(app, many[0], Verdict.NotIllegal, jurisdiction: null);

        var queue = await QueueAsync(client);

        Assert.Equal([Known, National, Many, Few, Checking, Offline, Empty], queue.Select(e => e.GetProperty("url").GetString()));
        Assert.Equal(["KnownBaseline", "KnownNational", "ManyUnknownMedia", "FewUnknownMedia", "FewUnknownMedia", "Offline", "NothingFound"],
            queue.Select(e => e.GetProperty("standing").GetString()));
        Assert.Equal([601, 501, 411, 302, 301, 0, 0], queue.Select(e => e.GetProperty("score").GetInt32()));
        Assert.True(queue[0].GetProperty("alreadyKnown").GetBoolean());
        Assert.Contains("1 item known as Baseline material.", Reasons(queue[0]));
        Assert.Contains("1 item known as National material.", Reasons(queue[1]));
        Assert.Contains("1 medium not known to any list or decision (few: 10 or more is many).", Reasons(queue[1]));
        Assert.Contains("11 media not known to any list or decision (many: 10 or more is many).", Reasons(queue[2]));
        Assert.Contains("1 item decided not illegal.", Reasons(queue[2]));
        Assert.True(queue[4].GetProperty("crawl").GetProperty("checking").GetBoolean());
        Assert.Contains("Still being checked: 1 of 1 URLs fetched so far.", Reasons(queue[4]));
        Assert.Contains("Offline: the crawl failed.", Reasons(queue[5]));
        Assert.Contains("Nothing found: the crawl found no media.", Reasons(queue[6]));
        Assert.Equal("pictures of a cat", queue[6].GetProperty("whatSeen").GetString());
        Assert.Equal(12, queue[2].GetProperty("crawl").GetProperty("media").GetInt32());
    }

    [Theory]
    [BothDatabases]
    public async Task Queue_WithNothingCrawledYet_ShowsEachUrlAsChecking(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var (_, client) = await TriageSeed.HotlineAsync(app);
        await TriageSeed.ReportAsync(client, "https://first.example.invalid/", "https://second.example.invalid/");

        var queue = await QueueAsync(client);

        Assert.Equal(["https://first.example.invalid/", "https://second.example.invalid/"], queue.Select(e => e.GetProperty("url").GetString()));
        Assert.All(queue, e => Assert.Equal(("NotKnownYet", true), (e.GetProperty("standing").GetString(), e.GetProperty("crawl").GetProperty("checking").GetBoolean())));
    }

    [Theory]
    [BothDatabases]
    public async Task Queue_OfAnotherHotline_IsNotShown(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var (_, client) = await TriageSeed.HotlineAsync(app);
        var (_, otherClient) = await TriageSeed.HotlineAsync(app, "DE");
        await TriageSeed.ReportAsync(client, "https://mine.example.invalid/");

        Assert.Single(await QueueAsync(client));
        Assert.Empty(await QueueAsync(otherClient));
    }

    private static async Task<List<JsonElement>> QueueAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/api/v1/triage", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement.EnumerateArray()];
    }

    private static List<string?> Reasons(JsonElement entry) => [.. entry.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())];
}
