using System.Net;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Audit;

/// <summary>The audit viewer page and <c>/api/v1/audit</c>: another organisation's entries never appear, except to the coordinator.</summary>
public sealed class AuditViewerTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Api_KeySeesItsOrganisationsEntriesOnly_CoordinatorSeesAll(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, ManySignIns);
        var (a, b, coordination) = await OrganisationsWithMarkersAsync(app);
        using var hotline = app.CreateClient(await app.CreateApiKeyAsync(a, ApiScopes.AuditRead));
        using var network = app.CreateClient(await app.CreateApiKeyAsync(coordination, ApiScopes.AuditRead));
        using var withoutScope = app.CreateClient(await app.CreateApiKeyAsync(a, ApiScopes.OrganisationRead));

        var own = await TargetsAsync(hotline, "/api/v1/audit?target=marker:");
        var all = await TargetsAsync(network, "/api/v1/audit?target=marker:");
        var systemEntries = await TargetsAsync(hotline, $"/api/v1/audit?target=marker:&actor=system&from=2000-01-01");
        using var denied = await withoutScope.GetAsync(new Uri("/api/v1/audit", UriKind.Relative), Ct);
        using var bad = await hotline.GetAsync(new Uri("/api/v1/audit?action=Nonsense", UriKind.Relative), Ct);
        using var badLimit = await hotline.GetAsync(new Uri("/api/v1/audit?limit=1000", UriKind.Relative), Ct);

        Assert.Equal(["marker:a"], own);
        Assert.Equal(["marker:b", "marker:a"], all);
        Assert.Equal(["marker:a"], systemEntries);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.True((await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("action", out _));
        Assert.True((await ProblemAssert.IsProblemAsync(badLimit, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Theory]
    [BothDatabases]
    public async Task Api_Csv_StreamsTheSameFilteredEntries_GuardedCells_AndIsAudited(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, ManySignIns);
        var (a, _, _) = await OrganisationsWithMarkersAsync(app);
        await app.AsSystemAsync(async sp =>
        {
            await sp.GetRequiredService<AuditTrail>().AppendAsync(
                new AuditEvent(AuditAction.HashListCreated, AuditActor.System, a.Id, "marker:formula", Detail: "=cmd|' /C calc'!A0"), Ct);
            return 0;
        });
        using var client = app.CreateClient(await app.CreateApiKeyAsync(a, ApiScopes.AuditRead));

        using var csv = await client.GetAsync(new Uri("/api/v1/audit.csv?target=marker:", UriKind.Relative), Ct);
        var body = await ProblemAssert.IsSuccessAsync(csv);
        using var same = await client.GetAsync(new Uri("/api/v1/audit?format=csv&target=marker:", UriKind.Relative), Ct);
        var sameBody = await ProblemAssert.IsSuccessAsync(same);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var exported = await app.AsSystemAsync(sp => Task.FromResult(sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .Count(e => e.Action == AuditAction.AuditExported && e.OrganisationId == a.Id)));

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AuditCsv.Header, lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",HashListCreated,Hash list created,system,System,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",marker:formula,,'=cmd|' /C calc'!A0", lines[1], StringComparison.Ordinal);
        Assert.Contains(",marker:a,", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("marker:b", body, StringComparison.Ordinal);
        Assert.Equal(body.Split('\n').Skip(1), sameBody.Split('\n').Skip(1));
        Assert.Equal(2, exported);
    }

    [Theory]
    [BothDatabases]
    public async Task Page_SupervisorSeesOwnOrganisationAndTeamExposure_CoordinatorSeesAll_AnalystIsDenied(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, ManySignIns);
        var (a, _, coordination) = await OrganisationsWithMarkersAsync(app);
        var supervisor = await app.CreateUserAsync(a, Role.Supervisor);
        var analyst = await app.CreateUserAsync(a, Role.Analyst);
        var coordinator = await app.CreateUserAsync(coordination, Role.Coordinator);

        using var asSupervisor = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(asSupervisor, supervisor.User.Email!, supervisor.OneTimePassword);
        var html = await asSupervisor.OpenAsync("/Audit");
        var filtered = await asSupervisor.OpenAsync("/Audit?target=marker:&action=KeysRotated");
        using var csv = await asSupervisor.GetAsync("/Audit?handler=Csv&target=marker:");
        var csvBody = await ProblemAssert.IsSuccessAsync(csv);

        using var asCoordinator = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(asCoordinator, coordinator.User.Email!, coordinator.OneTimePassword);
        var network = await asCoordinator.OpenAsync("/Audit?target=marker:");

        using var asAnalyst = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(asAnalyst, analyst.User.Email!, analyst.OneTimePassword);
        using var denied = await asAnalyst.GetAsync("/Audit");
        using var deniedCsv = await asAnalyst.GetAsync("/Audit?handler=Csv");

        Assert.Contains("<code>marker:a</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("marker:b", html, StringComparison.Ordinal);
        Assert.Contains("Encryption keys rotated", html, StringComparison.Ordinal);
        Assert.Contains("Signed in", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">UserSignedIn<", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chain-status\" data-intact=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"exposure", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Audit?action=ContentViewed\" id=\"reveals-link\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Contains("<code>marker:a</code>", filtered, StringComparison.Ordinal);
        Assert.Contains(",marker:a,", csvBody, StringComparison.Ordinal);
        Assert.DoesNotContain("marker:b", csvBody, StringComparison.Ordinal);
        Assert.Contains("<code>marker:a</code>", network, StringComparison.Ordinal);
        Assert.Contains("<code>marker:b</code>", network, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"exposure", network, StringComparison.Ordinal);
        AssertDenied(denied);
        AssertDenied(deniedCsv);
    }

    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    /// <summary>Hotlines A and B and the coordination; one marked entry for A and one for B.</summary>
    private static async Task<(Organisation A, Organisation B, Organisation Coordination)> OrganisationsWithMarkersAsync(ClearlineTestApp app)
    {
        var a = await app.CreateOrganisationAsync();
        var b = await app.CreateOrganisationAsync(country: "DE");
        var coordination = await app.CreateOrganisationAsync(OrganisationKind.Coordinator);
        await app.AsSystemAsync(async sp =>
        {
            var trail = sp.GetRequiredService<AuditTrail>();
            await trail.AppendAsync(new AuditEvent(AuditAction.KeysRotated, AuditActor.System, a.Id, "marker:a"), Ct);
            await trail.AppendAsync(new AuditEvent(AuditAction.KeysRotated, AuditActor.System, b.Id, "marker:b"), Ct);
            return 0;
        });
        return (a, b, coordination);
    }

    private static async Task<List<string?>> TargetsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        using var json = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response));
        return [.. json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("target").GetString())];
    }
}
