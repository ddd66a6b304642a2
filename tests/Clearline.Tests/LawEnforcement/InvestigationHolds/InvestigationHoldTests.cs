using System.Net;
using System.Text.Json;
using Clearline.Audit;
using Clearline.Database;
using Clearline.InvestigationHolds;
using Clearline.Jobs;
using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.LawEnforcement.InvestigationHolds;

/// <summary>Investigation holds: placing one refuses the hotline's notice to the host until the date; lifting, re-dating and expiry.</summary>
public sealed class InvestigationHoldTests
{
    [Theory]
    [BothDatabases]
    public async Task Place_RefusesTheHotlinesNoticeWithTheDate_ReferralStillAllowed_LiftAllowsIt(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var until = HoldSteps.Today.AddDays(40);

        var hold = await world.PoliceNl.PlacedAsync(item.Sha256, until);
        var id = hold.GetProperty("id").GetGuid();
        Assert.Equal("Active", hold.GetProperty("state").GetString());
        Assert.Equal(1, await world.AuditCountAsync(AuditAction.InvestigationHoldPlaced));

        var refused = await ProblemAssert.IsProblemAsync(await world.HotlineNl.NotifyHostAsync(item), HttpStatusCode.Forbidden);
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains(world.PoliceNl.Organisation.Name, detail, StringComparison.Ordinal);
        Assert.Contains($"until {InvestigationHoldDates.Words(until)} (ongoing investigation): Case 42: suspect under surveillance", detail, StringComparison.Ordinal);
        await ProblemAssert.IsSuccessAsync(await world.ReferAsync(item));

        var changed = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(
            await world.PoliceNl.PostAsync($"/api/v1/investigation-holds/{id}/until", new { until = HoldSteps.Iso(until.AddDays(10)) }))).RootElement;
        Assert.Equal(HoldSteps.Iso(until.AddDays(10)), changed.GetProperty("until").GetString());
        Assert.Equal(1, await world.AuditCountAsync(AuditAction.InvestigationHoldChanged));
        var stillRefused = await ProblemAssert.IsProblemAsync(await world.HotlineNl.NotifyHostAsync(item), HttpStatusCode.Forbidden);
        Assert.Contains(InvestigationHoldDates.Words(until.AddDays(10)), stillRefused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var lifted = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(
            await world.PoliceNl.PostAsync($"/api/v1/investigation-holds/{id}/lift", new { reason = "Suspect arrested" }))).RootElement;
        Assert.Equal("Lifted", lifted.GetProperty("state").GetString());
        Assert.Equal(1, await world.AuditCountAsync(AuditAction.InvestigationHoldLifted));
        await ProblemAssert.IsSuccessAsync(await world.HotlineNl.NotifyHostAsync(item));
        await ProblemAssert.IsProblemAsync(await world.PoliceNl.PostAsync($"/api/v1/investigation-holds/{id}/lift", new { reason = "Again" }), HttpStatusCode.Conflict);
    }

    [Theory]
    [BothDatabases]
    public async Task AssignedHotline_SeesTheHold_WithOrWithoutTheReason_OthersSeeNothing(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var shared = await world.SeedItemAsync(world.HotlineDe, "NL");
        var secret = await world.SeedItemAsync(world.HotlineDe, "NL");
        var until = HoldSteps.Today.AddDays(20);
        await world.PoliceNl.PlacedAsync(shared.Sha256, until, "Operation Tulip", shared: true);
        await world.PoliceNl.PlacedAsync(secret.Sha256, until, "Undercover officer on the board", shared: false);

        var seen = await world.HotlineNl.GetJsonAsync($"/api/v1/routes/{shared.RouteId}/investigation-hold");
        Assert.True(seen.GetProperty("onHold").GetBoolean());
        var notice = seen.GetProperty("holds")[0];
        Assert.Equal(HoldSteps.Iso(until), notice.GetProperty("until").GetString());
        Assert.Equal(world.PoliceNl.Organisation.Name, notice.GetProperty("policeUnit").GetString());
        Assert.Equal("Operation Tulip", notice.GetProperty("reason").GetString());

        var withheld = (await world.HotlineNl.GetJsonAsync($"/api/v1/routes/{secret.RouteId}/investigation-hold")).GetProperty("holds")[0];
        Assert.False(withheld.GetProperty("reasonShared").GetBoolean());
        Assert.Equal(JsonValueKind.Null, withheld.GetProperty("reason").ValueKind);
        var refused = await ProblemAssert.IsProblemAsync(await world.HotlineNl.NotifyHostAsync(secret), HttpStatusCode.Forbidden);
        Assert.Contains("reason not shared", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Undercover", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The reporting hotline sees the route but nothing of the hold; a hotline that does not see the route gets 404.
        Assert.False((await world.HotlineDe.GetJsonAsync($"/api/v1/routes/{shared.RouteId}/investigation-hold")).GetProperty("onHold").GetBoolean());
        var stranger = await world.App.CreateOrganisationAsync(OrganisationKind.Hotline, "BE");
        using var strangerClient = world.App.CreateClient(await world.App.CreateApiKeyAsync(stranger, "routes:read"));
        await ProblemAssert.IsProblemAsync(
            await strangerClient.GetAsync(new Uri($"/api/v1/routes/{shared.RouteId}/investigation-hold", UriKind.Relative), PortalWorld.Ct), HttpStatusCode.NotFound);
    }

    [Theory]
    [BothDatabases]
    public async Task Expiry_TheDurableJobRecordsItOnce_AndTheNoticeIsAllowed(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider, new() { ["Workers:PollInterval"] = "00:00:00.200" });
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var id = (await world.PoliceNl.PlacedAsync(item.Sha256, HoldSteps.Today.AddDays(3))).GetProperty("id").GetGuid();
        await ProblemAssert.IsProblemAsync(await world.HotlineNl.NotifyHostAsync(item), HttpStatusCode.Forbidden);

        // The date passes: move the hold and the expiry job queued for its date into the past.
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        await world.WithDatabaseAsync(async db =>
        {
            await db.Set<InvestigationHold>().IgnoreQueryFilters().Where(h => h.Id == id).ExecuteUpdateAsync(s => s.SetProperty(h => h.Until, past), PortalWorld.Ct);
            return await db.Set<Job>().Where(j => j.Kind == InvestigationHoldExpiryJob.Kind && j.State == JobState.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAfter, past), PortalWorld.Ct);
        });
        world.App.Services.GetRequiredService<JobSignal>().Notify();

        for (var i = 0; i < 300 && await world.AuditCountAsync(AuditAction.InvestigationHoldExpired) == 0; i++)
        {
            await Task.Delay(100, PortalWorld.Ct);
        }

        Assert.Equal(1, await world.AuditCountAsync(AuditAction.InvestigationHoldExpired));
        var hold = await world.PoliceNl.GetJsonAsync($"/api/v1/investigation-holds/{id}");
        Assert.Equal("Expired", hold.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, hold.GetProperty("expiredAt").ValueKind);
        Assert.Equal(0, await world.App.AsSystemAsync(sp => sp.GetRequiredService<InvestigationHoldExpiry>().ExpireDueAsync(PortalWorld.Ct)));
        Assert.Equal(1, await world.AuditCountAsync(AuditAction.InvestigationHoldExpired));
        Assert.False((await world.HotlineNl.GetJsonAsync($"/api/v1/routes/{item.RouteId}/investigation-hold")).GetProperty("onHold").GetBoolean());
        await ProblemAssert.IsSuccessAsync(await world.HotlineNl.NotifyHostAsync(item));
        await ProblemAssert.IsProblemAsync(
            await world.PoliceNl.PostAsync($"/api/v1/investigation-holds/{id}/until", new { until = HoldSteps.Iso(HoldSteps.Today.AddDays(5)) }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task BatchTakedown_IsRefusedByTheHold()
    {
        await using var world = await PortalWorld.StartAsync(DatabaseProvider.Sqlite);
        var held = await world.SeedItemAsync(world.HotlineNl, "NL");
        await world.PoliceNl.PlacedAsync(held.Sha256, HoldSteps.Today.AddDays(10));

        var result = await world.App.AsSystemAsync(sp => sp.GetRequiredService<TakedownBatch>().RecordAsync(
            new RouteViewer(world.HotlineNl.Id, OrganisationKind.Hotline, false), [held.RouteId],
            new NewAction(TakedownActionKind.ReportedToHost, ActionReason.IllegalContent, null), AuditActor.System, PortalWorld.Ct));

        Assert.False(result.IsSuccess);
        Assert.IsType<Clearline.Results.RefusedError>(result.Error);
        Assert.Contains("ongoing investigation", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await world.WithDatabaseAsync(db => db.Set<TakedownAction>().CountAsync(a => a.RouteId == held.RouteId, PortalWorld.Ct)));
    }
}
