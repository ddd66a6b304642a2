using System.Net;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Takedown;

/// <summary>Only the assigned hotline records actions: others that see the route get 403 naming it, the rest 404.</summary>
public sealed class ActionPermissionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task RecordAction_ByTheAssignedHotline_IsKeptAndAudited_OthersAreRefused(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var assigned = await network.AddHotlineAsync("DE");
        var unrelated = await network.AddHotlineAsync("BE");
        var route = await network.ReportAndRouteAsync(reporter, "https://img.example/1.png", "DE", DateTimeOffset.UtcNow.AddDays(-1));

        var created = await assigned.ActAsync(route, "ReportedToLea", "IllegalContent", "Case 2026-17 at the national police.");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/routes/{route}/actions", created.Headers.Location?.OriginalString);

        var refused = await ProblemAssert.IsProblemAsync(await reporter.ActAsync(route, "ReportedToHost", "IllegalContent"), HttpStatusCode.Forbidden);
        Assert.Equal($"This content is assigned to {assigned.Organisation.Name}; only that hotline records actions on it.", refused.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await unrelated.ActAsync(route, "ReportedToHost", "IllegalContent"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await unrelated.GetAsync($"/api/v1/routes/{route}/actions"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await assigned.ActAsync(Guid.CreateVersion7(), "ReportedToHost", "IllegalContent"), HttpStatusCode.NotFound);
        Assert.Empty(await unrelated.TakedownQueueAsync("unactioned"));

        // The reporting hotline follows what became of its report.
        var takedown = await reporter.TakedownAsync(route);
        Assert.Equal("ReportedToLea", takedown.GetProperty("state").GetString());
        var action = Assert.Single(takedown.GetProperty("actions").EnumerateArray());
        Assert.Equal("ReportedToLea", action.GetProperty("kind").GetString());
        Assert.Equal("IllegalContent", action.GetProperty("reason").GetString());
        Assert.Equal("Case 2026-17 at the national police.", action.GetProperty("note").GetString());
        Assert.Equal(assigned.Id, action.GetProperty("organisationId").GetGuid());
        Assert.Equal("ApiKey", action.GetProperty("recordedBy").GetString());

        var audited = await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .Where(e => e.Action == AuditAction.TakedownActionRecorded).Select(e => new { e.OrganisationId, e.Target, e.Detail }).ToListAsync(Ct));
        var entry = Assert.Single(audited);
        Assert.Equal((assigned.Id, $"route:{route:D}", "kind=ReportedToLea;reason=IllegalContent"), (entry.OrganisationId!.Value, entry.Target!, entry.Detail!));
    }

    [Theory]
    [BothDatabases]
    public async Task Actions_WithoutTheScope_Answer403AndWithoutAKey401(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var hotline = await network.AddHotlineAsync("DE");
        var route = await network.ReportAndRouteAsync(hotline, "https://img.example/1.png", "DE", DateTimeOffset.UtcNow);
        var readOnly = new Member(hotline.Organisation, network.App.CreateClient(await network.App.CreateApiKeyAsync(hotline.Organisation, ApiScopes.RoutesRead)));
        var reportsOnly = new Member(hotline.Organisation, network.App.CreateClient(await network.App.CreateApiKeyAsync(hotline.Organisation, ApiScopes.ReportsRead)));
        var anonymous = new Member(hotline.Organisation, network.App.CreateClient());

        await ProblemAssert.IsProblemAsync(await readOnly.ActAsync(route, "ReportedToHost", "IllegalContent"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await reportsOnly.GetAsync($"/api/v1/routes/{route}/actions"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await reportsOnly.GetAsync("/api/v1/actions/queues/unactioned"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await anonymous.ActAsync(route, "ReportedToHost", "IllegalContent"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/v1/actions/queues/unactioned"), HttpStatusCode.Unauthorized);
        Assert.Equal([route], await readOnly.TakedownQueueAsync("unactioned"));
    }

    [Theory]
    [BothDatabases]
    public async Task RecordAction_BadInput_Is400NamingTheFieldAndRecordsNothing(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var hotline = await network.AddHotlineAsync("DE");
        var route = await network.ReportAndRouteAsync(hotline, "https://img.example/1.png", "DE", DateTimeOffset.UtcNow);
        var path = $"/api/v1/routes/{route}/actions";

        var cases = new (object Body, string Field)[]
        {
            (new { kind = "Deleted", reason = "ContentNotFound" }, "kind"),
            (new { kind = "2", reason = "IllegalContent" }, "kind"),
            (new { reason = "IllegalContent" }, "kind"),
            (new { kind = "ReportedToHost", reason = "AdultPornography" }, "reason"),
            (new { kind = "NotIllegal", reason = "IllegalContent" }, "reason"),
            (new { kind = "Removed", reason = "Whatever" }, "reason"),
            (new { kind = "Removed" }, "reason"),
            (new { kind = "ReportedToHost", reason = "IllegalContent", note = new string('n', 2001) }, "note"),
            (new { kind = "Removed", reason = "Error404NotFoundOrSiteDown", countryCode = "FR" }, "countryCode"),
            (new { kind = "Moved", reason = "HostingChanged" }, "countryCode"),
            (new { kind = "Moved", reason = "HostingChanged", countryCode = "ZZ" }, "countryCode"),
            (new { kind = "Moved", reason = "HostingChanged", countryCode = "FR", ipAddress = "not-an-ip" }, "ipAddress"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await ProblemAssert.IsProblemAsync(await hotline.PostAsync(path, body), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body}: {problem}");
        }

        var reasons = await ProblemAssert.IsProblemAsync(await hotline.ActAsync(route, "NotIllegal", "Error404NotFoundOrSiteDown"), HttpStatusCode.BadRequest);
        Assert.Contains("AdultPornography, NudismOrNotSexualized, DoesNotMeetThresholdForIllegality", reasons.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await hotline.GetAsync("/api/v1/actions/queues/everything"), HttpStatusCode.BadRequest);
        var takedown = await hotline.TakedownAsync(route);
        Assert.Empty(takedown.GetProperty("actions").EnumerateArray());
        Assert.Equal("DE", (await hotline.RouteAsync(route)).GetProperty("countryCode").GetString());
        Assert.Equal([route], await hotline.TakedownQueueAsync("unactioned"));
    }
}
