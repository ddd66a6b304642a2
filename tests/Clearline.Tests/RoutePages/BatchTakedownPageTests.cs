using System.Net;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Takedown;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.RoutePages;

/// <summary>
/// A notice to a host about several pictures is one action: chosen together on the routes screen, recorded on each
/// route (each audited as when acted on alone), in one unit of work, and refused for content on several hosts.
/// </summary>
public sealed class BatchTakedownPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task SeveralRoutesOnOneHost_GetOneActionAndOneRecheck_AMixedChoiceIsRefused(DatabaseProvider provider)
    {
        // No workers: the re-checks asked for stay queued, so the test counts them as they were asked.
        await using var network = await TakedownNetwork.StartAsync(provider, new() { ["Workers:Enabled"] = "false" });
        var reporter = await network.AddHotlineAsync("NL");
        var receiver = await network.AddHotlineAsync("DE");
        var first = await network.ReportAndRouteAsync(reporter, "https://img.example/1.png", "DE", DateTimeOffset.UtcNow.AddHours(-3));
        var second = await network.ReportAndRouteAsync(reporter, "https://IMG.example/2.png", "DE", DateTimeOffset.UtcNow.AddHours(-3));
        var elsewhere = await network.ReportAndRouteAsync(reporter, "https://other.example/3.png", "DE", DateTimeOffset.UtcNow.AddHours(-3));
        using var analyst = await People.SignInAsync(network.App, receiver.Organisation, Role.Analyst);

        // Before any action: the route page says when the network first heard of the URL, and has no inline style (CSP).
        var route = await analyst.OpenAsync($"/Routes/{first}");
        Assert.Matches("id=\"first-reported\">\\d{4}-\\d{2}-\\d{2} ", route);
        Assert.DoesNotContain("style=", route, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"not-assigned\"", route, StringComparison.Ordinal);

        var queue = await analyst.OpenAsync("/Routes");
        Assert.Contains("id=\"batch-form\"", queue, StringComparison.Ordinal);
        Assert.Contains($"name=\"RouteIds\" value=\"{first}\" form=\"batch-form\"", queue, StringComparison.Ordinal);

        using var mixed = await analyst.SubmitAsync(queue, "/Routes?queue=unactioned&handler=BatchAction",
            ("RouteIds", first.ToString()), ("RouteIds", elsewhere.ToString()), ("Batch.Kind", "ReportedToHost"), ("Batch.Reason", "IllegalContent"));
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        var refused = await mixed.Content.ReadAsStringAsync(Ct);
        Assert.Contains("on 2 hosts (img.example, other.example); one action covers one host", refused, StringComparison.Ordinal);
        // The choice is kept for the person to correct.
        Assert.True(refused.Contains($"value=\"{first}\" form=\"batch-form\" id=\"choose-{first}\" checked=\"checked\"", StringComparison.Ordinal), refused);
        Assert.Equal(0, await ActionAuditsAsync(network));

        using var notice = await analyst.SubmitAsync(queue, "/Routes?queue=unactioned&handler=BatchAction",
            ("RouteIds", first.ToString()), ("RouteIds", second.ToString()), ("Batch.Kind", "ReportedToHost"), ("Batch.Reason", "IllegalContent"),
            ("Batch.Note", "One notice for both"));
        Assert.Equal(HttpStatusCode.Redirect, notice.StatusCode);
        Assert.Contains("Notice to the host: recorded for 2 content URLs.", await analyst.OpenAsync("/Routes?queue=unactioned"), StringComparison.Ordinal);
        Assert.Equal("AwaitingRemoval", (await receiver.TakedownAsync(first)).GetProperty("state").GetString());
        Assert.Equal("AwaitingRemoval", (await receiver.TakedownAsync(second)).GetProperty("state").GetString());
        Assert.Equal("Unactioned", (await receiver.TakedownAsync(elsewhere)).GetProperty("state").GetString());
        Assert.Equal(2, await ActionAuditsAsync(network));

        var awaiting = await analyst.OpenAsync("/Routes?queue=awaiting-recheck");
        using var recheck = await analyst.SubmitAsync(awaiting, "/Routes?queue=awaiting-recheck&handler=BatchRecheck",
            ("RouteIds", first.ToString()), ("RouteIds", second.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, recheck.StatusCode);
        Assert.Equal(2, (await network.RechecksAsync(first)).Count);
        Assert.Equal(2, (await network.RechecksAsync(second)).Count);
        Assert.Equal(2, await AuditsAsync(network, AuditAction.TakedownRecheckRequested));
    }

    [Theory]
    [BothDatabases]
    public async Task ABatchWithOneRouteRefused_RecordsNothing(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider, new() { ["Workers:Enabled"] = "false" });
        var reporter = await network.AddHotlineAsync("NL");
        var receiver = await network.AddHotlineAsync("DE");
        var open = await network.ReportAndRouteAsync(reporter, "https://img.example/1.png", "DE", DateTimeOffset.UtcNow.AddHours(-3));
        var closed = await network.ReportAndRouteAsync(reporter, "https://img.example/2.png", "DE", DateTimeOffset.UtcNow.AddHours(-3));
        Assert.Equal(HttpStatusCode.Created, (await receiver.ActAsync(closed, "NotIllegal", "AdultPornography")).StatusCode);
        using var analyst = await People.SignInAsync(network.App, receiver.Organisation, Role.Analyst);

        var queue = await analyst.OpenAsync("/Routes?queue=assigned");
        using var batch = await analyst.SubmitAsync(queue, "/Routes?queue=assigned&handler=BatchAction",
            ("RouteIds", open.ToString()), ("RouteIds", closed.ToString()), ("Batch.Kind", "ReportedToHost"), ("Batch.Reason", "IllegalContent"));

        Assert.Equal(HttpStatusCode.Conflict, batch.StatusCode);
        Assert.Contains("https://img.example/2.png: The takedown of this content is closed", await batch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("Unactioned", (await receiver.TakedownAsync(open)).GetProperty("state").GetString());
        Assert.Equal(1, await ActionAuditsAsync(network));
    }

    [Fact]
    public void Host_IsTheUrlsHostName()
    {
        Assert.Equal("img.example", TakedownBatch.Host("https://IMG.example:8443/a.png?x=1"));
        Assert.Equal("not a url", TakedownBatch.Host("not a url"));
    }

    private static Task<int> ActionAuditsAsync(TakedownNetwork network) => AuditsAsync(network, AuditAction.TakedownActionRecorded);

    private static Task<int> AuditsAsync(TakedownNetwork network, AuditAction action) => network.App.AsSystemAsync(sp =>
        sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().CountAsync(a => a.Action == action, Ct));
}
