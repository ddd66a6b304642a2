using System.Net;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Routing;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Routing;

/// <summary>
/// Content behind a CDN: the assigned hotline records the origin host it learned from the CDN, and the route moves
/// to the origin country's hotline (<c>POST /api/v1/routes/{id}/origin</c>, the route page's "Behind a CDN" form).
/// </summary>
public sealed class CdnOriginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Record_AssignedHotline_MovesTheRouteToTheOriginsHotlineWithTheOrganisation(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var edge = await ActingAsync(network, await network.AddHotlineAsync("US"));
        var origin = await network.AddHotlineAsync("DE");
        var route = await BehindCdnAsync(network, reporter, "US");

        var response = await edge.PostAsync($"/api/v1/routes/{route}/origin", new { countryCode = "de", ipAddress = " 198.51.100.7 ", organisation = " Example Origin GmbH " });

        await ProblemAssert.IsSuccessAsync(response);
        var moved = await origin.RouteAsync(route);
        Assert.Equal(origin.Id, moved.GetProperty("assignedOrganisationId").GetGuid());
        Assert.Equal("DE", moved.GetProperty("countryCode").GetString());
        Assert.Equal("198.51.100.7", moved.GetProperty("serverAddress").GetString());
        var (stored, recorded, audited) = await network.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var row = await db.Set<ContentRoute>().SingleAsync(r => r.Id == route, Ct);
            var step = await db.Set<ContentRouteEvent>().SingleAsync(e => e.RouteId == route && e.Kind == RouteEventKind.OriginRecorded, Ct);
            var entry = await db.Set<AuditEntry>().SingleAsync(a => a.Action == AuditAction.RouteOriginRecorded && a.Target == $"route:{route:D}", Ct);
            return (row, step, entry);
        });
        Assert.True(stored.BehindCdn);
        Assert.Equal("Example Origin GmbH", stored.OriginOrganisation);
        Assert.Equal(RouteState.Assigned, stored.State);
        Assert.Equal("Example Origin GmbH", recorded.Reason);
        Assert.Equal("198.51.100.7", recorded.ServerAddress);
        Assert.Equal(edge.Id, recorded.FromOrganisationId);
        Assert.Equal(origin.Id, recorded.ToOrganisationId);
        Assert.Equal("US", recorded.FromCountryCode);
        Assert.Equal(edge.Id, audited.OrganisationId);

        // The CDN's hotline keeps seeing what became of the content, but no longer acts on it.
        await ProblemAssert.IsProblemAsync(await edge.PostAsync($"/api/v1/routes/{route}/origin", new { countryCode = "FR" }), HttpStatusCode.Forbidden);
    }

    [Theory]
    [BothDatabases]
    public async Task Record_OriginInACountryWithoutAHotline_Orphans(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var edge = await ActingAsync(network, await network.AddHotlineAsync("US"));
        var route = await BehindCdnAsync(network, reporter, "US");

        await ProblemAssert.IsSuccessAsync(await edge.PostAsync($"/api/v1/routes/{route}/origin", new { countryCode = "IS" }));

        var routed = await network.Coordinator.RouteAsync(route);
        Assert.Equal("Orphaned", routed.GetProperty("state").GetString());
        Assert.Equal("IS", routed.GetProperty("countryCode").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task Record_RouteNotBehindACdn_IsAConflictAndNothingChanges(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var assigned = await ActingAsync(network, await network.AddHotlineAsync("US"));
        await network.AddHotlineAsync("DE");
        var route = (await network.ReportAndRouteAsync(reporter, ("US", "203.0.113.9"))).Routes[0];

        var problem = await ProblemAssert.IsProblemAsync(
            await assigned.PostAsync($"/api/v1/routes/{route}/origin", new { countryCode = "DE" }), HttpStatusCode.Conflict);

        Assert.Contains("not behind a CDN", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(assigned.Id, (await assigned.RouteAsync(route)).GetProperty("assignedOrganisationId").GetGuid());
    }

    [Theory]
    [BothDatabases]
    public async Task Record_OtherHotlines_RefusedWhenTheySeeTheRouteElseNotFound(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await ActingAsync(network, await network.AddHotlineAsync("NL"));
        await network.AddHotlineAsync("US");
        var unrelated = await ActingAsync(network, await network.AddHotlineAsync("BE"));
        var route = await BehindCdnAsync(network, reporter, "US");

        var refused = await ProblemAssert.IsProblemAsync(
            await reporter.PostAsync($"/api/v1/routes/{route}/origin", new { countryCode = "DE" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await unrelated.PostAsync($"/api/v1/routes/{route}/origin", new { countryCode = "DE" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(
            await reporter.PostAsync($"/api/v1/routes/{Guid.CreateVersion7()}/origin", new { countryCode = "DE" }), HttpStatusCode.NotFound);

        Assert.Contains("only the assigned hotline records the origin", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Record_TheCoordinator_MayRecordTheOrigin(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        await network.AddHotlineAsync("US");
        var origin = await network.AddHotlineAsync("DE");
        var coordinator = await ActingAsync(network, network.Coordinator);
        var route = await BehindCdnAsync(network, reporter, "US");

        await ProblemAssert.IsSuccessAsync(await coordinator.PostAsync($"/api/v1/routes/{route}/origin", new { countryCode = "DE", organisation = "Example Origin GmbH" }));

        Assert.Equal(origin.Id, (await origin.RouteAsync(route)).GetProperty("assignedOrganisationId").GetGuid());
    }

    [Theory]
    [BothDatabases]
    public async Task Record_BadInput_Answers400NamingTheField(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var edge = await ActingAsync(network, await network.AddHotlineAsync("US"));
        var route = await BehindCdnAsync(network, reporter, "US");

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { countryCode = "XX" }, "countryCode"),
            (new { countryCode = "Germany" }, "countryCode"),
            (new { ipAddress = "198.51.100.7" }, "countryCode"),
            (new { countryCode = "DE", ipAddress = "not-an-address" }, "ipAddress"),
            (new { countryCode = "DE", organisation = new string('x', CdnOrigins.MaxOrganisationLength + 1) }, "organisation"),
            (new { countryCode = 42 }, "countryCode"),
        })
        {
            var problem = await ProblemAssert.IsProblemAsync(await edge.PostAsync($"/api/v1/routes/{route}/origin", body), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        Assert.Equal(edge.Id, (await edge.RouteAsync(route)).GetProperty("assignedOrganisationId").GetGuid());
    }

    [Theory]
    [BothDatabases]
    public async Task Record_NoKeyOrWithoutActionsWrite_IsRefused(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var edge = await network.AddHotlineAsync("US");
        var route = await BehindCdnAsync(network, reporter, "US");
        using var anonymous = network.App.CreateClient();

        var none = await anonymous.PostAsync(new Uri($"/api/v1/routes/{route}/origin", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { countryCode = "DE" }), Ct);
        var routingOnly = await edge.PostAsync($"/api/v1/routes/{route}/origin", new { countryCode = "DE" });

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        await ProblemAssert.IsProblemAsync(routingOnly, HttpStatusCode.Forbidden);
    }

    [Theory]
    [BothDatabases]
    public async Task Page_BehindACdn_ShowsTheSectionAndRecordsTheOrigin(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var edge = await network.AddHotlineAsync("US");
        var origin = await network.AddHotlineAsync("DE");
        var route = await BehindCdnAsync(network, reporter, "US");
        var plain = (await network.ReportAndRouteAsync(reporter, ("US", "203.0.113.10"))).Routes[0];
        var user = await network.App.CreateUserAsync(edge.Organisation, Role.Analyst);
        using var browser = new Browser(network.App.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, user.User.Email!, user.OneTimePassword);

        var html = await browser.OpenAsync($"/Routes/{route}");
        var plainHtml = await browser.OpenAsync($"/Routes/{plain}");
        var bad = await browser.SubmitAsync(html, $"/Routes/{route}/Origin", ("Input.CountryCode", "ZZ"), ("Input.IpAddress", ""), ("Input.Organisation", ""));
        var done = await browser.SubmitAsync(html, $"/Routes/{route}/Origin", ("Input.CountryCode", "DE"), ("Input.IpAddress", "198.51.100.7"), ("Input.Organisation", "Example Origin GmbH"));

        Assert.Contains("Behind a CDN", html, StringComparison.Ordinal);
        Assert.Contains("id=\"cdn-origin-form\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Behind a CDN", plainHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not an ISO 3166-1 alpha-2 country code", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(origin.Id, (await origin.RouteAsync(route)).GetProperty("assignedOrganisationId").GetGuid());
        var after = await browser.OpenAsync($"/Routes/{route}");
        Assert.Contains("The origin behind the CDN is recorded", after, StringComparison.Ordinal);
        Assert.Contains("Example Origin GmbH", after, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cdn-origin-form\"", after, StringComparison.Ordinal);
    }

    /// <summary>A route reported by <paramref name="reporter"/> whose content was found behind a CDN's edge in <paramref name="edgeCountry"/>.</summary>
    private static async Task<Guid> BehindCdnAsync(RoutingNetwork network, Member reporter, string edgeCountry)
    {
        var route = (await network.ReportAndRouteAsync(reporter, (edgeCountry, "203.0.113.80"))).Routes[0];
        await network.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var urlId = await db.Set<ContentRoute>().Where(r => r.Id == route).Select(r => r.CrawledUrlId).SingleAsync(Ct);
            await db.Set<CrawledUrl>().Where(u => u.Id == urlId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsCdn, true), Ct);
            return await db.Set<ContentRoute>().Where(r => r.Id == route).ExecuteUpdateAsync(s => s.SetProperty(r => r.BehindCdn, true), Ct);
        });
        return route;
    }

    /// <summary>The member with a key that may also record actions (<c>actions:write</c>), as a hotline's takedown key does.</summary>
    private static async Task<Member> ActingAsync(RoutingNetwork network, Member member)
    {
        var key = await network.App.CreateApiKeyAsync(member.Organisation, ApiScopes.RoutesRead, ApiScopes.RoutesWrite, ApiScopes.ActionsWrite);
        return member with { Client = network.App.CreateClient(key) };
    }
}
