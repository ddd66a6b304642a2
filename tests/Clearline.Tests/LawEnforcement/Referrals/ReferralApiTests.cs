using System.Net;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Referrals;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.LawEnforcement.Referrals;

public sealed class ReferralApiTests
{
    [Theory]
    [BothDatabases]
    public async Task ReportedToLea_ReferralReachesTheCountrysPoliceUnit_InItsQueue(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var first = await world.SeedItemAsync(world.HotlineNl, "NL");
        var second = await world.SeedItemAsync(world.HotlineDe, "NL");
        var elsewhere = await world.SeedItemAsync(world.HotlineDe, "DE");
        await ProblemAssert.IsSuccessAsync(await world.ReferAsync(first, "PossibleNewVictim", "Child may be unidentified"));
        await ProblemAssert.IsSuccessAsync(await world.ReferAsync(second, "HostUnresponsive", null));
        await ProblemAssert.IsSuccessAsync(await world.ReferAsync(elsewhere, "NotTraceable", null));

        var queue = await world.PoliceNl.GetJsonAsync("/api/v1/referrals?state=New");
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([first.RouteId, second.RouteId], items.Select(i => i.GetProperty("routeId").GetGuid()));
        Assert.Equal(first.Url, items[0].GetProperty("url").GetString());
        Assert.Equal("PossibleNewVictim", items[0].GetProperty("reason").GetString());
        Assert.Equal("HostUnresponsive", items[1].GetProperty("reason").GetString());

        var referral = await world.PoliceNl.GetJsonAsync($"/api/v1/referrals/{items[0].GetProperty("id").GetGuid()}");
        Assert.Equal("Child may be unidentified", referral.GetProperty("note").GetString());
        Assert.Equal("NL", referral.GetProperty("hostingCountry").GetString());
        Assert.Equal("192.0.2.7", referral.GetProperty("serverAddress").GetString());
        Assert.Equal(first.Sha256, referral.GetProperty("mediaSha256").GetString());
        Assert.Equal(world.HotlineNl.Organisation.Name, referral.GetProperty("hotlineName").GetString());
        Assert.Equal("Baseline", referral.GetProperty("decisions")[0].GetProperty("verdict").GetString());

        var de = await world.PoliceDe.GetJsonAsync("/api/v1/referrals");
        Assert.Equal([elsewhere.RouteId], de.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("routeId").GetGuid()));

        var page = await world.PoliceNl.GetJsonAsync("/api/v1/referrals?limit=1");
        Assert.Single(page.GetProperty("items").EnumerateArray());
        var rest = await world.PoliceNl.GetJsonAsync($"/api/v1/referrals?limit=1&cursor={page.GetProperty("nextCursor").GetGuid()}");
        Assert.Equal(second.RouteId, Assert.Single(rest.GetProperty("items").EnumerateArray()).GetProperty("routeId").GetGuid());

        var audited = await world.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.ReferralCreated).CountAsync(PortalWorld.Ct));
        Assert.Equal(3, audited);
    }

    [Theory]
    [BothDatabases]
    public async Task ReportedToLea_CountryWithoutPoliceUnit_ActionRecorded_RouteSaysNobodyReceivedIt(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var hotlineBe = await world.App.CreateOrganisationAsync(OrganisationKind.Hotline, "BE");
        using var client = world.App.CreateClient(await world.App.CreateApiKeyAsync(hotlineBe, [.. ScopeCeilings.For(OrganisationKind.Hotline)]));
        var member = new PortalMember(hotlineBe, client);
        var item = await world.SeedItemAsync(member, "BE");

        await ProblemAssert.IsSuccessAsync(await member.PostAsync($"/api/v1/routes/{item.RouteId}/actions", new { kind = "ReportedToLea", reason = "NotTraceable" }));

        var view = await member.GetJsonAsync($"/api/v1/routes/{item.RouteId}/referral");
        Assert.True(view.GetProperty("reportedToLea").GetBoolean());
        Assert.False(view.GetProperty("received").GetBoolean());
        Assert.Contains("No police unit of BE", view.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("referral").ValueKind);
        var (actions, referrals) = await world.WithDatabaseAsync(async db => (
            await db.Set<TakedownAction>().CountAsync(a => a.RouteId == item.RouteId && a.Kind == TakedownActionKind.ReportedToLea, PortalWorld.Ct),
            await db.Set<Referral>().CountAsync(PortalWorld.Ct)));
        Assert.Equal(1, actions);
        Assert.Equal(0, referrals);
        await ProblemAssert.IsProblemAsync(await member.PostAsync($"/api/v1/routes/{item.RouteId}/referral/messages", new { body = "Anyone?" }), HttpStatusCode.NotFound);
    }

    [Theory]
    [BothDatabases]
    public async Task PoliceAcceptAndGiveFeedback_TheHotlineReadsItOnItsRoute_AndTheThreadGoesBothWays(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var id = await ReferralIdAsync(world, item);

        var accepted = await world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/accept");
        Assert.Equal("Accepted", JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(accepted)).RootElement.GetProperty("state").GetString());
        await ProblemAssert.IsProblemAsync(await world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/accept"), HttpStatusCode.Conflict);

        await ProblemAssert.IsSuccessAsync(await world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/feedback", new { outcome = "InvestigationOpened", note = "Case 2026-117" }));
        var open = await world.PoliceNl.GetJsonAsync($"/api/v1/referrals/{id}");
        Assert.Equal("Accepted", open.GetProperty("state").GetString());
        var closed = await world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/feedback", new { outcome = "VictimIdentified", close = true });
        Assert.Equal("Closed", JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(closed)).RootElement.GetProperty("state").GetString());
        await ProblemAssert.IsProblemAsync(await world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/feedback", new { outcome = "NoFurtherAction" }), HttpStatusCode.Conflict);

        await ProblemAssert.IsSuccessAsync(await world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/messages", new { body = "Do you have the page's earlier copy?" }));
        await ProblemAssert.IsSuccessAsync(await world.HotlineNl.PostAsync($"/api/v1/routes/{item.RouteId}/referral/messages", new { body = "Yes, attached to our report." }));

        var view = await world.HotlineNl.GetJsonAsync($"/api/v1/routes/{item.RouteId}/referral");
        var referral = view.GetProperty("referral");
        Assert.Equal(world.PoliceNl.Organisation.Name, referral.GetProperty("policeName").GetString());
        Assert.Equal("Closed", referral.GetProperty("state").GetString());
        Assert.Equal(["InvestigationOpened", "VictimIdentified"], referral.GetProperty("feedback").EnumerateArray().Select(f => f.GetProperty("outcome").GetString()));
        Assert.Equal("Case 2026-117", referral.GetProperty("feedback")[0].GetProperty("note").GetString());
        var thread = await world.PoliceNl.GetJsonAsync($"/api/v1/referrals/{id}/messages");
        Assert.Equal([true, false], thread.EnumerateArray().Select(m => m.GetProperty("fromPolice").GetBoolean()));
        Assert.Equal("Yes, attached to our report.", thread[1].GetProperty("body").GetString());

        var actions = await world.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Target == $"referral:{id:D}").Select(e => e.Action).ToListAsync(PortalWorld.Ct));
        Assert.Equal(1, actions.Count(a => a == AuditAction.ReferralAccepted));
        Assert.Equal(2, actions.Count(a => a == AuditAction.ReferralFeedbackGiven));
        Assert.Equal(2, actions.Count(a => a == AuditAction.ReferralMessagePosted));
        var states = await world.PoliceNl.GetJsonAsync("/api/v1/referrals?state=Closed");
        Assert.Equal(id, Assert.Single(states.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Theory]
    [BothDatabases]
    public async Task FinalOutcome_ClosesTheReferral_FeedbackBeforeAcceptIsRefused(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var id = await ReferralIdAsync(world, item);

        await ProblemAssert.IsProblemAsync(await world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/feedback", new { outcome = "NoFurtherAction" }), HttpStatusCode.Conflict);
        await ProblemAssert.IsSuccessAsync(await world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/accept"));
        var closed = await world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/feedback", new { outcome = "ForwardedElsewhere", note = "Sent to the FBI" });
        Assert.Equal("Closed", JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(closed)).RootElement.GetProperty("state").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task InvalidInput_Answers400NamingTheField_AndChangesNothing(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var id = await ReferralIdAsync(world, item);
        await ProblemAssert.IsSuccessAsync(await world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/accept"));

        await AssertInvalidAsync(world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/feedback", new { outcome = "Arrested" }), "outcome");
        await AssertInvalidAsync(world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/feedback", new { note = "No outcome" }), "outcome");
        await AssertInvalidAsync(world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/feedback", new { outcome = "NoFurtherAction", note = new string('x', ReferralFeedback.MaxNoteLength + 1) }), "note");
        await AssertInvalidAsync(world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/messages", new { body = "  " }), "body");
        await AssertInvalidAsync(world.PoliceNl.PostAsync($"/api/v1/referrals/{id}/messages", new { body = new string('x', ReferralMessage.MaxBodyLength + 1) }), "body");
        await AssertInvalidAsync(world.HotlineNl.PostAsync($"/api/v1/routes/{item.RouteId}/referral/messages", new { body = "" }), "body");
        await AssertInvalidAsync(world.PoliceNl.GetAsync("/api/v1/referrals?state=Archived"), "state");

        var referral = await world.PoliceNl.GetJsonAsync($"/api/v1/referrals/{id}");
        Assert.Equal("Accepted", referral.GetProperty("state").GetString());
        Assert.Empty(referral.GetProperty("feedback").EnumerateArray());
        Assert.Empty(referral.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task NoKey_401_KeyWithoutTheScope_403()
    {
        await using var world = await PortalWorld.StartAsync(DatabaseProvider.Sqlite);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var id = await ReferralIdAsync(world, item);
        using var anonymous = world.App.CreateClient();
        using var readOnly = world.App.CreateClient(await world.App.CreateApiKeyAsync(world.PoliceNl.Organisation, ApiScopes.ReferralsRead));
        using var writeOnly = world.App.CreateClient(await world.App.CreateApiKeyAsync(world.PoliceNl.Organisation, ApiScopes.ReferralsWrite));
        var noKey = new PortalMember(world.PoliceNl.Organisation, anonymous);
        var reader = new PortalMember(world.PoliceNl.Organisation, readOnly);
        var writer = new PortalMember(world.PoliceNl.Organisation, writeOnly);

        foreach (var call in ReferralCalls.Police(id))
        {
            await ProblemAssert.IsProblemAsync(await call(noKey), HttpStatusCode.Unauthorized);
        }

        await ProblemAssert.IsProblemAsync(await writer.GetAsync("/api/v1/referrals"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await writer.GetAsync($"/api/v1/referrals/{id}"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await writer.GetAsync($"/api/v1/referrals/{id}/messages"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await reader.PostAsync($"/api/v1/referrals/{id}/accept"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await reader.PostAsync($"/api/v1/referrals/{id}/feedback", new { outcome = "NoFurtherAction" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await reader.PostAsync($"/api/v1/referrals/{id}/messages", new { body = "Hello" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsSuccessAsync(await reader.GetAsync($"/api/v1/referrals/{id}"));
    }

    internal static async Task<Guid> ReferralIdAsync(PortalWorld world, PortalItem item, string reason = "PossibleNewVictim")
    {
        await ProblemAssert.IsSuccessAsync(await world.ReferAsync(item, reason));
        var hotline = item.HostingCountry == "DE" ? world.HotlineDe : world.HotlineNl;
        var view = await hotline.GetJsonAsync($"/api/v1/routes/{item.RouteId}/referral");
        return view.GetProperty("referral").GetProperty("id").GetGuid();
    }

    private static async Task AssertInvalidAsync(Task<HttpResponseMessage> call, string field)
    {
        using var response = await call;
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for '{field}': {problem}");
    }
}
