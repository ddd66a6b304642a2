using Clearline.Audit;
using Clearline.Database;
using Clearline.InvestigationHolds;
using Clearline.Organisations;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.LawEnforcement.InvestigationHolds;

/// <summary>An active investigation hold keeps its item from retention; once it ends, retention deletes as usual.</summary>
public sealed class InvestigationHoldRetentionTests
{
    [Theory]
    [BothDatabases]
    public async Task Retention_KeepsAnItemUnderAnActiveInvestigationHold_DeletesItAfterTheHoldEnds(DatabaseProvider provider)
    {
        await using var world = await RetentionWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 400);
        var police = await world.App.CreateOrganisationAsync(OrganisationKind.LawEnforcement, "NL");
        var holdId = await world.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var hold = new InvestigationHold
            {
                OrganisationId = police.Id, MediaSha256 = item.Sha256, Until = DateTimeOffset.UtcNow.AddDays(30), Reason = "Case 9",
                PlacedAt = DateTimeOffset.UtcNow, PlacedByKind = AuditActorKind.System,
            };
            db.Add(hold);
            await db.SaveChangesAsync(RetentionWorld.Ct);
            return hold.Id;
        });

        var kept = await world.RunAsync();
        Assert.DoesNotContain(item.Sha256, kept.MediaAfterFinalAction);
        Assert.IsType<Clearline.Storage.BlobReadResult.Ok>(await world.ReadAsync(item.Sha256));

        await world.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<InvestigationHold>().IgnoreQueryFilters()
            .Where(h => h.Id == holdId).ExecuteUpdateAsync(s => s.SetProperty(h => h.LiftedAt, DateTimeOffset.UtcNow), RetentionWorld.Ct));
        Assert.Equal([item.Sha256], (await world.RunAsync()).MediaAfterFinalAction);
    }
}
