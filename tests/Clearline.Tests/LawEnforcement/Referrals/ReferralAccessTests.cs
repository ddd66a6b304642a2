using System.Net;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.LawEnforcement.Referrals;

/// <summary>
/// A referral is the receiving police unit's and the referring hotline's alone: police of another country, other
/// hotlines, INTERPOL, the coordinator and industry get 404 (or 403 where the scope is above their ceiling) on every
/// endpoint and page, and nothing changes.
/// </summary>
public sealed class ReferralAccessTests
{
    [Theory]
    [BothDatabases]
    public async Task EveryReferralEndpoint_AnyoneButThePoliceUnitAndTheHotline_404Or403_AndNothingChanges(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var id = await ReferralApiTests.ReferralIdAsync(world, item);
        var failures = new List<string>();

        PortalMember[] outsiders = [world.PoliceDe, world.HotlineDe, world.Interpol, world.Coordinator, world.Industry];
        foreach (var member in outsiders.Append(world.HotlineNl))
        {
            foreach (var (name, call) in ReferralCalls.PoliceById(id))
            {
                await ExpectRefusedAsync(failures, $"{member.Organisation.Kind} {member.Organisation.CountryCode} {name}", await call(member));
            }
        }

        foreach (var member in outsiders.Append(world.PoliceNl))
        {
            foreach (var (name, call) in ReferralCalls.Hotline(item.RouteId))
            {
                await ExpectRefusedAsync(failures, $"{member.Organisation.Kind} {member.Organisation.CountryCode} {name}", await call(member));
            }
        }

        // The list answers, empty, to the other country's police; refused to everyone else.
        var de = await world.PoliceDe.GetJsonAsync("/api/v1/referrals");
        Assert.Empty(de.GetProperty("items").EnumerateArray());
        foreach (var member in new[] { world.HotlineNl, world.HotlineDe, world.Interpol, world.Coordinator, world.Industry })
        {
            await ExpectRefusedAsync(failures, $"{member.Organisation.Kind} list", await member.GetAsync("/api/v1/referrals"));
        }

        Assert.Empty(failures);
        var referral = await world.PoliceNl.GetJsonAsync($"/api/v1/referrals/{id}");
        Assert.Equal("New", referral.GetProperty("state").GetString());
        Assert.Empty(referral.GetProperty("feedback").EnumerateArray());
        Assert.Empty(referral.GetProperty("messages").EnumerateArray());
    }

    [Theory]
    [BothDatabases]
    public async Task ReferralPage_AnotherCountrysOfficer_404_OthersRefused(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var id = await ReferralApiTests.ReferralIdAsync(world, item);
        using var officerDe = await world.SignInAsync(world.PoliceDe, Role.LeaOfficer);
        var home = await officerDe.OpenAsync("/");

        using (var page = await officerDe.GetAsync($"/Police/Referrals/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }

        foreach (var handler in new[] { "Accept", "Feedback", "Message" })
        {
            using var post = await officerDe.SubmitAsync(home, $"/Police/Referrals/{id}?handler={handler}", ("Feedback.Outcome", "NoFurtherAction"), ("Message.Body", "From DE"));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        var queue = await officerDe.OpenAsync("/Police");
        Assert.DoesNotContain(id.ToString(), queue, StringComparison.Ordinal);

        foreach (var (member, role) in new[] { (world.Interpol, Role.InterpolOfficer), (world.HotlineDe, Role.Analyst), (world.Coordinator, Role.Coordinator), (world.Industry, Role.OrgAdmin) })
        {
            using var browser = await world.SignInAsync(member, role);
            using var page = await browser.GetAsync($"/Police/Referrals/{id}");
            AssertRefusedPage(page, $"{member.Organisation.Kind} referral page");
            using var list = await browser.GetAsync("/Police");
            AssertRefusedPage(list, $"{member.Organisation.Kind} /Police");
        }

        using var otherHotline = await world.SignInAsync(world.HotlineDe, Role.Analyst);
        using var route = await otherHotline.GetAsync($"/Routes/{item.RouteId}");
        Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);

        var referral = await world.PoliceNl.GetJsonAsync($"/api/v1/referrals/{id}");
        Assert.Equal("New", referral.GetProperty("state").GetString());
        Assert.Empty(referral.GetProperty("messages").EnumerateArray());
    }

    /// <summary>404, or the access-denied page people without the permission are sent to (a 403).</summary>
    private static void AssertRefusedPage(HttpResponseMessage page, string what) =>
        Assert.True(
            page.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
            || (page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal)),
            $"{what}: {(int)page.StatusCode} {page.Headers.Location}");

    private static async Task ExpectRefusedAsync(List<string> failures, string what, HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(PortalWorld.Ct);
            if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{what}: {(int)response.StatusCode} {body}");
            }
        }
    }
}
