using System.Globalization;
using System.Text.Json;
using Clearline.AbuseContacts;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Events;
using Clearline.Jobs;
using Clearline.Routing;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.AbuseContacts;

/// <summary>
/// A routing network (<see cref="RoutingNetwork"/>) whose RDAP bootstrap points at a test RDAP server (or at a port
/// where nothing listens), with workers that run the lookup jobs, and a reporting hotline whose key may read routes
/// and ask for lookups.
/// </summary>
internal sealed class AbuseContactWorld : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RoutingNetwork _network;

    private AbuseContactWorld(RoutingNetwork network, Member hotline)
    {
        _network = network;
        Hotline = hotline;
    }

    public ClearlineTestApp App => _network.App;

    public RoutingNetwork Network => _network;

    /// <summary>The reporting hotline (NL), with a key holding <c>routes:read</c> and <c>actions:write</c>.</summary>
    public Member Hotline { get; }

    public static async Task<AbuseContactWorld> StartAsync(DatabaseProvider provider, string bootstrapDirectory, TimeSpan? retryBaseDelay = null)
    {
        var retry = retryBaseDelay ?? TimeSpan.FromHours(1);
        var network = await RoutingNetwork.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Rdap:Bootstrap:Directory"] = bootstrapDirectory,
            ["Rdap:RequestTimeout"] = "00:00:10",
            ["Rdap:RetryBaseDelay"] = retry.ToString("c", CultureInfo.InvariantCulture),
            ["Rdap:MaxRetryDelay"] = (retry * 4).ToString("c", CultureInfo.InvariantCulture),
            ["Workers:PollInterval"] = "00:00:00.200",
        });
        var hotline = await network.AddHotlineAsync("NL");
        var key = await network.App.CreateApiKeyAsync(hotline.Organisation, ApiScopes.RoutesRead, ApiScopes.ActionsWrite);
        return new AbuseContactWorld(network, new Member(hotline.Organisation, network.App.CreateClient(key)));
    }

    /// <summary>Seeds a route to content at <c>https://img0.example/0.png</c> hosted at <paramref name="ip"/>; returns its id.</summary>
    public async Task<Guid> SeedRouteAsync(string ip) => (await _network.ReportAndRouteAsync(Hotline, ("DE", ip))).Routes[0];

    /// <summary>Announces <see cref="RouteOpened"/> for a route as routing does, in a unit of work that saves and commits.</summary>
    public Task AnnounceOpenedAsync(Guid routeId) => App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClearlineDbContext>();
        await using var transaction = await sp.GetRequiredService<UnitOfWork>().BeginAsync(Ct);
        var route = await db.Set<ContentRoute>().SingleAsync(r => r.Id == routeId, Ct);
        await sp.GetRequiredService<EventAnnouncer>().AnnounceAsync(new RouteOpened(route), Ct);
        await db.SaveChangesAsync(Ct);
        await transaction.CommitAsync(Ct);
        return true;
    });

    public async Task<JsonElement> ContactsAsync(Guid routeId) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await Hotline.GetAsync($"/api/v1/routes/{routeId}/abuse-contacts"))).RootElement;

    public async Task RequestLookupAsync(Guid routeId)
    {
        using var response = await Hotline.PostAsync($"/api/v1/routes/{routeId}/abuse-contacts/lookup");
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Polls the API until both contacts of the route satisfy <paramref name="done"/>; returns the last answer.</summary>
    public async Task<JsonElement> WaitForAsync(Guid routeId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var contacts = await ContactsAsync(routeId);
            if (done(contacts.GetProperty("network")) && done(contacts.GetProperty("registrar")))
            {
                return contacts;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The contacts did not settle: {contacts}");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>Waits until no lookup job is queued and due, or running.</summary>
    public async Task WaitForIdleLookupsAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var jobs = await App.AsSystemAsync(async sp => await sp.GetRequiredService<ClearlineDbContext>().Set<Job>().AsNoTracking()
                .Where(j => j.Kind == AbuseContactLookupJob.Kind).ToListAsync(Ct));
            var now = DateTimeOffset.UtcNow;
            if (jobs.All(j => j.State is JobState.Succeeded or JobState.Failed || (j.State == JobState.Queued && j.RunAfter > now.AddMinutes(5))))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Lookup jobs still pending: {string.Join(", ", jobs.Select(j => j.State))}");
            await Task.Delay(100, Ct);
        }
    }

    public static string State(JsonElement contact) => contact.GetProperty("state").GetString()!;

    public ValueTask DisposeAsync() => _network.DisposeAsync();
}
