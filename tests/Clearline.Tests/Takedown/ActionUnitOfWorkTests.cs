using System.Net;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Routing;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Takedown;

/// <summary>An action is one unit of work with what it changes in routing: both are saved, or neither.</summary>
public sealed class ActionUnitOfWorkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Moved_WhenRecordingTheActionFails_LeavesTheRouteWhereItWas(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var german = await network.AddHotlineAsync("DE");
        await network.AddHotlineAsync("FR");
        var route = await network.ReportAndRouteAsync(german, "https://img.example/1.png", "DE", DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Created, (await german.ActAsync(route, "ReportedToHost", "IllegalContent")).StatusCode);
        // The second step (recording the action) fails after the first (moving the route) has run.
        await RefuseActionsAsync(network.App, provider);

        var moved = await german.PostAsync($"/api/v1/routes/{route}/actions", new { kind = "Moved", reason = "HostingChanged", countryCode = "FR", ipAddress = "203.0.113.5" });

        await ProblemAssert.IsProblemAsync(moved, HttpStatusCode.Conflict);
        var detail = await german.RouteAsync(route);
        Assert.Equal(german.Id, detail.GetProperty("assignedOrganisationId").GetGuid());
        Assert.Equal("DE", detail.GetProperty("countryCode").GetString());
        Assert.Equal("198.51.100.7", detail.GetProperty("serverAddress").GetString());
        Assert.Equal("AwaitingRemoval", (await german.TakedownAsync(route)).GetProperty("state").GetString());
        var (movedEvents, movedAudits) = await network.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            return (await db.Set<ContentRouteEvent>().CountAsync(e => e.RouteId == route && e.Kind == RouteEventKind.Moved, Ct),
                await db.Set<AuditEntry>().CountAsync(a => a.Action == AuditAction.RouteMoved, Ct));
        });
        Assert.Equal(0, movedEvents);
        Assert.Equal(0, movedAudits);
    }

    /// <summary>A trigger that makes every insert of an action fail, as a conflicting write would.</summary>
    private static Task<int> RefuseActionsAsync(ClearlineTestApp app, DatabaseProvider provider) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClearlineDbContext>();
        if (provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync(
                """CREATE FUNCTION refuse_action() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$""", Ct);
            return await db.Database.ExecuteSqlRawAsync(
                """CREATE TRIGGER refuse_action BEFORE INSERT ON "TakedownActions" FOR EACH ROW EXECUTE FUNCTION refuse_action()""", Ct);
        }

        return await db.Database.ExecuteSqlRawAsync(
            """CREATE TRIGGER refuse_action BEFORE INSERT ON "TakedownActions" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END""", Ct);
    });
}
