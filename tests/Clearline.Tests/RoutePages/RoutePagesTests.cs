using System.Net;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Takedown;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.RoutePages;

/// <summary>The routes screens as a receiving hotline uses them: the queues, one route, recording actions, re-checks.</summary>
public sealed class RoutePagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task AssignedHotline_SeesItsRouteAndQueueSizes_RecordsActions_UntilRemoved(DatabaseProvider provider)
    {
        // No workers: the re-check asked for stays queued, so the test sees it as it was scheduled.
        await using var network = await TakedownNetwork.StartAsync(provider, new() { ["Workers:Enabled"] = "false" });
        var reporter = await network.AddHotlineAsync("NL");
        var receiver = await network.AddHotlineAsync("DE");
        var routeId = await network.ReportAndRouteAsync(reporter, "https://img.example/benign-gradient.png", "DE", DateTimeOffset.UtcNow.AddDays(-2));
        using var analyst = await People.SignInAsync(network.App, receiver.Organisation, Role.Analyst);

        var start = await analyst.OpenAsync("/");
        Assert.Contains("href=\"/Routes\"", start, StringComparison.Ordinal);
        Assert.DoesNotContain("arrive in later releases", start, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Queues\"", start, StringComparison.Ordinal);
        Assert.Contains("id=\"queue-unassessed\"", start, StringComparison.Ordinal);
        Assert.Contains("id=\"queue-unactioned\"><span class=\"queue-sizes__name\">Unactioned</span> <span class=\"queue-sizes__count\" data-count=\"1\">1</span>", start, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"queue-orphaned\"", start, StringComparison.Ordinal);

        var queue = await analyst.OpenAsync("/Routes");
        Assert.Contains("id=\"routes-table\"", queue, StringComparison.Ordinal);
        Assert.Contains($"data-route-id=\"{routeId}\"", queue, StringComparison.Ordinal);
        Assert.Contains("<code>https://img.example/benign-gradient.png</code>", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https://img.example", queue, StringComparison.Ordinal);
        Assert.Contains(reporter.Organisation.Name, queue, StringComparison.Ordinal);

        var page = await analyst.OpenAsync($"/Routes/{routeId}");
        Assert.Contains("id=\"action-form\"", page, StringComparison.Ordinal);
        Assert.Contains("data-field=\"reported-by\">" + reporter.Organisation.Name, page, StringComparison.Ordinal);
        Assert.Contains("id=\"time-to-removal\">Not removed", page, StringComparison.Ordinal);

        // A reason that does not go with the action is refused with the catalogue's reasons, and nothing is recorded.
        using var mismatched = await analyst.SubmitAsync(page, $"/Routes/{routeId}?handler=Action", ("Input.Kind", "Removed"), ("Input.Reason", "IllegalContent"));
        Assert.Equal(HttpStatusCode.BadRequest, mismatched.StatusCode);
        Assert.Contains("is not a reason for Removed", await mismatched.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var notice = await analyst.SubmitAsync(page, $"/Routes/{routeId}?handler=Action",
            ("Input.Kind", "ReportedToHost"), ("Input.Reason", "IllegalContent"), ("Input.Note", "Notice <sent> to the host"));
        Assert.Equal(HttpStatusCode.Redirect, notice.StatusCode);
        page = await analyst.OpenAsync($"/Routes/{routeId}");
        Assert.Contains("The action is recorded.", page, StringComparison.Ordinal);
        Assert.Contains("data-action-kind=\"ReportedToHost\"", page, StringComparison.Ordinal);
        Assert.Contains("Notice &lt;sent&gt; to the host", page, StringComparison.Ordinal);
        Assert.Contains("id=\"recheck-now\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-route-id=\"{routeId}\"", await analyst.OpenAsync("/Routes?queue=awaiting-recheck"), StringComparison.Ordinal);

        // Re-check now: a re-check due at once, beside the scheduled one, which stays as it was.
        using var recheck = await analyst.SubmitAsync(page, $"/Routes/{routeId}?handler=Recheck");
        Assert.Equal(HttpStatusCode.Redirect, recheck.StatusCode);
        var rechecks = await network.RechecksAsync(routeId);
        Assert.Equal(2, rechecks.Count);
        var pending = await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Clearline.Takedown.RouteTakedown>()
            .Where(t => t.RouteId == routeId).Select(t => t.PendingRecheckId).SingleAsync(Ct));
        Assert.Equal(rechecks[0].Id, pending);
        var job = await network.JobAsync(rechecks[1].JobId);
        Assert.True(job.RunAfter <= DateTimeOffset.UtcNow.AddMinutes(1), $"The re-check runs after {job.RunAfter:u}");

        page = await analyst.OpenAsync($"/Routes/{routeId}");
        using var removed = await analyst.SubmitAsync(page, $"/Routes/{routeId}?handler=Action", ("Input.Kind", "Removed"), ("Input.Reason", "HostConfirmedRemoval"));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        page = await analyst.OpenAsync($"/Routes/{routeId}");
        Assert.Matches("id=\"time-to-removal\">2 d ", page);
        var offline = await analyst.OpenAsync("/Routes?queue=offline");
        Assert.Contains($"data-route-id=\"{routeId}\"", offline, StringComparison.Ordinal);
        Assert.Contains("data-field=\"time-to-removal\">2 d ", offline, StringComparison.Ordinal);

        // A closed takedown takes no further action: 409 with the reason.
        using var closed = await analyst.SubmitAsync(page, $"/Routes/{routeId}?handler=Action", ("Input.Kind", "ReportedToLea"), ("Input.Reason", "IllegalContent"));
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("The takedown of this content is closed (Removed)", await closed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task OtherHotlines_AreKeptOut_TheReporterSeesButIsRefusedWithTheReason(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var receiver = await network.AddHotlineAsync("DE");
        var stranger = await network.AddHotlineAsync("FR");
        var routeId = await network.ReportAndRouteAsync(reporter, "https://img.example/benign-noise.png", "DE", DateTimeOffset.UtcNow.AddHours(-3));

        using var outsider = await People.SignInAsync(network.App, stranger.Organisation, Role.Analyst);
        using var hidden = await outsider.GetAsync($"/Routes/{routeId}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain($"data-route-id=\"{routeId}\"", await outsider.OpenAsync("/Routes?queue=assigned"), StringComparison.Ordinal);
        using var blind = await outsider.SubmitAsync(await outsider.OpenAsync("/Routes"), $"/Routes/{routeId}?handler=Action",
            ("Input.Kind", "ReportedToHost"), ("Input.Reason", "IllegalContent"));
        Assert.Equal(HttpStatusCode.NotFound, blind.StatusCode);

        using var reporting = await People.SignInAsync(network.App, reporter.Organisation, Role.Analyst);
        var reportId = await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Clearline.Routing.ContentRoute>()
            .Where(r => r.Id == routeId).Select(r => r.ReportId).SingleAsync(Ct));
        var report = await reporting.OpenAsync($"/Reports/{reportId}");
        Assert.Contains($"<a href=\"/Routes/{routeId}\">Open route</a>", report, StringComparison.Ordinal);
        Assert.Contains(receiver.Organisation.Name, report, StringComparison.Ordinal);
        var page = await reporting.OpenAsync($"/Routes/{routeId}");
        Assert.Contains("id=\"not-assigned\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"action-form\"", page, StringComparison.Ordinal);
        using var refused = await reporting.SubmitAsync(page, $"/Routes/{routeId}?handler=Action", ("Input.Kind", "ReportedToHost"), ("Input.Reason", "IllegalContent"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains($"This content is assigned to {receiver.Organisation.Name}; only that hotline records actions on it.",
            await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var recheck = await reporting.SubmitAsync(page, $"/Routes/{routeId}?handler=Recheck");
        Assert.Equal(HttpStatusCode.Forbidden, recheck.StatusCode);
        Assert.Empty(await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Clearline.Takedown.TakedownAction>()
            .Where(a => a.RouteId == routeId).ToListAsync(Ct)));

        // A person who does not act on content (an organisation admin) is refused the screens.
        using var admin = await People.SignInAsync(network.App, receiver.Organisation, Role.OrgAdmin);
        using var list = await admin.GetAsync("/Routes");
        People.AssertDenied(list, "GET /Routes as an admin");
        Assert.DoesNotContain("aria-label=\"Queues\"", await admin.OpenAsync("/"), StringComparison.Ordinal);
    }
}
