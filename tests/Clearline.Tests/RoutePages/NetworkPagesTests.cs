using System.Net;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Takedown;

namespace Clearline.Tests.RoutePages;

/// <summary>The coordinator's screens (designations, orphan mandates) and claiming orphaned content from the routes screen.</summary>
public sealed class NetworkPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task OrphanedContent_IsClaimedByAMandatedHotline_AndRefusedToOthers(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var mandated = await network.AddHotlineAsync("DE");
        var stranger = await network.AddHotlineAsync("FR");
        var routeId = await network.ReportAndRouteAsync(reporter, "https://img.example/benign-shapes.png", "BR", DateTimeOffset.UtcNow.AddHours(-5));

        using var coordinator = await People.SignInAsync(network.App, network.Coordinator.Organisation, Role.Coordinator);
        var start = await coordinator.OpenAsync("/");
        Assert.Contains("href=\"/Network/Mandates\"", start, StringComparison.Ordinal);
        Assert.Contains("id=\"queue-orphaned\"", start, StringComparison.Ordinal);
        var mandates = await coordinator.OpenAsync("/Network/Mandates");
        Assert.Contains($"data-organisation-id=\"{mandated.Id}\" data-mandated=\"false\"", mandates, StringComparison.Ordinal);
        using var granted = await coordinator.SubmitAsync(mandates, "/Network/Mandates?handler=Grant", ("organisationId", mandated.Id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Contains($"data-organisation-id=\"{mandated.Id}\" data-mandated=\"true\"", await coordinator.OpenAsync("/Network/Mandates"), StringComparison.Ordinal);

        // The reporting hotline sees its route but holds no mandate; a hotline that cannot see it gets "not found".
        using var reporting = await People.SignInAsync(network.App, reporter.Organisation, Role.Analyst);
        var reporterQueue = await reporting.OpenAsync("/Routes");
        Assert.DoesNotContain("queue=orphaned", reporterQueue, StringComparison.Ordinal);
        using var refusedQueue = await reporting.GetAsync("/Routes?queue=orphaned");
        Assert.Equal(HttpStatusCode.Forbidden, refusedQueue.StatusCode);
        Assert.Contains("Only the coordinator and the hotlines it mandates see the orphaned queue.", await refusedQueue.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var refusedClaim = await reporting.SubmitAsync(reporterQueue, "/Routes?handler=Claim", ("routeId", routeId.ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, refusedClaim.StatusCode);
        Assert.Contains("Your hotline is not mandated by the coordinator to claim orphaned content.", await refusedClaim.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var outsider = await People.SignInAsync(network.App, stranger.Organisation, Role.Analyst);
        using var hiddenClaim = await outsider.SubmitAsync(await outsider.OpenAsync("/Routes"), "/Routes?handler=Claim", ("routeId", routeId.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, hiddenClaim.StatusCode);

        using var analyst = await People.SignInAsync(network.App, mandated.Organisation, Role.Analyst);
        var orphaned = await analyst.OpenAsync("/Routes?queue=orphaned");
        Assert.Contains($"data-route-id=\"{routeId}\"", orphaned, StringComparison.Ordinal);
        Assert.Contains($"data-claim=\"{routeId}\"", orphaned, StringComparison.Ordinal);
        Assert.Contains("id=\"queue-orphaned\"><span class=\"queue-sizes__name\">Orphaned</span> <span class=\"queue-sizes__count\" data-count=\"1\">1</span>", orphaned, StringComparison.Ordinal);
        using var claimed = await analyst.SubmitAsync(orphaned, "/Routes?handler=Claim", ("routeId", routeId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Equal($"/Routes/{routeId}", claimed.Headers.Location!.OriginalString);
        var page = await analyst.OpenAsync($"/Routes/{routeId}");
        Assert.Contains($"data-field=\"assigned\">{mandated.Organisation.Name}<", page, StringComparison.Ordinal);
        Assert.Contains("data-event-kind=\"Claimed\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"action-form\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-route-id=\"{routeId}\"", await analyst.OpenAsync("/Routes?queue=unactioned"), StringComparison.Ordinal);

        // Claimed once: a second claim conflicts.
        using var again = await analyst.SubmitAsync(orphaned, "/Routes?handler=Claim", ("routeId", routeId.ToString()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [BothDatabases]
    public async Task CoordinatorScreens_OpenToTheCoordinator_DeniedToAnAnalyst(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var first = await network.AddHotlineAsync("DE");
        var second = await network.AddHotlineAsync("DE");
        var dutch = await network.AddHotlineAsync("NL");

        using var analyst = await People.SignInAsync(network.App, first.Organisation, Role.Analyst);
        Assert.DoesNotContain("/Network/", await analyst.OpenAsync("/"), StringComparison.Ordinal);
        foreach (var path in new[] { "/Network/Designations", "/Network/Mandates" })
        {
            using var response = await analyst.GetAsync(path);
            People.AssertDenied(response, $"GET {path} as an analyst");
        }

        using var coordinator = await People.SignInAsync(network.App, network.Coordinator.Organisation, Role.Coordinator);
        var page = await coordinator.OpenAsync("/Network/Designations");
        Assert.Contains("id=\"designations-table\"", page, StringComparison.Ordinal);
        Assert.Contains($"{first.Organisation.Name} (default: the country&#x27;s oldest hotline)", page, StringComparison.Ordinal);

        using var designated = await coordinator.SubmitAsync(page, "/Network/Designations", ("countryCode", "DE"), ("organisationId", second.Id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, designated.StatusCode);
        page = await coordinator.OpenAsync("/Network/Designations");
        Assert.Contains($"{second.Organisation.Name} now receives the content hosted in DE.", page, StringComparison.Ordinal);
        Assert.Matches($"data-country=\"DE\">\\s*<th scope=\"row\">DE</th>\\s*<td data-field=\"hotline\">{second.Organisation.Name}</td>", page);

        // A hotline of another country is refused with the backend's reason, and the designation stays.
        using var wrong = await coordinator.SubmitAsync(page, "/Network/Designations", ("countryCode", "DE"), ("organisationId", dutch.Id.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("The designated hotline is in NL, not DE.", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains($"<td data-field=\"hotline\">{second.Organisation.Name}</td>", await coordinator.OpenAsync("/Network/Designations"), StringComparison.Ordinal);

        // Orphaned content: the coordinator assigns it rather than claiming it.
        var routeId = await network.ReportAndRouteAsync(dutch, "https://img.example/benign-text.png", "BR", DateTimeOffset.UtcNow.AddHours(-1));
        var orphaned = await coordinator.OpenAsync("/Routes?queue=orphaned");
        Assert.Contains($"data-route-id=\"{routeId}\"", orphaned, StringComparison.Ordinal);
        Assert.DoesNotContain("data-claim=", orphaned, StringComparison.Ordinal);
        var route = await coordinator.OpenAsync($"/Routes/{routeId}");
        Assert.Contains("id=\"assign-form\"", route, StringComparison.Ordinal);
        using var assigned = await coordinator.SubmitAsync(route, $"/Routes/{routeId}?handler=Assign", ("organisationId", first.Id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Contains($"data-field=\"assigned\">{first.Organisation.Name}<", await coordinator.OpenAsync($"/Routes/{routeId}"), StringComparison.Ordinal);
        Assert.Contains($"data-route-id=\"{routeId}\"", await analyst.OpenAsync("/Routes"), StringComparison.Ordinal);
    }
}
