using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Jobs;
using Clearline.Matching;
using Clearline.Media.Tests;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.Matching.KnownMaterialSeed;

namespace Clearline.Tests.HashLists.Approvals;

/// <summary>
/// The attack of issue 12, point 1, through the API: a member (hotline, police) with <c>hashlists:write</c>
/// creates a network-visible AutoClassify list mapping to Not illegal and imports the hash of an item waiting in
/// another hotline's queue. Before: the item left that queue, audited as "System". Now it stays (a suggestion) until
/// the coordinator approves, and the decision is then audited as the owner's, through its list. An Industry
/// partner can no longer try: its keys cannot hold <c>hashlists:write</c> (the key ceiling sweep covers that).
/// </summary>
public sealed class NetworkConsentApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases(OrganisationKind.Hotline)]
    [BothDatabases(OrganisationKind.LawEnforcement)]
    public async Task MemberAutoClassifyList_OnlySuggestsForAnotherHotlinesItem_UntilTheCoordinatorApproves(DatabaseProvider provider, OrganisationKind kind)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        // An item stored from another hotline's report, waiting for assessment (no decision yet).
        var item = await app.AsSystemAsync(sp => StoreItemAsync(sp, BenignImages.SceneJpeg(128, 128, seed: 71)));
        var member = await app.CreateOrganisationAsync(kind, "DE");
        var attacker = app.CreateClient(await app.CreateApiKeyAsync(member, ApiScopes.HashListsWrite, ApiScopes.HashListsRead));
        var coordinator = app.CreateClient(await app.CreateApiKeyAsync(
            await app.CreateOrganisationAsync(OrganisationKind.Coordinator), ApiScopes.HashListsApprove, ApiScopes.HashListsRead));

        var created = await attacker.PostAsJsonAsync("/api/v1/hashlists", new
        {
            name = "Harmless", kind = "Industry", trust = "AutoClassify", visibility = "Network", scheme = "Custom",
            mapping = new Dictionary<string, object> { ["K"] = new { outcome = "NotIllegal" } },
        }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var list = await ReadAsync(created);
        var listId = list.GetProperty("id").GetGuid();
        Assert.False(list.GetProperty("classifiesAutomatically").GetBoolean());
        Assert.Equal("NotRequested", list.GetProperty("approval").GetProperty("state").GetString());

        var import = await attacker.PostAsync(
            new Uri($"/api/v1/hashlists/{listId}/imports?format=csv", UriKind.Relative), new StringContent($"md5,category\n{item.Md5},K\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        await WaitForJobsAsync(app);

        var (before, match) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            return (await db.Set<MediaClassification>().AsNoTracking().Where(c => c.MediaSha256 == item.Sha256).ToListAsync(Ct),
                await db.Set<MediaMatch>().AsNoTracking().SingleAsync(m => m.MediaSha256 == item.Sha256, Ct));
        });
        Assert.Empty(before);
        Assert.Equal((listId, MatchOutcome.Suggested), (match.HashListId, match.Outcome));

        var requested = await attacker.PostAsync(new Uri($"/api/v1/hashlists/{listId}/approval-request", UriKind.Relative), null, Ct);
        Assert.True(requested.IsSuccessStatusCode, await requested.Content.ReadAsStringAsync(Ct));
        var approval = (await ReadAsync(requested)).GetProperty("approval");
        Assert.Equal("Requested", approval.GetProperty("state").GetString());
        var memberApproves = await attacker.PostAsJsonAsync($"/api/v1/hashlists/{listId}/approve", new { }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, memberApproves.StatusCode);

        var pending = await ReadAsync(await coordinator.GetAsync(new Uri("/api/v1/hashlists/approvals", UriKind.Relative), Ct));
        var request = Assert.Single(pending.EnumerateArray(), r => r.GetProperty("hashListId").GetGuid() == listId);
        Assert.Equal("NotIllegal", request.GetProperty("mapping").GetProperty("K").GetProperty("outcome").GetString());
        var approved = await coordinator.PostAsJsonAsync(
            $"/api/v1/hashlists/{listId}/approve", new { requestId = request.GetProperty("requestId").GetGuid() }, Ct);
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync(Ct));
        Assert.True((await ReadAsync(approved)).GetProperty("classifiesAutomatically").GetBoolean());
        await WaitForJobsAsync(app);

        var (after, audit) = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var decided = await db.Set<MediaClassification>().AsNoTracking().SingleAsync(c => c.MediaSha256 == item.Sha256 && c.SupersededAt == null, Ct);
            var entry = await db.Set<AuditEntry>().AsNoTracking()
                .SingleAsync(e => e.Action == AuditAction.MediaAutoClassified && e.Target == $"classification:{decided.Id}", Ct);
            return (decided, entry);
        });
        Assert.Equal((Verdict.NotIllegal, listId, ClassificationSource.KnownMaterial), (after.Verdict, after.HashListId, after.Source));
        Assert.Equal((AuditActorKind.HashList, listId.ToString("D"), (Guid?)member.Id), (audit.ActorKind, audit.ActorId, audit.OrganisationId));
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    /// <summary>Waits until the imports and the re-matches they and the approvals queued have all run.</summary>
    internal static async Task WaitForJobsAsync(ClearlineTestApp app)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        string[] kinds = ["hashlist-import", RematchJob.Kind, MatchMediaJob.Kind];
        while (true)
        {
            var states = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>()
                .Where(j => kinds.Contains(j.Kind)).Select(j => j.State).ToListAsync(timeout.Token));
            Assert.DoesNotContain(JobState.Failed, states);
            if (states.All(s => s == JobState.Succeeded))
            {
                return;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
