using System.Net;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Routing;

/// <summary>Who may see and change routes, designations and mandates: scopes, 404 across tenants, coordinator-only settings.</summary>
public sealed class RoutingPermissionTests
{
    [Theory]
    [BothDatabases]
    public async Task Routes_UnrelatedOrganisations_Answer404AndSeeNothingInTheirQueues(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        await network.AddHotlineAsync("DE");
        var route = (await network.ReportAndRouteAsync(reporter, ("DE", "198.51.100.7"))).Routes[0];
        var unrelatedHotline = await network.AddHotlineAsync("BE");
        var police = await network.AddAsync(OrganisationKind.LawEnforcement, "DE");

        // Police keys cannot hold the routing scopes at all (their kind's ceiling), so they are refused before any lookup.
        foreach (var (outsider, status) in new[] { (unrelatedHotline, HttpStatusCode.NotFound), (police, HttpStatusCode.Forbidden) })
        {
            await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/v1/routes/{route}"), status);
            await ProblemAssert.IsProblemAsync(await outsider.PostAsync($"/api/v1/routes/{route}/claim"), status);
            await ProblemAssert.IsProblemAsync(await outsider.PostAsync($"/api/v1/routes/{route}/moved", new { countryCode = "BE" }), status);
            await ProblemAssert.IsProblemAsync(
                await outsider.PostAsync($"/api/v1/routes/{route}/assign", new { organisationId = outsider.Id }), status);
        }

        Assert.Empty(await unrelatedHotline.QueueAsync("assigned"));
        Assert.Empty(await unrelatedHotline.QueueAsync("reported"));
        await ProblemAssert.IsProblemAsync(await police.GetAsync("/api/v1/routes?queue=assigned"), HttpStatusCode.Forbidden);

        await ProblemAssert.IsProblemAsync(await reporter.GetAsync($"/api/v1/routes/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound);
        await reporter.RouteAsync(route);
    }

    [Theory]
    [BothDatabases]
    public async Task Routes_WithoutTheScope_Answer403AndWithoutAKey401(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var route = (await network.ReportAndRouteAsync(reporter, ("NL", "198.51.100.7"))).Routes[0];
        var readOnly = network.App.CreateClient(await network.App.CreateApiKeyAsync(reporter.Organisation, ApiScopes.RoutesRead));
        var reportsOnly = network.App.CreateClient(await network.App.CreateApiKeyAsync(reporter.Organisation, ApiScopes.ReportsRead, ApiScopes.ReportsWrite));
        var ct = TestContext.Current.CancellationToken;

        await ProblemAssert.IsProblemAsync(await reportsOnly.GetAsync(new Uri($"/api/v1/routes/{route}", UriKind.Relative), ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await reportsOnly.GetAsync(new Uri("/api/v1/designations", UriKind.Relative), ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(
            await readOnly.PostAsync(new Uri($"/api/v1/routes/{route}/moved", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { countryCode = "DE" }), ct),
            HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await readOnly.PutAsync(new Uri($"/api/v1/mandates/{reporter.Id}", UriKind.Relative), null, ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await network.App.CreateClient().GetAsync(new Uri("/api/v1/routes", UriKind.Relative), ct), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsSuccessAsync(await readOnly.GetAsync(new Uri($"/api/v1/routes/{route}", UriKind.Relative), ct));
    }

    [Theory]
    [BothDatabases]
    public async Task CoordinatorOnlyActions_ByAHotline_Answer403WithTheReason(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var hotline = await network.AddHotlineAsync("NL");
        var orphan = (await network.ReportAndRouteAsync(hotline, ("BR", "203.0.113.9"))).Routes[0];

        var designate = await ProblemAssert.IsProblemAsync(
            await hotline.PutAsync("/api/v1/designations/NL", new { organisationId = hotline.Id }), HttpStatusCode.Forbidden);
        var mandate = await ProblemAssert.IsProblemAsync(await hotline.PutAsync($"/api/v1/mandates/{hotline.Id}"), HttpStatusCode.Forbidden);
        var revoke = await ProblemAssert.IsProblemAsync(await hotline.DeleteAsync($"/api/v1/mandates/{hotline.Id}"), HttpStatusCode.Forbidden);
        var assign = await ProblemAssert.IsProblemAsync(
            await hotline.PostAsync($"/api/v1/routes/{orphan}/assign", new { organisationId = hotline.Id }), HttpStatusCode.Forbidden);

        foreach (var problem in new[] { designate, mandate, revoke, assign })
        {
            Assert.Contains("Only the coordinator", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var assigned = await ProblemAssert.IsSuccessAsync(
            await network.Coordinator.PostAsync($"/api/v1/routes/{orphan}/assign", new { organisationId = hotline.Id }));
        Assert.Contains("\"Reassigned\"", assigned, StringComparison.Ordinal);
        Assert.Equal([orphan], await hotline.QueueAsync("assigned"));
    }

    [Theory]
    [BothDatabases]
    public async Task Designate_InvalidInput_Is400NamingTheField(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var dutch = await network.AddHotlineAsync("NL");
        var police = await network.AddAsync(OrganisationKind.LawEnforcement, "NL");
        var coordinator = network.Coordinator;

        var cases = new (string Path, object Body, string Field)[]
        {
            ("/api/v1/designations/XX", new { organisationId = dutch.Id }, "countryCode"),
            ("/api/v1/designations/NLD", new { organisationId = dutch.Id }, "countryCode"),
            ("/api/v1/designations/NL", new { organisationId = police.Id }, "organisationId"),
            ("/api/v1/designations/DE", new { organisationId = dutch.Id }, "organisationId"),
            ("/api/v1/designations/NL", new { organisationId = Guid.CreateVersion7() }, "organisationId"),
            ("/api/v1/designations/NL", new { }, "organisationId"),
        };
        foreach (var (path, body, field) in cases)
        {
            var problem = await ProblemAssert.IsProblemAsync(await coordinator.PutAsync(path, body), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path}: {problem}");
        }

        await ProblemAssert.IsProblemAsync(await coordinator.PutAsync($"/api/v1/mandates/{police.Id}"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await coordinator.DeleteAsync($"/api/v1/mandates/{dutch.Id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await dutch.GetAsync("/api/v1/routes?queue=everything"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [BothDatabases]
    public async Task Mandate_Revoked_ClosesTheOrphanedQueue(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var hotline = await network.AddHotlineAsync("GB");
        var orphan = (await network.ReportAndRouteAsync(await network.AddHotlineAsync("NL"), ("BR", "203.0.113.9"))).Routes[0];

        await ProblemAssert.IsSuccessAsync(await network.Coordinator.PutAsync($"/api/v1/mandates/{hotline.Id}"));
        await ProblemAssert.IsSuccessAsync(await network.Coordinator.PutAsync($"/api/v1/mandates/{hotline.Id}"));
        Assert.Equal([orphan], await hotline.QueueAsync("orphaned"));
        Assert.Equal(HttpStatusCode.NoContent, (await network.Coordinator.DeleteAsync($"/api/v1/mandates/{hotline.Id}")).StatusCode);

        await ProblemAssert.IsProblemAsync(await hotline.GetAsync("/api/v1/routes?queue=orphaned"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await hotline.PostAsync($"/api/v1/routes/{orphan}/claim"), HttpStatusCode.NotFound);
    }
}
