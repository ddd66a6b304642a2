using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.Routing;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Routing;

/// <summary>
/// What the decision-routing tests do to a <see cref="RoutingNetwork"/>: decide and undo through the classification
/// API, auto-classify and tombstone through Classification's and HashLists' own services, wait for the route-item
/// jobs, and read the routes of content URLs.
/// </summary>
internal static class DecisionRoutingWorld
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A client of <paramref name="member"/>'s organisation holding the analyst's, the acting and the routing scopes.</summary>
    public static async Task<HttpClient> StaffAsync(this RoutingNetwork network, Member member) =>
        network.App.CreateClient(await network.App.CreateApiKeyAsync(
            member.Organisation, ApiScopes.AssessmentRead, ApiScopes.AssessmentWrite, ApiScopes.ActionsWrite, ApiScopes.RoutesRead, ApiScopes.RoutesWrite));

    /// <summary>Decides the item through the classification API, naming the decision in force as the one seen, and waits for routing.</summary>
    public static async Task ClassifyAsync(this RoutingNetwork network, HttpClient analyst, string sha256, string verdict)
    {
        var current = await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<MediaClassification>()
            .Where(c => c.MediaSha256 == sha256 && c.SupersededAt == null).OrderByDescending(c => c.ClassifiedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(Ct));
        var response = await analyst.PostAsJsonAsync(new Uri("/api/v1/assessment/classifications", UriKind.Relative), new
        {
            items = new[] { new { sha256, verdict, ageGroup = verdict == "NotIllegal" ? "NotCategorised" : "PrePubescent", expectedCurrentId = current?.ToString() } },
        }, Ct);
        var result = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement.GetProperty("results")[0];
        Assert.True(result.GetProperty("status").GetString() == "classified", result.ToString());
        await network.RoutingSettledAsync();
    }

    /// <summary>Undoes the analyst's last decision through the API and waits for routing.</summary>
    public static async Task UndoAsync(this RoutingNetwork network, HttpClient analyst)
    {
        await ProblemAssert.IsSuccessAsync(await analyst.PostAsync(new Uri("/api/v1/assessment/undo", UriKind.Relative), null, Ct));
        await network.RoutingSettledAsync();
    }

    /// <summary>
    /// The item matches an entry of the network's list, and Classification records the automatic Baseline decision as
    /// matching does (<see cref="KnownMaterialDecisions.RecordAsync"/> in its unit of work); waits for routing. The entry id.
    /// </summary>
    public static async Task<long> AutoClassifyAsync(this RoutingNetwork network, string sha256)
    {
        var entryId = await network.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var entry = new KnownHash { HashListId = HashList.NetworkListId, Sha256 = sha256, Category = "Baseline", AddedAt = DateTimeOffset.UtcNow };
            db.Add(entry);
            await db.SaveChangesAsync(Ct);
            var match = new MediaMatch
            {
                MediaSha256 = sha256, HashListId = HashList.NetworkListId, KnownHashId = entry.Id, Hash = MatchedHash.Sha256, Outcome = MatchOutcome.Classified,
                MatchedAt = DateTimeOffset.UtcNow,
            };
            await using var transaction = await sp.GetRequiredService<UnitOfWork>().BeginAsync(Ct);
            db.Add(match);
            await sp.GetRequiredService<KnownMaterialDecisions>().RecordAsync(
                [new KnownMaterialDecision(sha256, Verdict.Baseline, null, ContentFlags.None, match.Id, HashList.NetworkListId, entry.Id, DateTimeOffset.UtcNow)], Ct);
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
            return entry.Id;
        });
        await network.RoutingSettledAsync();
        return entryId;
    }

    /// <summary>Tombstones the list entry through the hash-list store (which announces it) and waits for routing.</summary>
    public static async Task TombstoneAsync(this RoutingNetwork network, long entryId)
    {
        await network.App.AsSystemAsync(async sp =>
        {
            await using var transaction = await sp.GetRequiredService<UnitOfWork>().BeginAsync(Ct);
            Assert.True(await sp.GetRequiredService<HashListStore>().TombstoneAsync(entryId, "A false match on a benign picture.", null, Ct));
            await transaction.CommitAsync(Ct);
            return 0;
        });
        await network.RoutingSettledAsync();
    }

    /// <summary>Waits (bounded) until every route-item job has run; a dead-lettered one fails the test with its error.</summary>
    public static async Task RoutingSettledAsync(this RoutingNetwork network)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var jobs = await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().AsNoTracking()
                .Where(j => j.Kind == RouteItemJob.Kind).Select(j => new { j.State, j.LastError }).ToListAsync(Ct));
            Assert.DoesNotContain(jobs, j => j.State == JobState.Failed);
            if (jobs.All(j => j.State == JobState.Succeeded))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Route-item jobs still pending: {string.Join("; ", jobs.Select(j => $"{j.State} {j.LastError}"))}");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>The route of each content URL (null where none), in the order given.</summary>
    public static Task<ContentRoute?[]> RoutesOfAsync(this RoutingNetwork network, params Guid[] crawledUrlIds) =>
        network.App.AsSystemAsync(async sp =>
        {
            var routes = await sp.GetRequiredService<ClearlineDbContext>().Set<ContentRoute>().AsNoTracking().Include(r => r.Events)
                .Where(r => crawledUrlIds.Contains(r.CrawledUrlId)).ToListAsync(Ct);
            return crawledUrlIds.Select(id => routes.SingleOrDefault(r => r.CrawledUrlId == id)).ToArray();
        });
}
