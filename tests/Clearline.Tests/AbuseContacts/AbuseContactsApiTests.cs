using System.Net;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.AbuseContacts;

/// <summary>Who may read a route's abuse contacts and ask for a lookup: a key with the scope, of an organisation that sees the route.</summary>
public sealed class AbuseContactsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task AbuseContacts_WithoutKey401_WithoutScope403_AnotherHotline404(DatabaseProvider provider)
    {
        await using var rdap = await RdapTestServer.StartAsync();
        await using var world = await AbuseContactWorld.StartAsync(provider, rdap.BootstrapDirectory);
        var route = await world.SeedRouteAsync("192.0.2.50");
        var get = $"/api/v1/routes/{route}/abuse-contacts";
        var post = $"/api/v1/routes/{route}/abuse-contacts/lookup";

        var anonymous = world.App.CreateClient();
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync(new Uri(get, UriKind.Relative), Ct), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsync(new Uri(post, UriKind.Relative), null, Ct), HttpStatusCode.Unauthorized);

        var readOnly = world.App.CreateClient(await world.App.CreateApiKeyAsync(world.Hotline.Organisation, ApiScopes.RoutesRead));
        var noRoutes = world.App.CreateClient(await world.App.CreateApiKeyAsync(world.Hotline.Organisation, ApiScopes.OrganisationRead));
        await ProblemAssert.IsProblemAsync(await noRoutes.GetAsync(new Uri(get, UriKind.Relative), Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await readOnly.PostAsync(new Uri(post, UriKind.Relative), null, Ct), HttpStatusCode.Forbidden);

        var other = await world.App.CreateOrganisationAsync(OrganisationKind.Hotline, "FR");
        var stranger = world.App.CreateClient(await world.App.CreateApiKeyAsync(other, ApiScopes.RoutesRead, ApiScopes.ActionsWrite));
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync(new Uri(get, UriKind.Relative), Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync(new Uri(post, UriKind.Relative), null, Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync(new Uri($"/api/v1/routes/{Guid.NewGuid()}/abuse-contacts", UriKind.Relative), Ct), HttpStatusCode.NotFound);

        // The route's opening queued the lookup: the owner reads its contacts, whichever state they are in by now.
        var contacts = await world.ContactsAsync(route);
        Assert.Contains(AbuseContactWorld.State(contacts.GetProperty("network")), new[] { "Pending", "Found", "NotFound", "Failed" });
        Assert.Contains(AbuseContactWorld.State(contacts.GetProperty("registrar")), new[] { "Pending", "Found", "NotFound", "Failed" });
    }
}
