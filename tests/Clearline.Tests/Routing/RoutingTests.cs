using System.Net;
using System.Text.Json;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Routing;

/// <summary>Content URLs go to the hotline of their hosting country, are orphaned where there is none, are claimed and move on.</summary>
public sealed class RoutingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task RouteCrawl_ByHostingCountry_AssignsOrOrphansEachContentUrlOnce(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");

        var seeded = await network.ReportAndRouteAsync(reporter, ("DE", "198.51.100.7"), ("BR", "203.0.113.9"), (null, "203.0.113.10"));
        var (inGermany, noHotline, unknown) = (seeded.Routes[0], seeded.Routes[1], seeded.Routes[2]);

        var routed = await german.RouteAsync(inGermany);
        Assert.Equal("Assigned", routed.GetProperty("state").GetString());
        Assert.Equal(german.Id, routed.GetProperty("assignedOrganisationId").GetGuid());
        Assert.Equal("DE", routed.GetProperty("countryCode").GetString());
        Assert.Equal("Routed", Assert.Single(routed.GetProperty("history").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal([inGermany], await german.QueueAsync("assigned"));
        foreach (var orphan in new[] { noHotline, unknown })
        {
            var route = await network.Coordinator.RouteAsync(orphan);
            Assert.Equal("Orphaned", route.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, route.GetProperty("assignedOrganisationId").ValueKind);
            Assert.Equal("Orphaned", Assert.Single(route.GetProperty("history").EnumerateArray()).GetProperty("kind").GetString());
        }

        Assert.Equal(JsonValueKind.Null, (await network.Coordinator.RouteAsync(unknown)).GetProperty("countryCode").ValueKind);
        // Routes made in the same millisecond have no defined order: compare the queues as sets.
        Assert.Equal(new[] { noHotline, unknown }.Order(), (await network.Coordinator.QueueAsync("orphaned")).Order());
        Assert.Equal(new[] { inGermany, noHotline, unknown }.Order(), (await reporter.QueueAsync("reported")).Order());
        Assert.Equal(3, await network.RouteAgainAsync(seeded.CrawlId));
    }

    [Theory]
    [BothDatabases]
    public async Task RouteCrawl_NoDesignation_GoesToTheCountrysOldestHotlineUntilOneIsDesignated(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var oldest = await network.AddHotlineAsync("FR");
        var newer = await network.AddHotlineAsync("FR");

        var before = (await network.ReportAndRouteAsync(reporter, ("FR", "198.51.100.1"))).Routes[0];
        await ProblemAssert.IsSuccessAsync(await network.Coordinator.PutAsync("/api/v1/designations/fr", new { organisationId = newer.Id }));
        var after = (await network.ReportAndRouteAsync(reporter, ("FR", "198.51.100.2"))).Routes[0];

        Assert.Equal(oldest.Id, (await network.Coordinator.RouteAsync(before)).GetProperty("assignedOrganisationId").GetGuid());
        Assert.Equal(newer.Id, (await network.Coordinator.RouteAsync(after)).GetProperty("assignedOrganisationId").GetGuid());
        var designations = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await reporter.GetAsync("/api/v1/designations"))).RootElement;
        var france = designations.EnumerateArray().Single(d => d.GetProperty("countryCode").GetString() == "FR");
        Assert.Equal(newer.Id, france.GetProperty("organisationId").GetGuid());
        Assert.False(france.GetProperty("isDefault").GetBoolean());
        Assert.True(designations.EnumerateArray().Single(d => d.GetProperty("countryCode").GetString() == "NL").GetProperty("isDefault").GetBoolean());
        var audited = await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .Where(a => a.Action == AuditAction.HotlineDesignated).Select(a => new { a.OrganisationId, a.Target, a.Detail }).ToListAsync(Ct));
        var entry = Assert.Single(audited);
        Assert.Equal(network.Coordinator.Id, entry.OrganisationId);
        Assert.Equal($"org:{newer.Id:D}", entry.Target);
        Assert.Equal("country=FR", entry.Detail);
    }

    [Theory]
    [BothDatabases]
    public async Task Claim_MandatedHotline_TakesTheOrphanAndOthersAreRefused(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var mandated = await network.AddHotlineAsync("GB");
        var orphan = (await network.ReportAndRouteAsync(reporter, ("BR", "203.0.113.9"))).Routes[0];
        await ProblemAssert.IsSuccessAsync(await network.Coordinator.PutAsync($"/api/v1/mandates/{mandated.Id}"));

        var refused = await ProblemAssert.IsProblemAsync(await reporter.PostAsync($"/api/v1/routes/{orphan}/claim"), HttpStatusCode.Forbidden);
        Assert.Contains("not mandated", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await reporter.GetAsync("/api/v1/routes?queue=orphaned"), HttpStatusCode.Forbidden);
        Assert.Equal([orphan], await mandated.QueueAsync("orphaned"));

        var claimed = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await mandated.PostAsync($"/api/v1/routes/{orphan}/claim"))).RootElement;

        Assert.Equal("Assigned", claimed.GetProperty("state").GetString());
        Assert.Equal(mandated.Id, claimed.GetProperty("assignedOrganisationId").GetGuid());
        Assert.NotEqual(JsonValueKind.Null, claimed.GetProperty("claimedAt").ValueKind);
        Assert.Equal(["Orphaned", "Claimed"], claimed.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal([orphan], await mandated.QueueAsync("assigned"));
        Assert.Empty(await network.Coordinator.QueueAsync("orphaned"));
        await ProblemAssert.IsProblemAsync(await mandated.PostAsync($"/api/v1/routes/{orphan}/claim"), HttpStatusCode.Conflict);
    }

    [Theory]
    [BothDatabases]
    public async Task Moved_ToAnotherCountry_ReassignsKeepsHistoryAndShowsTheReportersContext(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var first = await network.AddHotlineAsync("DE");
        var receiving = await network.AddHotlineAsync("SE");
        var route = (await network.ReportAndRouteAsync(reporter, ("DE", "198.51.100.7"))).Routes[0];

        var refused = await ProblemAssert.IsProblemAsync(
            await reporter.PostAsync($"/api/v1/routes/{route}/moved", new { countryCode = "SE" }), HttpStatusCode.Forbidden);
        Assert.Contains("only the assigned hotline", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var moved = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(
            await first.PostAsync($"/api/v1/routes/{route}/moved", new { countryCode = "se", ipAddress = "2001:db8::5" }))).RootElement;

        Assert.Equal(receiving.Id, moved.GetProperty("assignedOrganisationId").GetGuid());
        var seen = await receiving.RouteAsync(route);
        Assert.Equal("SE", seen.GetProperty("countryCode").GetString());
        Assert.Equal("2001:db8::5", seen.GetProperty("serverAddress").GetString());
        var history = seen.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["Routed", "Moved"], history.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("DE", history[1].GetProperty("fromCountryCode").GetString());
        Assert.Equal("SE", history[1].GetProperty("toCountryCode").GetString());
        Assert.Equal(first.Id, history[1].GetProperty("fromOrganisationId").GetGuid());
        Assert.Equal("2001:db8::5", history[1].GetProperty("serverAddress").GetString());
        var report = seen.GetProperty("report");
        Assert.Equal(reporter.Organisation.Name, report.GetProperty("reportedByName").GetString());
        Assert.Equal("REF-42", report.GetProperty("hotlineReference").GetString());
        Assert.Equal("Forum", report.GetProperty("siteType").GetString());
        Assert.Equal("Commercial", report.GetProperty("commerciality").GetString());
        Assert.Equal(["Visa", "Cryptocurrency"], report.GetProperty("paymentMethods").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("https://referrer.example/", report.GetProperty("referrer").GetString());
        Assert.Equal("Reported by a member of the public.", report.GetProperty("memo").GetString());
        Assert.Equal("198.51.100.7", seen.GetProperty("hosting").GetProperty("ipAddress").GetString());
        Assert.Equal("Example Hosting", seen.GetProperty("hosting").GetProperty("networkOrganisation").GetString());
        Assert.Equal([route], await receiving.QueueAsync("assigned"));
        Assert.Empty(await first.QueueAsync("assigned"));
        Assert.Equal(2, (await first.RouteAsync(route)).GetProperty("history").GetArrayLength());
        await ProblemAssert.IsProblemAsync(await first.PostAsync($"/api/v1/routes/{route}/moved", new { countryCode = "DE" }), HttpStatusCode.Forbidden);
    }

    [Theory]
    [BothDatabases]
    public async Task Moved_ToCountryWithoutHotline_OrphansIt(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var assigned = await network.AddHotlineAsync("DE");
        var route = (await network.ReportAndRouteAsync(assigned, ("DE", "198.51.100.7"))).Routes[0];

        var moved = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(
            await assigned.PostAsync($"/api/v1/routes/{route}/moved", new { countryCode = "BR" }))).RootElement;

        Assert.Equal("Orphaned", moved.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("serverAddress").ValueKind);
        Assert.Equal([route], await network.Coordinator.QueueAsync("orphaned"));
    }

    [Theory]
    [BothDatabases]
    public async Task Moved_BadInput_Is400NamingTheFieldAndChangesNothing(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var assigned = await network.AddHotlineAsync("DE");
        var route = (await network.ReportAndRouteAsync(assigned, ("DE", "198.51.100.7"))).Routes[0];

        var badCountry = await ProblemAssert.IsProblemAsync(
            await assigned.PostAsync($"/api/v1/routes/{route}/moved", new { countryCode = "XX" }), HttpStatusCode.BadRequest);
        var noCountry = await ProblemAssert.IsProblemAsync(
            await assigned.PostAsync($"/api/v1/routes/{route}/moved", new { ipAddress = "198.51.100.8" }), HttpStatusCode.BadRequest);
        var badIp = await ProblemAssert.IsProblemAsync(
            await assigned.PostAsync($"/api/v1/routes/{route}/moved", new { countryCode = "SE", ipAddress = "999.1.1.1" }), HttpStatusCode.BadRequest);

        Assert.True(badCountry.GetProperty("errors").TryGetProperty("countryCode", out _), badCountry.ToString());
        Assert.True(noCountry.GetProperty("errors").TryGetProperty("countryCode", out _), noCountry.ToString());
        Assert.True(badIp.GetProperty("errors").TryGetProperty("ipAddress", out _), badIp.ToString());
        var unchanged = await assigned.RouteAsync(route);
        Assert.Equal("DE", unchanged.GetProperty("countryCode").GetString());
        Assert.Equal(1, unchanged.GetProperty("history").GetArrayLength());
    }
}
