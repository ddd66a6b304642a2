using System.Net;
using System.Text.Json;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Escalation;
using Clearline.Identity;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.LawEnforcement.Escalation;

public sealed class EscalationTests
{
    [Theory]
    [BothDatabases]
    public async Task AnalystsIllegalDecisionOnNewMaterial_OpensAnEscalation_MatchedReDecidedAndNotIllegalDoNot(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var fresh = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        var matched = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        var known = await world.SeedItemAsync(world.HotlineNl, "NL");
        var notIllegal = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        await world.MatchAsync(matched);

        await world.ClassifyAsync(world.HotlineNl, fresh, "Baseline", "Infant");
        await world.ClassifyAsync(world.HotlineNl, matched, "Baseline");
        await world.ClassifyAsync(world.HotlineNl, known, "National");
        await world.ClassifyAsync(world.HotlineNl, notIllegal, "NotIllegal");
        await world.ClassifyAsync(world.HotlineNl, fresh, "National");

        var escalation = Assert.Single(await world.EscalationsAsync());
        Assert.Equal(fresh.Sha256, escalation.MediaSha256);
        Assert.Equal(world.HotlineNl.Id, escalation.HotlineOrganisationId);
        Assert.Equal(EscalationState.Open, escalation.State);
        var cause = Assert.Single(escalation.Causes);
        Assert.Equal(EscalationCauseKind.NewMaterial, cause.Kind);
        Assert.Equal(world.HotlineNl.Id, cause.HotlineOrganisationId);
        var opened = await world.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.EscalationOpened).ToListAsync(PortalWorld.Ct));
        Assert.Equal($"escalation:{escalation.Id}", Assert.Single(opened).Target);

        var view = await world.EscalationOfAsync(fresh);
        Assert.Equal("Open", view.GetProperty("state").GetString());
        Assert.Equal("Infant", view.GetProperty("ageGroup").GetString());
        Assert.Equal("NewMaterial", view.GetProperty("causes")[0].GetProperty("kind").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task PossibleNewVictimReferral_Escalates_ASecondCauseAddsToTheOpenEscalation_OtherReasonsDoNot(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var referred = await world.SeedItemAsync(world.HotlineNl, "NL");
        var unresponsive = await world.SeedItemAsync(world.HotlineNl, "NL");
        var fresh = await world.SeedItemAsync(world.HotlineDe, "DE", verdict: null);

        await world.ReferAsAnnouncedAsync(referred, ActionReason.PossibleNewVictim);
        await world.ReferAsAnnouncedAsync(unresponsive, ActionReason.HostUnresponsive);
        await world.ClassifyAsync(world.HotlineDe, fresh, "Baseline");
        await world.ReferAsAnnouncedAsync(fresh, ActionReason.PossibleNewVictim);

        var escalations = await world.EscalationsAsync();
        Assert.Equal(2, escalations.Count);
        var byReferral = Assert.Single(escalations, e => e.MediaSha256 == referred.Sha256);
        var cause = Assert.Single(byReferral.Causes);
        Assert.Equal(EscalationCauseKind.PossibleNewVictim, cause.Kind);
        Assert.Equal(world.PoliceNl.Id, cause.PoliceOrganisationId);
        Assert.Equal(AgeGroupOf("PrePubescent"), byReferral.AgeGroup);

        var both = Assert.Single(escalations, e => e.MediaSha256 == fresh.Sha256);
        Assert.Equal([EscalationCauseKind.NewMaterial, EscalationCauseKind.PossibleNewVictim], both.Causes.OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => c.Kind));
        var view = await world.EscalationOfAsync(fresh);
        Assert.Equal(2, view.GetProperty("causes").GetArrayLength());
        Assert.Equal(world.PoliceDe.Id.ToString(), view.GetProperty("causes")[1].GetProperty("policeOrganisationId").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task Queue_PutsANewSeriesFirst_ThenInfantsAndPrePubescents_ThenTheOldest_WithTheReasons_AndPages(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var olderPubescent = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        var infant = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        var seriesFirst = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        var seriesSecond = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        await world.AlsoFoundThroughAsync(seriesSecond, seriesFirst, world.HotlineNl);

        await world.ClassifyAsync(world.HotlineNl, olderPubescent, "Baseline", "Pubescent");
        await world.ClassifyAsync(world.HotlineNl, infant, "Baseline", "Infant");
        await world.ClassifyAsync(world.HotlineNl, seriesFirst, "Baseline", "Pubescent");
        await world.ClassifyAsync(world.HotlineNl, seriesSecond, "National", "Pubescent");

        var all = (await world.Interpol.GetJsonAsync("/api/v1/escalations")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([seriesFirst.Sha256, seriesSecond.Sha256, infant.Sha256, olderPubescent.Sha256], all.Select(e => e.GetProperty("mediaSha256").GetString()));
        Assert.Contains(all[0].GetProperty("priorityReasons").EnumerateArray(), r => r.GetString()!.StartsWith("New series: 2 items", StringComparison.Ordinal));
        Assert.Equal(2, all[1].GetProperty("seriesSize").GetInt32());
        Assert.DoesNotContain(all[2].GetProperty("priorityReasons").EnumerateArray(), r => r.GetString()!.StartsWith("New series", StringComparison.Ordinal));
        Assert.Contains(all[2].GetProperty("priorityReasons").EnumerateArray(), r => r.GetString()!.StartsWith("Age group Infant", StringComparison.Ordinal));

        var first = await world.Interpol.GetJsonAsync("/api/v1/escalations?limit=3");
        var next = first.GetProperty("nextCursor").GetString();
        var second = await world.Interpol.GetJsonAsync($"/api/v1/escalations?limit=3&cursor={next}");
        Assert.Equal(olderPubescent.Sha256, Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("mediaSha256").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        // Taken ones follow the open ones, whatever their priority.
        await ProblemAssert.IsSuccessAsync(await world.Interpol.PostAsync($"/api/v1/escalations/{all[0].GetProperty("id").GetString()}/take"));
        var after = (await world.Interpol.GetJsonAsync("/api/v1/escalations")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("mediaSha256").GetString());
        Assert.Equal([seriesSecond.Sha256, infant.Sha256, olderPubescent.Sha256, seriesFirst.Sha256], after);
        var open = (await world.Interpol.GetJsonAsync("/api/v1/escalations?state=Taken")).GetProperty("items");
        Assert.Equal(seriesFirst.Sha256, Assert.Single(open.EnumerateArray()).GetProperty("mediaSha256").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task InterpolTakesChangesStateAndGivesFeedback_EachAudited_TheReportingHotlineReadsIt_AnotherHotlineGets404(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        await world.ClassifyAsync(world.HotlineNl, item, "Baseline", "PrePubescent");
        var id = (await world.EscalationOfAsync(item)).GetProperty("id").GetString();

        Assert.Equal("Open", (await world.HotlineNl.GetJsonAsync($"/api/v1/routes/{item.RouteId}/escalation")).GetProperty("escalation").GetProperty("state").GetString());

        var taken = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await world.Interpol.PostAsync($"/api/v1/escalations/{id}/take"))).RootElement;
        Assert.Equal("Taken", taken.GetProperty("state").GetString());
        await ProblemAssert.IsProblemAsync(await world.Interpol.PostAsync($"/api/v1/escalations/{id}/take"), HttpStatusCode.Conflict);
        await ProblemAssert.IsSuccessAsync(await world.Interpol.PostAsync($"/api/v1/escalations/{id}/state", new { state = "Identified" }));
        await ProblemAssert.IsSuccessAsync(await world.Interpol.PostAsync($"/api/v1/escalations/{id}/feedback", new { note = "The child was identified and safeguarded." }));

        var audited = await world.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Target == $"escalation:{id}").Select(e => e.Action).ToListAsync(PortalWorld.Ct));
        Assert.Equal(
            [AuditAction.EscalationOpened, AuditAction.EscalationTaken, AuditAction.EscalationStateChanged, AuditAction.EscalationFeedbackGiven],
            audited.Order());

        var seen = (await world.HotlineNl.GetJsonAsync($"/api/v1/routes/{item.RouteId}/escalation")).GetProperty("escalation");
        Assert.Equal("Identified", seen.GetProperty("state").GetString());
        Assert.Equal("The child was identified and safeguarded.", seen.GetProperty("feedbackNote").GetString());
        await ProblemAssert.IsProblemAsync(await world.HotlineDe.GetAsync($"/api/v1/routes/{item.RouteId}/escalation"), HttpStatusCode.NotFound);
        var unescalated = await world.SeedItemAsync(world.HotlineNl, "NL");
        var notEscalated = await world.HotlineNl.GetJsonAsync($"/api/v1/routes/{unescalated.RouteId}/escalation");
        Assert.False(notEscalated.GetProperty("escalated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, notEscalated.GetProperty("escalation").ValueKind);
    }

    [Theory]
    [BothDatabases]
    public async Task EveryInterpolEndpoint_RefusesPoliceHotlinesCoordinatorAndIndustry_NoKeyIs401_MissingScopeIs403(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        await world.ClassifyAsync(world.HotlineNl, item, "Baseline");
        var id = (await world.EscalationOfAsync(item)).GetProperty("id").GetString();
        var reads = new[] { "/api/v1/escalations", $"/api/v1/escalations/{id}" };
        var writes = new (string Path, object Body)[]
        {
            ($"/api/v1/escalations/{id}/take", new { }), ($"/api/v1/escalations/{id}/state", new { state = "Closed" }), ($"/api/v1/escalations/{id}/feedback", new { note = "x" }),
        };

        foreach (var other in (PortalMember[])[world.PoliceNl, world.PoliceDe, .. world.NotLawEnforcement])
        {
            foreach (var path in reads)
            {
                var response = await other.GetAsync(path);
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{other.Organisation.Kind} GET {path}: {response.StatusCode}");
            }

            foreach (var (path, body) in writes)
            {
                var response = await other.PostAsync(path, body);
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{other.Organisation.Kind} POST {path}: {response.StatusCode}");
            }
        }

        Assert.Equal(EscalationState.Open, Assert.Single(await world.EscalationsAsync()).State);
        using var anonymous = world.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(reads[0], UriKind.Relative), PortalWorld.Ct)).StatusCode);
        using var readOnly = world.App.CreateClient(await world.App.CreateApiKeyAsync(world.Interpol.Organisation, "escalations:read"));
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync(new Uri(reads[1], UriKind.Relative), PortalWorld.Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(
            await readOnly.PostAsync(new Uri(writes[0].Path, UriKind.Relative), JsonContent(new { }), PortalWorld.Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await world.Interpol.GetAsync($"/api/v1/escalations/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [BothDatabases]
    public async Task InvalidInput_Answers400_NamingTheField(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        await world.ClassifyAsync(world.HotlineNl, item, "Baseline");
        var id = (await world.EscalationOfAsync(item)).GetProperty("id").GetString();

        await AssertFieldAsync(await world.Interpol.PostAsync($"/api/v1/escalations/{id}/state", new { state = "Taken" }), "state");
        await AssertFieldAsync(await world.Interpol.PostAsync($"/api/v1/escalations/{id}/state", new { state = "Solved" }), "state");
        await AssertFieldAsync(await world.Interpol.PostAsync($"/api/v1/escalations/{id}/state", new { }), "state");
        await AssertFieldAsync(await world.Interpol.PostAsync($"/api/v1/escalations/{id}/feedback", new { note = "  " }), "note");
        await AssertFieldAsync(await world.Interpol.PostAsync($"/api/v1/escalations/{id}/feedback", new { note = new string('x', 2001) }), "note");
        await AssertFieldAsync(await world.Interpol.GetAsync("/api/v1/escalations?state=Solved"), "state");
        await AssertFieldAsync(await world.Interpol.GetAsync("/api/v1/escalations?limit=0"), "limit");
        await AssertFieldAsync(await world.Interpol.GetAsync("/api/v1/escalations?cursor=not-a-cursor"), "cursor");
        Assert.Equal(EscalationState.Open, Assert.Single(await world.EscalationsAsync()).State);
    }

    [Fact]
    public async Task Pages_InterpolWorksTheQueue_TheHotlineReadsTheStateOnItsRoute_OthersAreRefused()
    {
        await using var world = await PortalWorld.StartAsync(DatabaseProvider.Sqlite);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        await world.ClassifyAsync(world.HotlineNl, item, "Baseline", "Infant");
        var id = (await world.EscalationOfAsync(item)).GetProperty("id").GetString();

        using var officer = await world.SignInAsync(world.Interpol, Role.InterpolOfficer);
        var queue = await officer.OpenAsync("/Interpol/Escalations");
        Assert.Contains($"data-escalation-id=\"{id}\"", queue, StringComparison.Ordinal);
        Assert.Contains($"data-sha256=\"{item.Sha256}\"", queue, StringComparison.Ordinal);
        Assert.Contains("Age group Infant", queue, StringComparison.Ordinal);

        var details = await officer.OpenAsync($"/Interpol/Escalations/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(details, $"/Interpol/Escalations/{id}?handler=Take")).StatusCode);
        details = await officer.OpenAsync($"/Interpol/Escalations/{id}");
        Assert.Contains("data-state=\"Taken\"", details, StringComparison.Ordinal);
        using var missing = await officer.SubmitAsync(details, $"/Interpol/Escalations/{id}?handler=Feedback", ("Feedback.Note", ""));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Write the feedback", await missing.Content.ReadAsStringAsync(PortalWorld.Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(details, $"/Interpol/Escalations/{id}?handler=State", ("State.State", "Identified"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(details, $"/Interpol/Escalations/{id}?handler=Feedback", ("Feedback.Note", "Victim identified."))).StatusCode);

        using var analyst = await world.SignInAsync(world.HotlineNl, Role.Analyst);
        var route = await analyst.OpenAsync($"/Routes/{item.RouteId}");
        Assert.Contains("data-state=\"Identified\"", route, StringComparison.Ordinal);
        Assert.Contains("Victim identified.", route, StringComparison.Ordinal);

        foreach (var (member, role) in new[] { (world.PoliceNl, Role.LeaOfficer), (world.HotlineNl, Role.Analyst), (world.Coordinator, Role.Coordinator), (world.Industry, Role.OrgAdmin) })
        {
            using var other = member == world.HotlineNl ? null : await world.SignInAsync(member, role);
            var browser = other ?? analyst;
            foreach (var path in new[] { "/Interpol/Escalations", $"/Interpol/Escalations/{id}" })
            {
                using var response = await browser.GetAsync(path);
                var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("AccessDenied", StringComparison.Ordinal) == true);
                Assert.True(refused, $"{role} {path}: {response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    private static Clearline.Classification.AgeGroup AgeGroupOf(string name) => Enum.Parse<Clearline.Classification.AgeGroup>(name);

    private static System.Net.Http.Json.JsonContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body);

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
