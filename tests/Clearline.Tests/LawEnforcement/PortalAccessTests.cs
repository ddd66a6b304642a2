using System.Net;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Identity;
using Clearline.LawEnforcement;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.LawEnforcement;

public sealed class PortalAccessTests
{
    [Theory]
    [BothDatabases]
    public async Task Police_SeeWhatIsIllegalInTheirCountryAndHostedThere_InterpolSeesEverythingIllegal(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var baselineNl = await world.SeedItemAsync(world.HotlineNl, "NL");
        var nationalNl = await world.SeedItemAsync(world.HotlineNl, "NL", Verdict.National);
        var nationalDeLawHostedNl = await world.SeedItemAsync(world.HotlineDe, "NL", Verdict.National);
        var notIllegalNl = await world.SeedItemAsync(world.HotlineNl, "NL", Verdict.NotIllegal);
        var unassessedNl = await world.SeedItemAsync(world.HotlineNl, "NL", verdict: null);
        var baselineDe = await world.SeedItemAsync(world.HotlineNl, "DE");

        Assert.Equal(Sorted(baselineNl.Sha256, nationalNl.Sha256), await VisibleAsync(world, world.PoliceNl));
        Assert.Equal(Sorted(baselineDe.Sha256), await VisibleAsync(world, world.PoliceDe));
        Assert.Equal(
            Sorted(baselineNl.Sha256, nationalNl.Sha256, nationalDeLawHostedNl.Sha256, baselineDe.Sha256),
            await VisibleAsync(world, world.Interpol));
        foreach (var other in world.NotLawEnforcement)
        {
            Assert.Empty(await VisibleAsync(world, other));
        }

        Assert.DoesNotContain(notIllegalNl.Sha256, await VisibleAsync(world, world.Interpol));
        Assert.DoesNotContain(unassessedNl.Sha256, await VisibleAsync(world, world.PoliceNl));
    }

    [Fact]
    public async Task AnOfficerRevealsAnItem_ItIsAudited_AnotherCountrysOfficerGets404()
    {
        await using var world = await PortalWorld.StartAsync(DatabaseProvider.Sqlite);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        using var officerNl = await world.SignInAsync(world.PoliceNl, Role.LeaOfficer);
        using var officerDe = await world.SignInAsync(world.PoliceDe, Role.LeaOfficer);
        var home = await officerNl.OpenAsync("/");

        using var preview = await officerNl.GetAsync($"/Portal/Content?handler=Preview&sha256={item.Sha256}");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        using var revealed = await officerNl.SubmitAsync(home, "/Portal/Content?handler=Reveal", ("item", item.Sha256));
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal("image/jpeg", revealed.Content.Headers.ContentType?.MediaType);

        var deHome = await officerDe.OpenAsync("/");
        using var refusedPreview = await officerDe.GetAsync($"/Portal/Content?handler=Preview&sha256={item.Sha256}");
        using var refusedReveal = await officerDe.SubmitAsync(deHome, "/Portal/Content?handler=Reveal", ("item", item.Sha256));
        Assert.Equal(HttpStatusCode.NotFound, refusedPreview.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refusedReveal.StatusCode);

        var reveals = await world.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Action == AuditAction.ContentViewed).ToListAsync(PortalWorld.Ct));
        var reveal = Assert.Single(reveals);
        Assert.Equal(world.PoliceNl.Id, reveal.OrganisationId);
        Assert.Equal($"blob:{item.Sha256}", reveal.Target);
    }

    private static string[] Sorted(params string[] items) => [.. items.Order(StringComparer.Ordinal)];

    private static Task<string[]> VisibleAsync(PortalWorld world, PortalMember member) => world.App.AsSystemAsync(async sp =>
    {
        var officer = new Officer(member.Id, member.Organisation.Kind, member.Organisation.CountryCode, Guid.NewGuid(), IsApiKey: true);
        var items = await sp.GetRequiredService<PortalAccess>().ItemsFor(officer).ToListAsync(PortalWorld.Ct);
        return items.Order(StringComparer.Ordinal).ToArray();
    });
}
