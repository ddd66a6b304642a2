using Clearline.Database;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.AbuseContacts;

/// <summary>
/// Lookups against a real RDAP server on 127.0.0.1, found through a bootstrap directory the test writes: what is found,
/// what is cached, and the clear state and retry of each failure. The lookup jobs run on the app's own workers.
/// </summary>
public sealed class AbuseContactLookupTests
{
    [Theory]
    [BothDatabases]
    public async Task Lookup_OnRequest_FindsTheNetworkAndRegistrarAbuseContacts(DatabaseProvider provider)
    {
        await using var rdap = await RdapTestServer.StartAsync();
        await using var world = await AbuseContactWorld.StartAsync(provider, rdap.BootstrapDirectory);
        var route = await world.SeedRouteAsync("192.0.2.44");

        await world.RequestLookupAsync(route);
        var contacts = await world.WaitForAsync(route, c => AbuseContactWorld.State(c) == "Found");

        var network = contacts.GetProperty("network");
        Assert.Equal("192.0.2.44", network.GetProperty("key").GetString());
        Assert.Equal(RdapTestServer.NetworkAbuseEmail, network.GetProperty("email").GetString());
        Assert.Equal("Abuse desk", network.GetProperty("name").GetString());
        Assert.Equal("Example Hosting Ltd", network.GetProperty("organisation").GetString());
        Assert.Equal("ABUSE-XXXX", network.GetProperty("handle").GetString());
        Assert.EndsWith("/rdap/ip/192.0.2.44", network.GetProperty("serverUrl").GetString(), StringComparison.Ordinal);
        var registrar = contacts.GetProperty("registrar");
        Assert.Equal("img0.example", registrar.GetProperty("key").GetString());
        Assert.Equal(RdapTestServer.RegistrarAbuseEmail, registrar.GetProperty("email").GetString());
        Assert.Equal("Example Registrar Inc.", registrar.GetProperty("organisation").GetString());
        Assert.Equal("+1.5555551212", registrar.GetProperty("phone").GetString());
        Assert.True(rdap.HitsFor("ip/192.0.2.44") >= 1);
        Assert.True(rdap.HitsFor("domain/img0.example") >= 1);
    }

    [Theory]
    [BothDatabases]
    public async Task Lookup_WhenARouteOpensOnACachedAddressAndDomain_MakesNoRequest(DatabaseProvider provider)
    {
        await using var rdap = await RdapTestServer.StartAsync();
        await using var world = await AbuseContactWorld.StartAsync(provider, rdap.BootstrapDirectory);
        var first = await world.SeedRouteAsync("198.51.100.7");
        await world.RequestLookupAsync(first);
        await world.WaitForAsync(first, c => AbuseContactWorld.State(c) == "Found");
        await world.WaitForIdleLookupsAsync();
        var before = rdap.Requests;

        var second = await world.SeedRouteAsync("198.51.100.7");
        await world.AnnounceOpenedAsync(second);
        await world.WaitForIdleLookupsAsync();

        var contacts = await world.WaitForAsync(second, c => AbuseContactWorld.State(c) == "Found");
        Assert.Equal(RdapTestServer.NetworkAbuseEmail, contacts.GetProperty("network").GetProperty("email").GetString());
        Assert.Equal(before, rdap.Requests);
    }

    [Theory]
    [BothDatabases]
    public async Task Lookup_ServerUnreachable_IsFailedWithTheReasonAndARetryScheduled(DatabaseProvider provider)
    {
        var bootstrap = RdapTestServer.UnreachableBootstrap();
        await using var world = await AbuseContactWorld.StartAsync(provider, bootstrap);
        var route = await world.SeedRouteAsync("203.0.113.9");

        await world.RequestLookupAsync(route);
        var contacts = await world.WaitForAsync(route, c => AbuseContactWorld.State(c) == "Failed");

        var network = contacts.GetProperty("network");
        Assert.Contains("could not be reached", network.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, network.GetProperty("attempts").GetInt32());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, network.GetProperty("nextAttemptAt").ValueKind);
        Assert.Null(network.GetProperty("email").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task Lookup_MalformedJson_IsFailedAsMalformed(DatabaseProvider provider)
    {
        await using var rdap = await RdapTestServer.StartAsync();
        rdap.Behaviour = RdapBehaviour.Malformed;
        await using var world = await AbuseContactWorld.StartAsync(provider, rdap.BootstrapDirectory);
        var route = await world.SeedRouteAsync("192.0.2.45");

        await world.RequestLookupAsync(route);
        var contacts = await world.WaitForAsync(route, c => AbuseContactWorld.State(c) == "Failed");

        Assert.Contains("malformed RDAP JSON", contacts.GetProperty("network").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("malformed RDAP JSON", contacts.GetProperty("registrar").GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Lookup_RdapAnswers404_IsNotFound(DatabaseProvider provider)
    {
        await using var rdap = await RdapTestServer.StartAsync();
        rdap.Behaviour = RdapBehaviour.NotFound;
        await using var world = await AbuseContactWorld.StartAsync(provider, rdap.BootstrapDirectory);
        var route = await world.SeedRouteAsync("192.0.2.46");

        await world.RequestLookupAsync(route);
        var contacts = await world.WaitForAsync(route, c => AbuseContactWorld.State(c) == "NotFound");

        Assert.Contains("holds no record of 192.0.2.46", contacts.GetProperty("network").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, contacts.GetProperty("network").GetProperty("nextAttemptAt").ValueKind);
    }

    [Theory]
    [BothDatabases]
    public async Task Lookup_AfterAServerError_IsRetriedWithBackoffAndSucceeds(DatabaseProvider provider)
    {
        await using var rdap = await RdapTestServer.StartAsync();
        rdap.Behaviour = RdapBehaviour.ServerError;
        await using var world = await AbuseContactWorld.StartAsync(provider, rdap.BootstrapDirectory, retryBaseDelay: TimeSpan.FromSeconds(2));
        var route = await world.SeedRouteAsync("192.0.2.47");

        await world.RequestLookupAsync(route);
        var failed = await world.WaitForAsync(route, c => AbuseContactWorld.State(c) == "Failed");
        Assert.Contains("answered 503", failed.GetProperty("network").GetProperty("error").GetString(), StringComparison.Ordinal);
        rdap.Behaviour = RdapBehaviour.Records;

        var found = await world.WaitForAsync(route, c => AbuseContactWorld.State(c) == "Found");
        Assert.Equal(RdapTestServer.NetworkAbuseEmail, found.GetProperty("network").GetProperty("email").GetString());
        Assert.True(found.GetProperty("network").GetProperty("attempts").GetInt32() >= 1);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, found.GetProperty("network").GetProperty("error").ValueKind);
    }
}
