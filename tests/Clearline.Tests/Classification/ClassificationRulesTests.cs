using System.Net;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Media.Tests;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.Classification;

/// <summary>The network's rules for decisions, through the assessment API: Baseline is final, National is per country, no lost writes.</summary>
public sealed class ClassificationRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Baseline_ByOneHotline_IsRefusedToAnother_AndNoCoordinatorKeyMayClassify(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var nl = await network.JoinAsync("NL");
        var de = await network.JoinAsync("DE");
        var item = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 1), nl, de);
        var baseline = await nl.DecideAsync(item, "Baseline");

        var refused = (await de.ClassifyAsync(new { sha256 = item, verdict = "NotIllegal", expectedCurrentId = baseline.ToString() }))[0];
        Assert.Equal(("refused", 403), (refused.GetProperty("status").GetString(), refused.GetProperty("statusCode").GetInt32()));
        Assert.Contains("only the coordinator", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(item, await de.QueueAsync());

        // Issue 12: the coordinator's kind has no role that classifies, so its keys cannot hold assessment:write at all
        // (ScopeCeilings); the Baseline stands.
        var coordinator = await network.App.CreateOrganisationAsync(OrganisationKind.Coordinator, null);
        await Assert.ThrowsAsync<InvalidOperationException>(() => network.App.CreateApiKeyAsync(coordinator, ApiScopes.AssessmentWrite));
        var history = await de.JsonAsync($"/api/v1/media/{item}/classifications");
        Assert.Equal([baseline], history.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        Assert.True(history[0].GetProperty("isCurrent").GetBoolean());
    }

    [Theory]
    [BothDatabases]
    public async Task National_HoldsInItsCountry_AnotherCountrySeesItButStillAssessesTheItem(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var nl = await network.JoinAsync("NL");
        var de = await network.JoinAsync("DE");
        var item = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 2), nl, de);

        var national = await nl.DecideAsync(item, "National");

        Assert.DoesNotContain(item, await nl.QueueAsync());
        Assert.Contains(item, await de.QueueAsync());
        var seen = Assert.Single((await de.JsonAsync($"/api/v1/media/{item}/classifications")).EnumerateArray());
        Assert.Equal((national, "NL", false), (seen.GetProperty("id").GetGuid(), seen.GetProperty("jurisdiction").GetString(), seen.GetProperty("appliesToYou").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("analystId").ValueKind);

        // DE decides under its own law: "none" was current for DE, NL's decision stays.
        var own = await de.DecideAsync(item, "NotIllegal", "none");
        var current = await network.InDatabaseAsync(db => db.Set<MediaClassification>().Where(c => c.MediaSha256 == item && c.SupersededAt == null).Select(c => c.Id).ToListAsync(Ct));
        Assert.Equal([national, own], current.Order());
    }

    [Theory]
    [BothDatabases]
    public async Task ParallelDecisions_OnTheSameItem_EndWithOneDecisionAndOneVisibleConflict(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var first = await network.JoinAsync("NL");
        var second = await network.ColleagueOfAsync(first);
        var item = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 3), first);

        var results = await Task.WhenAll(
            first.ClassifyAsync(new { sha256 = item, verdict = "Baseline", ageGroup = "Pubescent", expectedCurrentId = "none" }),
            second.ClassifyAsync(new { sha256 = item, verdict = "NotIllegal", expectedCurrentId = "none" }));

        var statuses = results.Select(r => r[0].GetProperty("status").GetString()).Order().ToArray();
        Assert.Equal(["classified", "conflict"], statuses);
        var winner = results.Select(r => r[0]).Single(r => r.GetProperty("status").GetString() == "classified");
        var loser = results.Select(r => r[0]).Single(r => r.GetProperty("status").GetString() == "conflict");
        Assert.Equal(409, loser.GetProperty("statusCode").GetInt32());
        Assert.Equal(winner.GetProperty("classification").GetProperty("id").GetGuid(), loser.GetProperty("current").GetProperty("id").GetGuid());
        var history = await first.JsonAsync($"/api/v1/media/{item}/classifications");
        Assert.Equal(winner.GetProperty("classification").GetProperty("id").GetGuid(), Assert.Single(history.EnumerateArray()).GetProperty("id").GetGuid());
        var conflicts = await network.InDatabaseAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == AuditAction.ClassificationConflicted, Ct));
        Assert.Equal(1, conflicts);

        // The loser, having seen the winner's decision, may now change it.
        await second.DecideAsync(item, "NotIllegal", loser.GetProperty("current").GetProperty("id").GetString()!);
    }

    [Theory]
    [BothDatabases]
    public async Task Undo_WithdrawsTheAnalystsLastDecision_AndRestoresTheOneItSuperseded(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var analyst = await network.JoinAsync("NL");
        var colleague = await network.ColleagueOfAsync(analyst);
        var item = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 4), analyst);
        var national = await colleague.DecideAsync(item, "National");
        var baseline = await analyst.DecideAsync(item, "Baseline", national.ToString());

        var undo = await analyst.PostAsync("/api/v1/assessment/undo");
        var body = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(undo)).RootElement;

        Assert.Equal(baseline, body.GetProperty("undone").GetProperty("id").GetGuid());
        Assert.Equal(national, Assert.Single(body.GetProperty("restored").EnumerateArray()).GetProperty("id").GetGuid());
        var history = await analyst.JsonAsync($"/api/v1/media/{item}/classifications");
        var current = Assert.Single(history.EnumerateArray(), e => e.GetProperty("isCurrent").GetBoolean());
        Assert.Equal(national, current.GetProperty("id").GetGuid());
        Assert.Equal("Undone by its author.", history.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == baseline).GetProperty("withdrawnReason").GetString());
        var audited = await network.InDatabaseAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == AuditAction.ClassificationUndone && e.Target == $"classification:{baseline}", Ct));
        Assert.Equal(1, audited);

        // Nothing of the analyst's is left to undo; and a decision someone else has superseded since is not undone.
        await ProblemAssert.IsProblemAsync(await analyst.PostAsync("/api/v1/assessment/undo"), HttpStatusCode.NotFound);
        var again = await analyst.DecideAsync(item, "Baseline", national.ToString());
        await colleague.DecideAsync(item, "NotIllegal", again.ToString());
        await ProblemAssert.IsProblemAsync(await analyst.PostAsync("/api/v1/assessment/undo"), HttpStatusCode.Conflict);
    }

    [Theory]
    [BothDatabases]
    public async Task SeveralItems_InOneRequest_EachGetItsOwnResult(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var nl = await network.JoinAsync("NL");
        var de = await network.JoinAsync("DE");
        var fresh = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 5), nl);
        var decided = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 6), nl, de);
        var final = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 7), nl, de);
        var foreign = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 8), de);
        await nl.DecideAsync(decided, "National");
        await de.DecideAsync(final, "Baseline");

        var results = await nl.ClassifyAsync(
            new { sha256 = fresh, verdict = "National", ageGroup = "PrePubescent", gender = "Female", flags = new[] { "Virtual", "UserGenerated" } },
            new { sha256 = decided, verdict = "NotIllegal", expectedCurrentId = "none" },
            new { sha256 = final, verdict = "NotIllegal" },
            new { sha256 = foreign, verdict = "Baseline" },
            new { sha256 = fresh, verdict = "Illegal-ish" });

        Assert.Equal(["classified", "conflict", "refused", "notFound", "invalid"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal([200, 409, 403, 404, 400], results.Select(r => r.GetProperty("statusCode").GetInt32()));
        var classified = results[0].GetProperty("classification");
        Assert.Equal(("National", "NL", "PrePubescent", "Female", "Virtual, UserGenerated"), (
            classified.GetProperty("verdict").GetString(), classified.GetProperty("jurisdiction").GetString(), classified.GetProperty("ageGroup").GetString(),
            classified.GetProperty("gender").GetString(), classified.GetProperty("flags").GetString()));
        Assert.Equal("National", results[1].GetProperty("current").GetProperty("verdict").GetString());
        var decisions = await network.InDatabaseAsync(db => db.Set<MediaClassification>().CountAsync(Ct));
        Assert.Equal(3, decisions);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task BadRequests_AreRefusedWithAClearReason_AndWriteNothing(DatabaseProvider provider)
    {
        await using var network = await AssessmentNetwork.StartAsync(provider);
        var nl = await network.JoinAsync("NL");
        var item = await network.FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 9), nl);

        await ProblemAssert.IsProblemAsync(await nl.PostAsync("/api/v1/assessment/classifications", new { items = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(
            await nl.PostAsync("/api/v1/assessment/classifications", new { items = Enumerable.Repeat(new { sha256 = item, verdict = "Baseline" }, 101) }), HttpStatusCode.BadRequest);
        var results = await nl.ClassifyAsync(
            new { sha256 = item, verdict = "Baseline", expectedCurrentId = "yesterday's" },
            new { sha256 = item, verdict = "Baseline", flags = new[] { "None" } },
            new { sha256 = item, verdict = "3" },
            new { verdict = "Baseline" });
        Assert.All(results, r => Assert.Equal("invalid", r.GetProperty("status").GetString()));
        await ProblemAssert.IsProblemAsync(await nl.GetAsync("/api/v1/assessment/queue?cursor=not-a-cursor"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await nl.PostAsync("/api/v1/assessment/undo"), HttpStatusCode.NotFound);
        Assert.Equal(0, await network.InDatabaseAsync(db => db.Set<MediaClassification>().CountAsync(Ct)));
        Assert.Equal([item], await nl.QueueAsync());
    }
}
