using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Exchange.Federation;
using Clearline.Media.Tests;
using Clearline.Organisations;
using Clearline.Tests.Classification;
using Clearline.Tests.Crawling.TestSites;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Exchange.Federation;

/// <summary>What the loopback site between the two instances does to the publisher's answers.</summary>
internal enum Relay
{
    Faithful,

    /// <summary>Changes a verdict inside the signed page and passes the signature on unchanged.</summary>
    Tampered,

    /// <summary>Answers 503, as a publisher that is down.</summary>
    Down,
}

/// <summary>
/// Two Clearline instances: A publishes its feed, B follows it into a list of its coordinator's. B reaches A through a
/// real HTTP site on 127.0.0.1 that relays to A (and can alter or drop its answers); workers are off on both, so a
/// test runs B's sync itself and sees each step.
/// </summary>
internal sealed class FederationWorld : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly LocalSite _relay;

    private FederationWorld(AssessmentNetwork publisher, AssessmentNetwork subscriber, LocalSite relay, Analyst analyst, HttpClient coordinator, string feedKey)
    {
        Publisher = publisher;
        Subscriber = subscriber;
        _relay = relay;
        Analyst = analyst;
        Coordinator = coordinator;
        FeedKey = feedKey;
    }

    /// <summary>Instance A.</summary>
    public AssessmentNetwork Publisher { get; }

    /// <summary>Instance B.</summary>
    public AssessmentNetwork Subscriber { get; }

    /// <summary>A hotline analyst on A (NL).</summary>
    public Analyst Analyst { get; }

    /// <summary>B's coordinator, with the hash-list scopes.</summary>
    public HttpClient Coordinator { get; }

    /// <summary>The key A issued to B (federation:feed, a hotline of A in NL).</summary>
    public string FeedKey { get; }

    public Relay Relay { get; set; } = Relay.Faithful;

    /// <summary>After this many more pages relayed, the relay goes <see cref="Relay.Down"/> (null: never).</summary>
    public int? PagesUntilDown { get; set; }

    public Uri FeedUrl => _relay.Url("/api/v1/federation/feed");

    public static async Task<FederationWorld> StartAsync(DatabaseProvider provider, int pageSize = 500)
    {
        var settings = new Dictionary<string, string?> { ["Workers:Enabled"] = "false", ["Federation:FeedPageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var publisher = await AssessmentNetwork.StartAsync(provider, settings);
        var subscriber = await AssessmentNetwork.StartAsync(provider, settings);
        var analyst = await publisher.JoinAsync("NL");
        var reader = await publisher.App.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var feedKey = await publisher.App.CreateApiKeyAsync(reader, ApiScopes.FederationFeed);
        var coordinator = await subscriber.App.CreateOrganisationAsync(OrganisationKind.Coordinator);
        var coordinatorClient = subscriber.App.CreateClient(await subscriber.App.CreateApiKeyAsync(coordinator, ApiScopes.HashListsRead, ApiScopes.HashListsWrite));
        FederationWorld? world = null;
        var relay = await LocalSite.StartAsync(app => app.MapGet("/api/v1/federation/feed", (HttpContext context) => world!.RelayAsync(context)));
        world = new FederationWorld(publisher, subscriber, relay, analyst, coordinatorClient, feedKey);
        return world;
    }

    /// <summary>An item of A's, found and classified Baseline by <see cref="Analyst"/>; its address.</summary>
    public async Task<string> DecidedBaselineAsync(int seed)
    {
        var sha256 = await Publisher.FoundAsync(BenignImages.SceneJpeg(64, 64, seed), Analyst);
        await Analyst.DecideAsync(sha256, "Baseline");
        return sha256;
    }

    /// <summary>A's public key, as B's operator pins it.</summary>
    public async Task<string> PublisherKeyAsync()
    {
        using var client = Publisher.App.CreateClient(FeedKey);
        var publisher = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri("/api/v1/federation/publisher", UriKind.Relative), Ct))).RootElement;
        return publisher.GetProperty("publicKeyPem").GetString()!;
    }

    /// <summary>B's coordinator makes an automatic list in the Clearline scheme and subscribes it to A's feed; returns (list, subscription).</summary>
    public async Task<(Guid List, Guid Subscription)> SubscribeAsync()
    {
        using var created = await Coordinator.PostAsJsonAsync("/api/v1/hashlists", new
        {
            name = $"Network A {Guid.NewGuid():N}", source = "Clearline A", kind = "HotlineNetwork", trust = "AutoClassify", visibility = "Network", scheme = "Clearline",
        }, Ct);
        var list = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(created)).RootElement.GetProperty("id").GetGuid();
        using var subscribed = await Coordinator.PostAsJsonAsync("/api/v1/federation/subscriptions", new
        {
            hashListId = list, feedUrl = FeedUrl.ToString(), publicKeyPem = await PublisherKeyAsync(), apiKey = FeedKey,
        }, Ct);
        var subscription = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(subscribed)).RootElement.GetProperty("id").GetGuid();
        return (list, subscription);
    }

    /// <summary>Runs one sync of B's subscription, as its job would.</summary>
    public Task<SyncOutcome> SyncAsync(Guid subscription) =>
        Subscriber.App.AsSystemAsync(sp => sp.GetRequiredService<FederationSync>().SyncAsync(subscription, Ct));

    public Task<FederationSubscription> StateAsync(Guid subscription) =>
        Subscriber.InDatabaseAsync(db => db.Set<FederationSubscription>().AsNoTracking().SingleAsync(s => s.Id == subscription, Ct));

    public async ValueTask DisposeAsync()
    {
        await _relay.DisposeAsync();
        Coordinator.Dispose();
        await Subscriber.DisposeAsync();
        await Publisher.DisposeAsync();
    }

    private async Task RelayAsync(HttpContext context)
    {
        if (PagesUntilDown is 0)
        {
            Relay = Relay.Down;
            PagesUntilDown = null;
        }

        if (Relay == Relay.Down)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var client = Publisher.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/federation/feed" + context.Request.QueryString, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
        using var answer = await client.SendAsync(request, context.RequestAborted);
        var body = await answer.Content.ReadAsStringAsync(context.RequestAborted);
        if (Relay == Relay.Tampered && answer.IsSuccessStatusCode)
        {
            body = Tamper(body);
        }

        PagesUntilDown--;
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Turns every Baseline of the page into NotIllegal, re-encoding the page but keeping its signature.</summary>
    private static string Tamper(string body)
    {
        var envelope = JsonSerializer.Deserialize<Dictionary<string, string>>(body)!;
        var page = Encoding.UTF8.GetString(Convert.FromBase64String(envelope["page"]));
        envelope["page"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page.Replace("\"Baseline\"", "\"NotIllegal\"", StringComparison.Ordinal)));
        return JsonSerializer.Serialize(envelope);
    }
}
