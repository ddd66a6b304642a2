using System.Net;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.InvestigationHolds;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.LawEnforcement.Deconfliction;

public sealed class DeconflictionPageTests
{
    [Theory]
    [BothDatabases]
    public async Task Pages_PoliceSeeAndDeclare_CoordinatorSeesOverlaps_HotlineGets404(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        await world.App.AsSystemAsync(async sp =>
        {
            await sp.GetRequiredService<Clearline.Events.EventAnnouncer>().AnnounceAsync(
                new InvestigationHoldPlaced(Guid.CreateVersion7(), item.Sha256, world.PoliceNl.Id, AuditActor.User(Guid.NewGuid())), PortalWorld.Ct);
            return true;
        });

        var interpol = await world.SignInAsync(world.Interpol, Role.InterpolOfficer);
        var page = await interpol.OpenAsync($"/Portal/Interests?sha256={item.Sha256}");
        Assert.Contains(world.PoliceNl.Organisation.Name, page, StringComparison.Ordinal);
        var declared = await interpol.SubmitAsync(page, "/Portal/Interests?handler=Declare", ("sha256", item.Sha256), ("contact", "VID desk"), ("returnUrl", ""));
        Assert.True(declared.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.OK, declared.StatusCode.ToString());

        var coordinator = await world.SignInAsync(world.Coordinator, Role.Coordinator);
        var overlaps = await coordinator.OpenAsync("/Network/Overlaps");
        Assert.Contains(item.Sha256, overlaps, StringComparison.Ordinal);
        Assert.Contains(world.Interpol.Organisation.Name, overlaps, StringComparison.Ordinal);

        var analyst = await world.SignInAsync(world.HotlineNl, Role.Analyst);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/Portal/Interests?sha256={item.Sha256}")).StatusCode);
    }
}
