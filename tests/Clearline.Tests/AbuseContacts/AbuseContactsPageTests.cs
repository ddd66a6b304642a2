using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Account;
using Clearline.Tests.RoutePages;

namespace Clearline.Tests.AbuseContacts;

/// <summary>The abuse contacts on the route's page, and "Look up again".</summary>
public sealed class AbuseContactsPageTests
{
    [Fact]
    public async Task RoutePage_ShowsTheContacts_AndLookUpAgainFindsThem()
    {
        await using var rdap = await RdapTestServer.StartAsync();
        await using var world = await AbuseContactWorld.StartAsync(DatabaseProvider.Sqlite, rdap.BootstrapDirectory);
        var route = await world.SeedRouteAsync("192.0.2.60");
        using var analyst = await People.SignInAsync(world.App, world.Hotline.Organisation, Role.Analyst);

        var page = await analyst.OpenAsync($"/Routes/{route}");
        Assert.Contains("id=\"abuse-contacts\"", page, StringComparison.Ordinal);
        Assert.Contains("Hosting network", page, StringComparison.Ordinal);

        using var posted = await analyst.SubmitAsync(page, $"/Routes/{route}/AbuseContacts");
        SignInSteps.AssertRedirect(posted, $"/Routes/{route}");
        await world.WaitForAsync(route, c => AbuseContactWorld.State(c) == "Found");

        var found = await analyst.OpenAsync($"/Routes/{route}");
        Assert.Contains(RdapTestServer.NetworkAbuseEmail, found, StringComparison.Ordinal);
        Assert.Contains(RdapTestServer.RegistrarAbuseEmail, found, StringComparison.Ordinal);
        Assert.Contains("Example Registrar Inc.", found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookUpAgain_ByAHotlineThatDoesNotSeeTheRoute_IsNotFound()
    {
        await using var rdap = await RdapTestServer.StartAsync();
        await using var world = await AbuseContactWorld.StartAsync(DatabaseProvider.Sqlite, rdap.BootstrapDirectory);
        var route = await world.SeedRouteAsync("192.0.2.61");
        var other = await world.App.CreateOrganisationAsync(OrganisationKind.Hotline, "FR");
        using var outsider = await People.SignInAsync(world.App, other, Role.Analyst);
        var ownPage = await outsider.OpenAsync("/Routes");

        using var posted = await outsider.SubmitAsync(ownPage, $"/Routes/{route}/AbuseContacts");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, posted.StatusCode);
    }
}
