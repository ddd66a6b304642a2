using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Clearline.Cluster;

/// <summary>
/// Federation between two Clearline instances, each one <c>clearline serve</c> process with its own database and
/// keys, on loopback (docs/exchange.md): A publishes what its analysts decide; B follows A's feed, through a relay,
/// into a list of its coordinator's, and classifies with it what B's hotline crawls; then A follows B's feed too.
/// </summary>
/// <remarks>
/// A keeps the embedded SQLite; B uses PostgreSQL when <c>CLEARLINE_TEST_POSTGRES</c> names a server (as under
/// <c>.ci/run</c>), SQLite otherwise, so the feed is read across the two providers in CI.
/// </remarks>
public sealed class FederationTests
{
    /// <summary>Site pages; each shows its own image and one of the shared URLs, so A decides on pages + 1 items.</summary>
    private const int SitePages = 30;

    /// <summary>A's feed page size: small, so B's first sync takes several pages and can be killed in their middle.</summary>
    private const int FeedPageSize = 4;

    /// <summary>The feed request the relay holds while B is killed: the pages before it are applied.</summary>
    private const int HeldRequest = 4;

    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Category", "LongRunning")]
    public async Task TwoInstances_SubscriberClassifiesWhatThePublisherDecided_RefusesTampering_ResumesAfterAKillWithoutDuplicates_AndFollowsBack()
    {
        var watch = Stopwatch.StartNew();
        var root = Directory.CreateTempSubdirectory("clearline-federation-").FullName;
        await using var site = await ClusterSite.StartAsync(SitePages);
        var instances = new List<FederationInstance>();
        FeedRelay? relay = null;
        var passed = false;
        try
        {
            var a = await FederationInstance.CreateAsync("A", root, null, Settings(("Federation__FeedPageSize", FeedPageSize.ToString(CultureInfo.InvariantCulture))), Ct);
            instances.Add(a);
            var b = await FederationInstance.CreateAsync("B", root, ClusterDatabase.Server, Settings(("Federation__SyncInterval", "00:00:02")), Ct);
            instances.Add(b);
            await RunScenarioAsync(a, b, site, watch, started => relay = started);
            passed = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\nlogs in {root}:\n{string.Concat(instances.Select(i => i.Tails()))}", ex);
        }
        finally
        {
            if (relay is not null)
            {
                await relay.DisposeAsync();
            }

            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }

            if (passed)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task RunScenarioAsync(FederationInstance a, FederationInstance b, ClusterSite site, Stopwatch watch, Action<FeedRelay> relayStarted)
    {
        // A: a hotline whose analysts decide, and the key A's operator issues to B for reading the feed.
        var hotlineA = await a.CreateKeyAsync("Hotline A", "Hotline", "NL", Ct, "reports:read", "reports:write", "assessment:read", "assessment:write");
        var feedKey = await a.CreateKeyAsync("Instance B", "Hotline", "DE", Ct, "federation:feed");
        // B: the coordinator who subscribes, a hotline that crawls, and the key B issues to A (the other way round).
        var coordinatorKey = await b.CreateKeyAsync("Coordinator B", "Coordinator", null, Ct, "hashlists:read", "hashlists:write");
        var hotlineB = await b.CreateKeyAsync("Hotline B", "Hotline", "DE", Ct, "reports:read", "reports:write", "assessment:read", "assessment:write");
        var feedKeyOfB = await b.CreateKeyAsync("Instance A", "Hotline", "NL", Ct, "federation:feed");
        var coordinatorA = await a.CreateKeyAsync("Coordinator A", "Coordinator", null, Ct, "hashlists:read", "hashlists:write");
        await a.StartAsync(Ct);
        Progress(watch, $"A up ({a.DatabaseDescription})");

        // A crawls the site and its analysts classify every item Baseline.
        List<string> items;
        Dictionary<string, Guid> decisions;
        using (var analyst = a.Client(hotlineA))
        {
            var report = await SubmitAsync(analyst, site.Index);
            await WaitForCrawlAsync(analyst, report, watch);
            items = await MediaOfAsync(analyst, report);
            Assert.True(items.ToHashSet(StringComparer.Ordinal).SetEquals(site.ImageSha256.Append(site.SharedSha256)), "A's crawl did not find every image of the site");
            decisions = await ClassifyAsync(analyst, [.. items.Select(sha256 => new ClassifyItem(sha256, "Baseline", "none", "Pubescent", "Male", ["UserGenerated"]))]);
        }

        Progress(watch, $"A crawled the site and classified {items.Count} items Baseline");

        string publicKeyPem;
        using (var reader = a.Client(feedKey))
        {
            publicKeyPem = (await JsonAsync(reader, "/api/v1/federation/publisher")).GetProperty("publicKeyPem").GetString()!;
        }

        var relay = await FeedRelay.StartAsync(a.Address, Ct);
        relayStarted(relay);
        relay.HoldRequest = HeldRequest;
        await b.StartAsync(Ct);
        Progress(watch, $"B up ({b.DatabaseDescription}); the relay will hold feed request {HeldRequest}");

        // B's coordinator follows A's feed into an automatic list; the first sync starts at once.
        Guid list, subscription;
        using (var coordinator = b.Client(coordinatorKey))
        {
            list = (await PostAsync(coordinator, "/api/v1/hashlists", new
            {
                name = "Network A", source = "Clearline A", kind = "HotlineNetwork", trust = "AutoClassify", visibility = "Network", scheme = "Clearline",
            })).GetProperty("id").GetGuid();
            subscription = (await PostAsync(coordinator, "/api/v1/federation/subscriptions", new
            {
                hashListId = list, feedUrl = relay.FeedUrl.AbsoluteUri, publicKeyPem, apiKey = feedKey,
            })).GetProperty("id").GetGuid();
        }

        // Killed mid-sync: the pages before the held one are applied, the rest are not.
        await relay.Held.WaitAsync(Remaining(watch), Ct);
        var midway = await SubscriptionAsync(b, coordinatorKey, subscription);
        Assert.Equal((HeldRequest - 1) * FeedPageSize, midway.GetProperty("entriesReceived").GetInt64());
        await b.KillAndRestartAsync(Ct);
        relay.Release();
        Progress(watch, $"SIGKILLed B with {midway.GetProperty("entriesReceived")} of {items.Count} entries applied, restarted it");

        var caughtUp = await WaitForSubscriptionAsync(b, coordinatorKey, subscription, watch, "caught up after the restart",
            s => s.GetProperty("entriesReceived").GetInt64() == items.Count && s.GetProperty("caughtUpAt").ValueKind != JsonValueKind.Null);
        Assert.Equal("Active", caughtUp.GetProperty("state").GetString());
        var entries = await EntriesAsync(b, coordinatorKey, list);
        Assert.Equal(items.Count, entries.Count);
        Assert.True(entries.Select(e => e.Sha256).ToHashSet(StringComparer.Ordinal).SetEquals(items), "B's list is not A's decisions");
        Assert.All(entries, e => Assert.Equal(("Baseline", false), (e.Category, e.Tombstoned)));
        Progress(watch, $"B resumed and caught up: {entries.Count} entries, none twice ({relay.Requests} feed requests)");

        // B's hotline crawls the same site: every item is classified by the list, none waits for an analyst.
        using (var analyst = b.Client(hotlineB))
        {
            var report = await SubmitAsync(analyst, site.Index);
            await WaitForCrawlAsync(analyst, report, watch);
            foreach (var sha256 in items)
            {
                var current = await WaitForCurrentAsync(analyst, sha256, watch);
                Assert.Equal(("Baseline", "KnownMaterial", list), (current.GetProperty("verdict").GetString(),
                    current.GetProperty("source").GetString(), current.GetProperty("hashListId").GetGuid()));
                Assert.Equal(("Pubescent", "Male", "UserGenerated"), (current.GetProperty("ageGroup").GetString(),
                    current.GetProperty("gender").GetString(), current.GetProperty("flags").GetString()));
            }

            Assert.Empty((await JsonAsync(analyst, "/api/v1/assessment/queue")).GetProperty("items").EnumerateArray());
        }

        Progress(watch, $"B crawled the site: {items.Count} items classified Baseline by A's feed, with A's age group, gender and flags; B's queue empty");

        // A's analyst changes their mind on one item while the relay alters the pages: B refuses the page and says why.
        relay.Tamper = true;
        var changed = items[0];
        using (var analyst = a.Client(hotlineA))
        {
            await ClassifyAsync(analyst, [new ClassifyItem(changed, "NotIllegal", decisions[changed].ToString())]);
        }

        var refused = await WaitForSubscriptionAsync(b, coordinatorKey, subscription, watch, "refused the altered page",
            s => s.GetProperty("state").GetString() == "Failing");
        Assert.StartsWith("Refused: the page's signature does not verify", refused.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(caughtUp.GetProperty("cursor").GetString(), refused.GetProperty("cursor").GetString());
        Assert.Equal(items.Count, (await EntriesAsync(b, coordinatorKey, list)).Count(e => !e.Tombstoned));
        Progress(watch, $"B refused the altered page: {refused.GetProperty("lastError").GetString()}");

        // The path heals: the withdrawal arrives, B's copy is tombstoned and its automatic decision withdrawn.
        relay.Tamper = false;
        var healed = await WaitForSubscriptionAsync(b, coordinatorKey, subscription, watch, "applied the withdrawal",
            s => s.GetProperty("withdrawalsReceived").GetInt64() == 1);
        Assert.Equal(("Active", JsonValueKind.Null), (healed.GetProperty("state").GetString(), healed.GetProperty("lastError").ValueKind));
        entries = await EntriesAsync(b, coordinatorKey, list);
        var withdrawn = Assert.Single(entries, e => e.Tombstoned);
        Assert.Equal((changed, "Withdrawn by the publisher's federation feed."), (withdrawn.Sha256, withdrawn.TombstoneReason));
        Assert.Equal("NotIllegal", Assert.Single(entries, e => e.Sha256 == changed && !e.Tombstoned).Category);
        using (var analyst = b.Client(hotlineB))
        {
            Assert.Null(await CurrentAsync(analyst, changed));
        }

        Progress(watch, "A withdrew one decision: B tombstoned its copy and withdrew its automatic decision");

        // Two-way: the item is back in B's queue and B's analyst decides it. A follows B's feed and receives that
        // decision only: B's automatic decisions (A's own, come back) are not published, so nothing echoes.
        using (var analyst = b.Client(hotlineB))
        {
            Assert.Contains(changed, (await JsonAsync(analyst, "/api/v1/assessment/queue")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sha256").GetString()));
            await ClassifyAsync(analyst, [new ClassifyItem(changed, "Baseline", "none")]);
        }

        string keyOfB;
        using (var reader = b.Client(feedKeyOfB))
        {
            keyOfB = (await JsonAsync(reader, "/api/v1/federation/publisher")).GetProperty("publicKeyPem").GetString()!;
        }

        Guid listOfA, subscriptionOfA;
        using (var coordinator = a.Client(coordinatorA))
        {
            listOfA = (await PostAsync(coordinator, "/api/v1/hashlists", new
            {
                name = "Network B", source = "Clearline B", kind = "HotlineNetwork", trust = "SuggestOnly", visibility = "Network", scheme = "Clearline",
            })).GetProperty("id").GetGuid();
            subscriptionOfA = (await PostAsync(coordinator, "/api/v1/federation/subscriptions", new
            {
                hashListId = listOfA, feedUrl = new Uri(b.Address, "/api/v1/federation/feed").AbsoluteUri, publicKeyPem = keyOfB, apiKey = feedKeyOfB,
            })).GetProperty("id").GetGuid();
        }

        await WaitForSubscriptionAsync(a, coordinatorA, subscriptionOfA, watch, "caught up with B's feed",
            s => s.GetProperty("caughtUpAt").ValueKind != JsonValueKind.Null);
        var fromB = Assert.Single(await EntriesAsync(a, coordinatorA, listOfA));
        Assert.Equal((changed, "Baseline", false), (fromB.Sha256, fromB.Category, fromB.Tombstoned));
        Progress(watch, "B's analyst decided the item; A, following B's feed, received that one decision and none of B's automatic ones");

        foreach (var instance in new[] { a, b })
        {
            await instance.StopAsync();
            await instance.RunAsync(Ct, "audit", "verify");
        }

        Progress(watch, "both stopped; both audit chains verify");
    }

    private sealed record ClassifyItem(string Sha256, string Verdict, string ExpectedCurrentId, string? AgeGroup = null, string? Gender = null, string[]? Flags = null);

    private sealed record Entry(string Sha256, string? Category, bool Tombstoned, string? TombstoneReason);

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["CLEARLINE__Crawler__MaxDepth"] = "3",
            ["CLEARLINE__Crawler__MaxPages"] = "200",
            ["CLEARLINE__Crawler__MaxMedia"] = "200",
        };
        foreach (var (key, value) in settings)
        {
            environment["CLEARLINE__" + key] = value;
        }

        return environment;
    }

    private static async Task<Guid> SubmitAsync(HttpClient client, Uri url) =>
        (await PostAsync(client, "/api/v1/reports", new { url = url.AbsoluteUri })).GetProperty("id").GetGuid();

    private static async Task WaitForCrawlAsync(HttpClient client, Guid report, Stopwatch watch)
    {
        while (true)
        {
            var crawl = (await JsonAsync(client, $"/api/v1/reports/{report}")).GetProperty("crawl");
            var state = crawl.GetProperty("state").GetString();
            if (state is "completed" or "failed")
            {
                Assert.True(state == "completed", $"The crawl of report {report} failed: {crawl}");
                return;
            }

            await PauseAsync(watch, $"the crawl of report {report} to finish");
        }
    }

    /// <summary>The addresses of the report's media, every page of them.</summary>
    private static async Task<List<string>> MediaOfAsync(HttpClient client, Guid report)
    {
        var items = new List<string>();
        string? cursor = null;
        do
        {
            var page = await JsonAsync(client, $"/api/v1/reports/{report}/media" + (cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}"));
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sha256").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    /// <summary>Classifies in batches of the API's size; every item must be classified. Returns each item's decision id.</summary>
    private static async Task<Dictionary<string, Guid>> ClassifyAsync(HttpClient client, ClassifyItem[] items)
    {
        var decisions = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var batch in items.Chunk(100))
        {
            var results = (await PostAsync(client, "/api/v1/assessment/classifications", new { items = batch })).GetProperty("results");
            foreach (var result in results.EnumerateArray())
            {
                Assert.True(result.GetProperty("status").GetString() == "classified", result.ToString());
                decisions[result.GetProperty("sha256").GetString()!] = result.GetProperty("classification").GetProperty("id").GetGuid();
            }
        }

        return decisions;
    }

    private static async Task<JsonElement> SubscriptionAsync(FederationInstance instance, string key, Guid subscription)
    {
        using var client = instance.Client(key);
        return await JsonAsync(client, $"/api/v1/federation/subscriptions/{subscription}");
    }

    private static async Task<JsonElement> WaitForSubscriptionAsync(
        FederationInstance instance, string key, Guid subscription, Stopwatch watch, string what, Func<JsonElement, bool> done)
    {
        while (true)
        {
            var state = await SubscriptionAsync(instance, key, subscription);
            if (done(state))
            {
                return state;
            }

            await PauseAsync(watch, $"the subscription to have {what} (now {state})");
        }
    }

    /// <summary>Every entry of the list, live and tombstoned.</summary>
    private static async Task<List<Entry>> EntriesAsync(FederationInstance instance, string key, Guid list)
    {
        using var client = instance.Client(key);
        var entries = new List<Entry>();
        string? cursor = null;
        do
        {
            var page = await JsonAsync(client, $"/api/v1/hashlists/{list}/entries?limit=100" + (cursor is null ? "" : $"&cursor={cursor}"));
            entries.AddRange(page.GetProperty("items").EnumerateArray().Select(e => new Entry(
                e.GetProperty("sha256").GetString()!, e.GetProperty("category").GetString(),
                e.GetProperty("tombstonedAt").ValueKind != JsonValueKind.Null, e.GetProperty("tombstoneReason").GetString())));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return entries;
    }

    /// <summary>The item's decision in force, as the hotline sees it, or null.</summary>
    private static async Task<JsonElement?> CurrentAsync(HttpClient client, string sha256)
    {
        var history = await JsonAsync(client, $"/api/v1/media/{sha256}/classifications");
        return history.EnumerateArray().Where(c => c.GetProperty("isCurrent").GetBoolean()).Select(c => (JsonElement?)c).SingleOrDefault();
    }

    private static async Task<JsonElement> WaitForCurrentAsync(HttpClient client, string sha256, Stopwatch watch)
    {
        while (true)
        {
            if (await CurrentAsync(client, sha256) is { } current)
            {
                return current;
            }

            await PauseAsync(watch, $"item {sha256} to be classified");
        }
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static TimeSpan Remaining(Stopwatch watch) => Budget - watch.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    private static async Task PauseAsync(Stopwatch watch, string waitingFor)
    {
        Assert.True(watch.Elapsed < Budget, $"Waited {Budget.TotalMinutes} minutes for {waitingFor}.");
        await Task.Delay(250, Ct);
    }

    private static void Progress(Stopwatch watch, string message) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{watch.Elapsed.TotalSeconds,6:F1} s  {message}");
}
