using System.Net;
using System.Text.Json;
using Clearline.Audit;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Deconfliction;
using Clearline.Escalation;
using Clearline.Events;
using Clearline.InvestigationHolds;
using Clearline.LawEnforcement;
using Clearline.Organisations;
using Clearline.Referrals;
using Clearline.Results;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.LawEnforcement.Deconfliction;

public sealed class DeconflictionTests
{
    [Theory]
    [BothDatabases]
    public async Task TwoPoliceUnits_OnTheSameSite_EachSeesTheOther_WithoutNotes_AThirdSeesNothing_CoordinatorSeesTheOverlap(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var nl = await world.SeedItemAsync(world.HotlineNl, "NL");
        var de = await world.SeedItemAsync(world.HotlineDe, "DE");
        var unrelated = await world.SeedItemAsync(world.HotlineNl, "DE");
        var site = new Uri(nl.Url).Host;
        await MoveToSiteAsync(world, de, site);

        await AnnounceAsync(world, new ReferralAccepted(Referral(world, nl, "secret note of the hotline"), AuditActor.User(Guid.NewGuid())));
        await AnnounceAsync(world, new InvestigationHoldPlaced(Guid.CreateVersion7(), de.Sha256, world.PoliceDe.Id, AuditActor.User(Guid.NewGuid())));

        var seenByNl = await world.PoliceNl.GetJsonAsync($"/api/v1/interests?item={nl.Sha256}");
        var other = Assert.Single(seenByNl.GetProperty("others").EnumerateArray());
        Assert.Equal(world.PoliceDe.Id, other.GetProperty("organisationId").GetGuid());
        Assert.Equal("SameSite", other.GetProperty("kind").GetString());
        Assert.Equal(site, other.GetProperty("site").GetString());
        Assert.Equal("InvestigationHold", other.GetProperty("source").GetString());
        Assert.Equal(world.PoliceDe.Organisation.Name, other.GetProperty("contact").GetString());
        Assert.True(seenByNl.GetProperty("ours").GetBoolean());
        Assert.DoesNotContain(de.Sha256, seenByNl.GetRawText(), StringComparison.Ordinal);

        var seenByDe = await world.PoliceDe.GetJsonAsync($"/api/v1/interests?item={de.Sha256}");
        var theirs = Assert.Single(seenByDe.GetProperty("others").EnumerateArray());
        Assert.Equal(world.PoliceNl.Id, theirs.GetProperty("organisationId").GetGuid());
        Assert.DoesNotContain("secret note", seenByDe.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(nl.Sha256, seenByDe.GetRawText(), StringComparison.Ordinal);

        var unrelatedSeen = await world.Interpol.GetJsonAsync($"/api/v1/interpol/interests?item={unrelated.Sha256}");
        Assert.Empty(unrelatedSeen.GetProperty("others").EnumerateArray());
        Assert.False(unrelatedSeen.GetProperty("ours").GetBoolean());

        var overlaps = await world.Coordinator.GetJsonAsync("/api/v1/overlaps");
        var overlap = Assert.Single(overlaps.EnumerateArray());
        Assert.Equal("SameSite", overlap.GetProperty("kind").GetString());
        Assert.Equal(site, overlap.GetProperty("on").GetString());
        Assert.Equal(
            new[] { world.PoliceNl.Id, world.PoliceDe.Id }.Order(),
            overlap.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("organisationId").GetGuid()).Order());
    }

    [Theory]
    [BothDatabases]
    public async Task InterpolTakesAnEscalation_OfAnItemAPoliceUnitHolds_BothSeeTheSameItem(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");

        await AnnounceAsync(world, new InvestigationHoldPlaced(Guid.CreateVersion7(), item.Sha256, world.PoliceNl.Id, AuditActor.User(Guid.NewGuid())));
        await AnnounceAsync(world, new EscalationTaken(Guid.CreateVersion7(), item.Sha256, world.Interpol.Id, AuditActor.User(Guid.NewGuid())));

        var seenByInterpol = await world.Interpol.GetJsonAsync($"/api/v1/interpol/interests?item={item.Sha256}");
        var other = Assert.Single(seenByInterpol.GetProperty("others").EnumerateArray());
        Assert.Equal("SameItem", other.GetProperty("kind").GetString());
        Assert.Equal(world.PoliceNl.Id, other.GetProperty("organisationId").GetGuid());
        var seenByPolice = await world.PoliceNl.GetJsonAsync($"/api/v1/interests?item={item.Sha256}");
        Assert.Equal("EscalationTaken", Assert.Single(seenByPolice.GetProperty("others").EnumerateArray()).GetProperty("source").GetString());
        var overlap = Assert.Single((await world.Coordinator.GetJsonAsync("/api/v1/overlaps")).EnumerateArray());
        Assert.Equal("SameItem", overlap.GetProperty("kind").GetString());
        Assert.Equal(item.Sha256, overlap.GetProperty("on").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task DeclaredByHand_ThenWithdrawn_IsAudited_AndOthersStopSeeingIt(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var officer = new Officer(world.PoliceNl.Id, OrganisationKind.LawEnforcement, "NL", Guid.NewGuid(), IsApiKey: false);

        var declared = await world.App.AsSystemAsync(sp => sp.GetRequiredService<Interests>().DeclareAsync(officer, item.Sha256, "Desk 4, +31 00 000 0000", PortalWorld.Ct));
        Assert.True(declared.IsSuccess, declared.Error?.Message);
        var seen = Assert.Single((await world.Interpol.GetJsonAsync($"/api/v1/interpol/interests?item={item.Sha256}")).GetProperty("others").EnumerateArray());
        Assert.Equal("Desk 4, +31 00 000 0000", seen.GetProperty("contact").GetString());
        Assert.Equal("Declared", seen.GetProperty("source").GetString());

        var withdrawn = await world.App.AsSystemAsync(sp => sp.GetRequiredService<Interests>().WithdrawAsync(officer, item.Sha256, PortalWorld.Ct));
        Assert.True(withdrawn.IsSuccess, withdrawn.Error?.Message);
        Assert.Empty((await world.Interpol.GetJsonAsync($"/api/v1/interpol/interests?item={item.Sha256}")).GetProperty("others").EnumerateArray());

        var target = $"interest:{declared.Value!.Id:D}";
        var audited = await world.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(a => a.Target == target).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(PortalWorld.Ct));
        Assert.Equal([AuditAction.InterestRegistered, AuditAction.InterestWithdrawn], audited);
        var again = await world.App.AsSystemAsync(sp => sp.GetRequiredService<Interests>().WithdrawAsync(officer, item.Sha256, PortalWorld.Ct));
        Assert.IsType<ConflictError>(again.Error);
    }

    [Theory]
    [BothDatabases]
    public async Task CrossTenant_NoKey401_OtherKinds403_AnotherUnitsItem404_BadItem400(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var nl = await world.SeedItemAsync(world.HotlineNl, "NL");
        var path = $"/api/v1/interests?item={nl.Sha256}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await world.App.CreateClient().GetAsync(new Uri(path, UriKind.Relative), PortalWorld.Ct)).StatusCode);
        foreach (var member in world.NotLawEnforcement)
        {
            await ProblemAssert.IsProblemAsync(await member.GetAsync(path), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await member.GetAsync($"/api/v1/interpol/interests?item={nl.Sha256}"), HttpStatusCode.Forbidden);
        }

        await ProblemAssert.IsProblemAsync(await world.Interpol.GetAsync(path), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await world.PoliceNl.GetAsync($"/api/v1/interpol/interests?item={nl.Sha256}"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await world.PoliceDe.GetAsync(path), HttpStatusCode.NotFound);
        var invalid = await ProblemAssert.IsProblemAsync(await world.PoliceNl.GetAsync("/api/v1/interests?item=nothex"), HttpStatusCode.BadRequest);
        Assert.Contains("item", invalid.GetRawText(), StringComparison.Ordinal);

        foreach (var member in new[] { world.HotlineNl, world.HotlineDe, world.PoliceNl, world.Interpol, world.Industry })
        {
            var status = (await member.GetAsync("/api/v1/overlaps")).StatusCode;
            Assert.True(status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{member.Organisation.Kind}: {status}");
        }

        Assert.Equal(JsonValueKind.Array, (await world.Coordinator.GetJsonAsync("/api/v1/overlaps")).ValueKind);
    }

    /// <summary>Another hotline found <paramref name="item"/> on <paramref name="host"/> (its content URL is moved there).</summary>
    private static Task<int> MoveToSiteAsync(PortalWorld world, PortalItem item, string host) =>
        world.WithDatabaseAsync(db => db.Set<CrawledUrl>().IgnoreQueryFilters().Where(u => u.Id == item.CrawledUrlId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Url, $"https://{host}/elsewhere/{item.Sha256[..8]}.jpg"), PortalWorld.Ct));

    private static Referral Referral(PortalWorld world, PortalItem item, string? note) => new()
    {
        RouteId = item.RouteId, TakedownActionId = Guid.CreateVersion7(), HotlineOrganisationId = world.HotlineNl.Id, PoliceOrganisationId = world.PoliceNl.Id,
        MediaSha256 = item.Sha256, Reason = ActionReason.PossibleNewVictim, Note = note, CreatedAt = DateTimeOffset.UtcNow, State = ReferralState.Accepted,
    };

    private static Task<bool> AnnounceAsync<TEvent>(PortalWorld world, TEvent happened)
        where TEvent : notnull =>
        world.App.AsSystemAsync(async sp =>
        {
            await using var transaction = await sp.GetRequiredService<UnitOfWork>().BeginAsync(PortalWorld.Ct);
            await sp.GetRequiredService<EventAnnouncer>().AnnounceAsync(happened, PortalWorld.Ct);
            await transaction.CommitAsync(PortalWorld.Ct);
            return true;
        });
}
