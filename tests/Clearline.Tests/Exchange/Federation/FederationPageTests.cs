using System.Net;
using Clearline.Database;
using Clearline.Exchange.Federation;
using Clearline.HashLists;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tenancy;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Exchange.Federation;

public sealed class FederationPageTests
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000", ["Workers:Enabled"] = "false" };

    [Theory]
    [BothDatabases]
    public async Task Supervisor_SeesStateAndLastError_AndPausesResumesAndResyncs(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, Settings);
        var hotline = await app.CreateOrganisationAsync();
        var subscription = await app.AsSystemAsync(sp => FederationSeed.SubscribeAsync(sp, hotline));
        await app.AsSystemAsync(sp => sp.GetRequiredService<FederationSync>().SyncAsync(subscription.Id, TestContext.Current.CancellationToken));
        var supervisor = await app.CreateUserAsync(hotline, Role.Supervisor);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, supervisor.User.Email!, supervisor.OneTimePassword);

        Assert.Contains("href=\"/Exchange/Federation\"", await browser.OpenAsync("/HashLists"), StringComparison.Ordinal);
        var page = await browser.OpenAsync("/Exchange/Federation");
        Assert.Contains(subscription.FeedUrl, page, StringComparison.Ordinal);
        Assert.Contains("data-state=\"Failing\"", page, StringComparison.Ordinal);
        Assert.Contains("could not be reached", page, StringComparison.Ordinal);
        Assert.Contains("not caught up yet", page, StringComparison.Ordinal);

        using var paused = await browser.SubmitAsync(page, $"/Exchange/Federation?handler=Pause&id={subscription.Id}");
        SignInSteps.AssertRedirect(paused, "/Exchange/Federation");
        page = await browser.OpenAsync("/Exchange/Federation");
        Assert.Contains("data-state=\"Paused\"", page, StringComparison.Ordinal);

        using var resumed = await browser.SubmitAsync(page, $"/Exchange/Federation?handler=Resume&id={subscription.Id}");
        SignInSteps.AssertRedirect(resumed, "/Exchange/Federation");
        using var resynced = await browser.SubmitAsync(page, $"/Exchange/Federation?handler=Resync&id={subscription.Id}");
        SignInSteps.AssertRedirect(resynced, "/Exchange/Federation");
        Assert.Contains("read again from its start", await browser.OpenAsync("/Exchange/Federation"), StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Supervisor_FollowsAFeedThroughTheForm_IsToldWhatIsWrong_AndDeletesIt(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, Settings);
        var hotline = await app.CreateOrganisationAsync();
        var supervisor = await app.CreateUserAsync(hotline, Role.Supervisor);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, supervisor.User.Email!, supervisor.OneTimePassword);
        Assert.Contains("id=\"no-followable\"", await browser.OpenAsync("/Exchange/Federation"), StringComparison.Ordinal);

        var caller = new Caller(hotline.Id, hotline.Kind, hotline.CountryCode, null, Guid.NewGuid(), null, new HashSet<string>());
        var list = await app.AsSystemAsync(async sp => (await sp.GetRequiredService<HashListDirectory>().CreateAsync(
            new NewHashList("Peer network", "A peer", HashListKind.HotlineNetwork, HashListTrust.AutoClassify, HashListVisibility.OwnOrganisation, CategoryScheme.Clearline),
            HashListCaller.For(caller), TestContext.Current.CancellationToken)).Value!);
        var page = await browser.OpenAsync("/Exchange/Federation");
        Assert.Contains("Peer network", page, StringComparison.Ordinal);

        (string, string)[] Fields(string key) =>
        [
            ("Input.HashListId", list.Id.ToString()), ("Input.FeedUrl", "https://peer.example/api/v1/federation/feed"),
            ("Input.PublicKeyPem", key), ("Input.ApiKey", "peer-issued-key"),
        ];
        using (var refused = await browser.SubmitAsync(page, "/Exchange/Federation?handler=Follow", Fields("not a key")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("ECDSA P-256 public key in PEM", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        Assert.Contains("id=\"no-subscriptions\"", await browser.OpenAsync("/Exchange/Federation"), StringComparison.Ordinal);
        using (var followed = await browser.SubmitAsync(page, "/Exchange/Federation?handler=Follow", Fields(FederationSeed.PublicKeyPem())))
        {
            SignInSteps.AssertRedirect(followed, "/Exchange/Federation");
        }

        page = await browser.OpenAsync("/Exchange/Federation");
        Assert.Contains("Following peer.example", page, StringComparison.Ordinal);
        Assert.DoesNotContain("peer-issued-key", page, StringComparison.Ordinal);
        var subscription = Assert.Single(await app.AsSystemAsync(sp => sp.GetRequiredService<FederationSubscriptions>().ListAsync(caller, TestContext.Current.CancellationToken)));

        using (var wrong = await browser.SubmitAsync(page, $"/Exchange/Federation?handler=Change&id={subscription.Id}", ("Change.FeedUrl", "not a url")))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("feed address, an absolute http or https URL", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (var deleted = await browser.SubmitAsync(page, $"/Exchange/Federation?handler=Delete&id={subscription.Id}"))
        {
            SignInSteps.AssertRedirect(deleted, "/Exchange/Federation");
        }

        page = await browser.OpenAsync("/Exchange/Federation");
        Assert.Contains("now only suggests", page, StringComparison.Ordinal);
        Assert.Contains("id=\"no-subscriptions\"", page, StringComparison.Ordinal);
        var after = await app.AsSystemAsync(sp => sp.GetRequiredService<HashListDirectory>().GetAsync(list.Id, HashListViewer.For(caller), TestContext.Current.CancellationToken));
        Assert.Equal(HashListTrust.SuggestOnly, after!.List.Trust);
    }

    [Theory]
    [BothDatabases]
    public async Task Analyst_WhoDoesNotManageLists_IsRefused_AndAnotherOrganisationsSubscriptionIsNotFound(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, Settings);
        var hotline = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var subscription = await app.AsSystemAsync(sp => FederationSeed.SubscribeAsync(sp, hotline));
        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);
        using (var browser = new Browser(app.App.GetTestServer()))
        {
            await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);
            using var refused = await browser.GetAsync("/Exchange/Federation");
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"GET answered {(int)refused.StatusCode}");
        }

        var stranger = await app.CreateUserAsync(other, Role.Supervisor);
        using var theirs = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(theirs, stranger.User.Email!, stranger.OneTimePassword);
        var page = await theirs.OpenAsync("/Exchange/Federation");
        Assert.DoesNotContain(subscription.Id.ToString(), page, StringComparison.Ordinal);
        var form = await theirs.OpenAsync("/HashLists/Create");
        using var paused = await theirs.SubmitAsync(form, $"/Exchange/Federation?handler=Pause&id={subscription.Id}");
        Assert.Equal(HttpStatusCode.NotFound, paused.StatusCode);
    }
}
