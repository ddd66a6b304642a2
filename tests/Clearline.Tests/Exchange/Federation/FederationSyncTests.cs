using System.Net.Http.Json;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Exchange.Federation;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.Media.Tests;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Exchange.Federation;

public sealed class FederationSyncTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Subscriber_AutoClassifiesWhatThePublisherDecided_AndWithdrawsItWhenThePublisherDoes(DatabaseProvider provider)
    {
        await using var world = await FederationWorld.StartAsync(provider);
        var image = BenignImages.SceneJpeg(64, 64, seed: 1801);
        var sha256 = await world.Publisher.FoundAsync(image, world.Analyst);
        var decided = (await world.Analyst.ClassifyAsync(new { sha256, verdict = "Baseline", ageGroup = "PrePubescent", gender = "Female", flags = new[] { "Virtual" }, expectedCurrentId = "none" }))[0];
        var decision = decided.GetProperty("classification").GetProperty("id").GetGuid();
        var (list, subscription) = await world.SubscribeAsync();

        var first = await world.SyncAsync(subscription);

        Assert.Equal((SyncResult.CaughtUp, 1, 0), (first.Result, first.Added, first.Withdrawn));
        var state = await world.StateAsync(subscription);
        Assert.Equal((SubscriptionState.Active, 1L, (string?)null), (state.State, state.EntriesReceived, state.LastError));
        Assert.NotNull(state.CaughtUpAt);
        var entry = await world.Subscriber.InDatabaseAsync(db => db.Set<KnownHash>().AsNoTracking().SingleAsync(h => h.HashListId == list, Ct));
        Assert.Equal((sha256, "Baseline", (AgeGroup?)AgeGroup.PrePubescent, (Gender?)Gender.Female, (ContentFlags?)ContentFlags.Virtual), (entry.Sha256, entry.Category, entry.AgeGroup, entry.Gender, entry.Flags));

        // B's crawler meets the same image: it is known, classified without an analyst.
        await world.Subscriber.FoundAsync(image, await world.Subscriber.JoinAsync("DE"));
        await world.Subscriber.App.AsSystemAsync(async sp =>
        {
            await sp.GetRequiredService<MediaMatcher>().MatchAsync([sha256], Ct);
            return true;
        });
        var automatic = await CurrentDecisionAsync(world, sha256);
        Assert.Equal((Verdict.Baseline, ClassificationSource.KnownMaterial, (Guid?)list), (automatic!.Verdict, automatic.Source, automatic.HashListId));
        Assert.Equal((AgeGroup.PrePubescent, Gender.Female, ContentFlags.Virtual), (automatic.AgeGroup, automatic.Gender, automatic.Flags));

        // A's analyst changes their mind: the Baseline entry is withdrawn and B's copy tombstoned, its decision with it.
        await world.Analyst.DecideAsync(sha256, "NotIllegal", decision.ToString());
        var second = await world.SyncAsync(subscription);

        Assert.Equal((SyncResult.CaughtUp, 1, 1), (second.Result, second.Added, second.Withdrawn));
        var tombstoned = await world.Subscriber.InDatabaseAsync(db => db.Set<KnownHash>().AsNoTracking().SingleAsync(h => h.Id == entry.Id, Ct));
        Assert.Equal(FederationSync.WithdrawnReason, tombstoned.TombstoneReason);
        Assert.Null(await CurrentDecisionAsync(world, sha256));
        var live = await world.Subscriber.InDatabaseAsync(db => db.Set<KnownHash>().AsNoTracking().Where(h => h.HashListId == list && h.TombstonedAt == null).ToListAsync(Ct));
        Assert.Equal("NotIllegal", Assert.Single(live).Category);
    }

    [Theory]
    [BothDatabases]
    public async Task TamperedPage_IsRefusedWithTheReason_AndNothingOfItIsApplied(DatabaseProvider provider)
    {
        await using var world = await FederationWorld.StartAsync(provider);
        var sha256 = await world.DecidedBaselineAsync(1802);
        var (list, subscription) = await world.SubscribeAsync();
        world.Relay = Relay.Tampered;

        var refused = await world.SyncAsync(subscription);

        Assert.Equal((SyncResult.Failed, 0), (refused.Result, refused.Pages));
        var state = await world.StateAsync(subscription);
        Assert.Equal((SubscriptionState.Failing, FeedCursor.Start.ToString()), (state.State, state.Cursor));
        Assert.StartsWith("Refused: the page's signature does not verify under the pinned key", state.LastError, StringComparison.Ordinal);
        Assert.False(await world.Subscriber.InDatabaseAsync(db => db.Set<KnownHash>().AnyAsync(h => h.HashListId == list, Ct)));
        Assert.True(await world.Subscriber.InDatabaseAsync(db => db.Set<AuditEntry>().AnyAsync(
            e => e.Action == AuditAction.FederationPageRefused && e.Target == $"federation-subscription:{subscription:D}", Ct)));

        world.Relay = Relay.Faithful;
        var healed = await world.SyncAsync(subscription);

        Assert.Equal((SyncResult.CaughtUp, 1), (healed.Result, healed.Added));
        state = await world.StateAsync(subscription);
        Assert.Equal((SubscriptionState.Active, (string?)null), (state.State, state.LastError));
    }

    [Theory]
    [BothDatabases]
    public async Task SyncBrokenOffMidway_ResumesFromItsCursor_AndAResyncAddsNothingTwice(DatabaseProvider provider)
    {
        await using var world = await FederationWorld.StartAsync(provider, pageSize: 2);
        var items = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var sha256 = await world.DecidedBaselineAsync(1810 + i);
            items.Add(sha256);
        }

        var (list, subscription) = await world.SubscribeAsync();
        world.PagesUntilDown = 1;

        var broken = await world.SyncAsync(subscription);

        Assert.Equal((SyncResult.Failed, 1, 2), (broken.Result, broken.Pages, broken.Added));
        var state = await world.StateAsync(subscription);
        Assert.Contains("503", state.LastError, StringComparison.Ordinal);
        Assert.NotEqual(FeedCursor.Start.ToString(), state.Cursor);

        world.Relay = Relay.Faithful;
        var resumed = await world.SyncAsync(subscription);

        Assert.Equal((SyncResult.CaughtUp, 3), (resumed.Result, resumed.Added));
        Assert.Equal(items.Order(StringComparer.Ordinal), await ListedAsync(world, list));

        using var resync = await world.Coordinator.PostAsync(new Uri($"/api/v1/federation/subscriptions/{subscription}/resync", UriKind.Relative), null, Ct);
        await ProblemAssert.IsSuccessAsync(resync);
        var again = await world.SyncAsync(subscription);

        Assert.Equal((SyncResult.CaughtUp, 0), (again.Result, again.Added));
        Assert.Equal(items.Order(StringComparer.Ordinal), await ListedAsync(world, list));
        Assert.Equal(5L, (await world.StateAsync(subscription)).EntriesReceived);
    }

    [Theory]
    [BothDatabases]
    public async Task PausedSubscription_FetchesNothing_UntilResumed(DatabaseProvider provider)
    {
        await using var world = await FederationWorld.StartAsync(provider);
        var sha256 = await world.DecidedBaselineAsync(1803);
        var (list, subscription) = await world.SubscribeAsync();
        await ProblemAssert.IsSuccessAsync(await world.Coordinator.PostAsync(new Uri($"/api/v1/federation/subscriptions/{subscription}/pause", UriKind.Relative), null, Ct));

        Assert.Equal(SyncResult.Skipped, (await world.SyncAsync(subscription)).Result);
        Assert.Empty(await ListedAsync(world, list));

        await ProblemAssert.IsSuccessAsync(await world.Coordinator.PostAsync(new Uri($"/api/v1/federation/subscriptions/{subscription}/resume", UriKind.Relative), null, Ct));
        Assert.Equal(SyncResult.CaughtUp, (await world.SyncAsync(subscription)).Result);
        Assert.Equal([sha256], await ListedAsync(world, list));
    }

    [Theory]
    [BothDatabases]
    public async Task ChangedKey_IsPinnedAtOnce_AndDeletedSubscription_LeavesItsListSuggestingWhatItReceived(DatabaseProvider provider)
    {
        await using var world = await FederationWorld.StartAsync(provider);
        var first = await world.DecidedBaselineAsync(1804);
        var (list, subscription) = await world.SubscribeAsync();
        Assert.Equal(SyncResult.CaughtUp, (await world.SyncAsync(subscription)).Result);
        var second = await world.DecidedBaselineAsync(1805);

        // Pinned to a key the publisher does not sign with: the page is refused, nothing of it applied.
        using (var wrong = await world.Coordinator.PatchAsJsonAsync($"/api/v1/federation/subscriptions/{subscription}", new { publicKeyPem = FederationSeed.PublicKeyPem() }, Ct))
        {
            await ProblemAssert.IsSuccessAsync(wrong);
        }

        Assert.Equal(SyncResult.Failed, (await world.SyncAsync(subscription)).Result);
        Assert.StartsWith("Refused: the page's signature does not verify", (await world.StateAsync(subscription)).LastError, StringComparison.Ordinal);
        Assert.Equal([first], await ListedAsync(world, list));

        using (var right = await world.Coordinator.PatchAsJsonAsync($"/api/v1/federation/subscriptions/{subscription}", new { publicKeyPem = await world.PublisherKeyAsync() }, Ct))
        {
            await ProblemAssert.IsSuccessAsync(right);
        }

        var healed = await world.SyncAsync(subscription);
        Assert.Equal((SyncResult.CaughtUp, 1), (healed.Result, healed.Added));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), await ListedAsync(world, list));

        // Deleted: the feed is no longer followed; the list keeps its entries and only suggests from now on.
        using (var deleted = await world.Coordinator.DeleteAsync(new Uri($"/api/v1/federation/subscriptions/{subscription}", UriKind.Relative), Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await world.Coordinator.GetAsync(new Uri($"/api/v1/federation/subscriptions/{subscription}", UriKind.Relative), Ct), System.Net.HttpStatusCode.NotFound);
        Assert.Equal(SyncResult.Gone, (await world.SyncAsync(subscription)).Result);
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), await ListedAsync(world, list));
        Assert.Equal(HashListTrust.SuggestOnly, await world.Subscriber.InDatabaseAsync(db => db.Set<HashList>().Where(l => l.Id == list).Select(l => l.Trust).SingleAsync(Ct)));
        var audited = await world.Subscriber.InDatabaseAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Target == $"federation-subscription:{subscription:D}").Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(2, audited.Count(a => a == AuditAction.FederationSubscriptionChanged));
        Assert.Contains(AuditAction.FederationSubscriptionDeleted, audited);

        // The list holds another feed's entries now: following a feed into it again is refused.
        using var again = await world.Coordinator.PostAsJsonAsync("/api/v1/federation/subscriptions", new
        {
            hashListId = list, feedUrl = world.FeedUrl.ToString(), publicKeyPem = await world.PublisherKeyAsync(), apiKey = world.FeedKey,
        }, Ct);
        await ProblemAssert.IsProblemAsync(again, System.Net.HttpStatusCode.Conflict);
    }

    private static Task<MediaClassification?> CurrentDecisionAsync(FederationWorld world, string sha256) =>
        world.Subscriber.InDatabaseAsync(db => db.Set<MediaClassification>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.MediaSha256 == sha256 && c.SupersededAt == null, Ct));

    private static Task<List<string>> ListedAsync(FederationWorld world, Guid list) =>
        world.Subscriber.InDatabaseAsync(db => db.Set<KnownHash>().AsNoTracking()
            .Where(h => h.HashListId == list && h.TombstonedAt == null).Select(h => h.Sha256!).OrderBy(s => s).ToListAsync(Ct));
}
