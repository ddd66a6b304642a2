using System.Net;
using System.Text.Json;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.RoutePages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Routing;

/// <summary>The reporting hotline marks a page itself illegal (ICCAM's website type): the page URL is routed, and withdrawn with the decision.</summary>
public sealed class WebsiteDecisionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task MarkPageIllegal_RoutesThePageUrl_AndWithdrawingWithdrawsIt(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");
        var analyst = new Member(reporter.Organisation, await network.StaffAsync(reporter));
        var seeded = await network.SeedAsync(reporter, [("DE", "198.51.100.1", SeededDecisions.NewSha256())], pageCountry: "DE");

        var decided = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(
            await analyst.PostAsync($"/api/v1/urls/{seeded.PageId}/website-decision", new { verdict = "National" }))).RootElement;

        var routeId = decided.GetProperty("routeId").GetGuid();
        var route = await german.RouteAsync(routeId);
        Assert.Equal(("Website", "National", "NL"), (route.GetProperty("subject").GetString(), route.GetProperty("verdict").GetString(), route.GetProperty("jurisdiction").GetString()));
        Assert.Equal(german.Id, route.GetProperty("assignedOrganisationId").GetGuid());
        Assert.Equal([routeId], await german.QueueAsync("assigned"));
        // The content URL itself is undecided, so it has no route.
        Assert.Null((await network.RoutesOfAsync(seeded.UrlIds))[0]);

        await ProblemAssert.IsSuccessAsync(await analyst.DeleteAsync($"/api/v1/urls/{seeded.PageId}/website-decision"));

        var withdrawn = await german.RouteAsync(routeId);
        Assert.Equal("Withdrawn", withdrawn.GetProperty("state").GetString());
        Assert.Contains("withdrew its decision", withdrawn.GetProperty("withdrawnReason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await german.QueueAsync("assigned"));

        await ProblemAssert.IsSuccessAsync(await analyst.PostAsync($"/api/v1/urls/{seeded.PageId}/website-decision", new { verdict = "Baseline" }));
        Assert.Equal("Assigned", (await german.RouteAsync(routeId)).GetProperty("state").GetString());
        var audited = await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .Where(a => a.Target == $"crawledurl:{seeded.PageId:D}" || a.Target == $"route:{routeId:D}")
            .Where(a => a.Action != AuditAction.AbuseContactLookedUp).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(
            [AuditAction.WebsiteClassified, AuditAction.WebsiteClassified, AuditAction.RouteWithdrawn, AuditAction.WebsiteClassified, AuditAction.RouteReinstated],
            audited);
    }

    [Theory]
    [BothDatabases]
    public async Task ReportPage_MarkThisPageIllegal_RoutesThePage_AndAnotherHotlineCannot(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");
        var seeded = await network.SeedAsync(reporter, [("DE", "198.51.100.1", SeededDecisions.NewSha256())], pageCountry: "DE");
        using var analyst = await People.SignInAsync(network.App, reporter.Organisation, Role.Analyst);
        using var stranger = await People.SignInAsync(network.App, german.Organisation, Role.Analyst);

        var report = await analyst.OpenAsync($"/Reports/{seeded.ReportId:D}");
        Assert.Contains($"data-mark-website=\"{seeded.PageId:D}\"", report, StringComparison.Ordinal);
        var fields = new[] { ("crawledUrlId", seeded.PageId.ToString()), ("reportId", seeded.ReportId.ToString()), ("verdict", "Baseline") };
        using var refused = await stranger.SubmitAsync(await stranger.OpenAsync("/Routes"), "/Routes/Website", fields);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Empty(await german.QueueAsync("assigned"));

        using var marked = await analyst.SubmitAsync(report, "/Routes/Website", fields);

        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Equal($"/Reports/{seeded.ReportId:D}", marked.Headers.Location?.OriginalString);
        var routed = Assert.Single(await german.QueueAsync("assigned"));
        Assert.Equal("Website", (await german.RouteAsync(routed)).GetProperty("subject").GetString());
        var after = await analyst.OpenAsync($"/Reports/{seeded.ReportId:D}");
        Assert.Contains("The page is marked illegal and its URL is routed.", after, StringComparison.Ordinal);
        Assert.Contains($"data-withdraw-website=\"{seeded.PageId:D}\"", after, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task WebsiteDecision_AnotherHotlinesPage_IsNotFound_AndBadInputIs400(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var other = await network.AddHotlineAsync("DE");
        var analyst = new Member(reporter.Organisation, await network.StaffAsync(reporter));
        var stranger = new Member(other.Organisation, await network.StaffAsync(other));
        var seeded = await network.SeedAsync(reporter, [("DE", "198.51.100.1", SeededDecisions.NewSha256())]);
        var path = $"/api/v1/urls/{seeded.PageId}/website-decision";

        await ProblemAssert.IsProblemAsync(await stranger.PostAsync(path, new { verdict = "Baseline" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.DeleteAsync(path), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await analyst.PostAsync($"/api/v1/urls/{Guid.NewGuid()}/website-decision", new { verdict = "Baseline" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await analyst.DeleteAsync(path), HttpStatusCode.NotFound);
        foreach (var body in new object[] { new { verdict = "NotIllegal" }, new { verdict = "Illegal" }, new { verdict = (string?)null }, new { verdict = 1 } })
        {
            var problem = await ProblemAssert.IsProblemAsync(await analyst.PostAsync(path, body), HttpStatusCode.BadRequest);
            Assert.Contains("verdict", problem.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        var media = await ProblemAssert.IsProblemAsync(
            await analyst.PostAsync($"/api/v1/urls/{seeded.UrlIds[0]}/website-decision", new { verdict = "Baseline" }), HttpStatusCode.BadRequest);
        Assert.Contains("crawledUrlId", media.ToString(), StringComparison.Ordinal);
        var noScope = network.App.CreateClient(await network.App.CreateApiKeyAsync(reporter.Organisation, Clearline.ApiKeys.ApiScopes.RoutesRead));
        Assert.Equal(HttpStatusCode.Forbidden, (await new Member(reporter.Organisation, noScope).PostAsync(path, new { verdict = "Baseline" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new Member(reporter.Organisation, network.App.CreateClient()).PostAsync(path, new { verdict = "Baseline" })).StatusCode);
    }
}
