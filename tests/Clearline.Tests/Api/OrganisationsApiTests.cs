using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Pages.Account;
using Clearline.Tests.Account;
using Clearline.Tests.Identity;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Api;

/// <summary><c>/api/v1/organisations</c>: the coordinator's administration of the network's members.</summary>
public sealed class OrganisationsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Coordinator_CreatesRenamesAndChangesCountryAndLawProfile_Audited(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var coordinator = await CoordinatorAsync(app);
        var name = $"Hotline {Guid.NewGuid():N}";

        using var created = await PeopleHost.PostAsync(coordinator, "/api/v1/organisations", new { name, kind = "Hotline", countryCode = "nl", lawProfile = "NL-2024" });
        var id = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(created)).RootElement.GetProperty("id").GetGuid();
        using var changed = await PatchAsync(coordinator, id, new { name = name + " renamed", countryCode = "BE", lawProfile = "" });

        var body = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(changed)).RootElement;
        Assert.Equal(name + " renamed", body.GetProperty("name").GetString());
        Assert.Equal("BE", body.GetProperty("countryCode").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("lawProfile").ValueKind);
        Assert.Equal("Hotline", body.GetProperty("kind").GetString());
        var actions = (await PeopleHost.AuditAsync(app, $"org:{id}")).Select(a => a.Action).ToList();
        Assert.Equal(
            [AuditAction.OrganisationCreated, AuditAction.OrganisationRenamed, AuditAction.OrganisationCountryChanged, AuditAction.OrganisationLawProfileChanged],
            actions);
    }

    [Theory]
    [BothDatabases]
    public async Task Change_BadInput_400OnTheFieldOr409_NothingChanged(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var coordinator = await CoordinatorAsync(app);
        var hotline = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync();
        var interpol = await app.CreateOrganisationAsync(OrganisationKind.Interpol);

        var cases = new (HttpResponseMessage Response, HttpStatusCode Status, string? Field)[]
        {
            (await PatchAsync(coordinator, hotline.Id, new { countryCode = "XX" }), HttpStatusCode.BadRequest, "country"),
            (await PatchAsync(coordinator, hotline.Id, new { kind = "Industry" }), HttpStatusCode.BadRequest, "kind"),
            (await PatchAsync(coordinator, hotline.Id, new { name = " " }), HttpStatusCode.BadRequest, "name"),
            (await PatchAsync(coordinator, interpol.Id, new { countryCode = "FR" }), HttpStatusCode.BadRequest, "country"),
            (await PatchAsync(coordinator, hotline.Id, new { name = other.Name }), HttpStatusCode.Conflict, null),
            (await PeopleHost.PostAsync(coordinator, "/api/v1/organisations", new { name = other.Name, kind = "Hotline", countryCode = "NL" }), HttpStatusCode.Conflict, null),
        };

        foreach (var (response, status, field) in cases)
        {
            using (response)
            {
                var problem = await ProblemAssert.IsProblemAsync(response, status);
                if (field is not null)
                {
                    Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
                }
            }
        }

        using var after = await PeopleHost.GetAsync(coordinator, $"/api/v1/organisations/{hotline.Id}");
        var body = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(after)).RootElement;
        Assert.Equal(hotline.Name, body.GetProperty("name").GetString());
        Assert.Equal("NL", body.GetProperty("countryCode").GetString());
        Assert.Equal("Hotline", body.GetProperty("kind").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task Member_WithOrganisationAdmin_IsRefused403Everywhere(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        var member = app.CreateClient(await app.CreateApiKeyAsync(hotline, [.. ScopeCeilings.For(OrganisationKind.Hotline)]));
        var other = await app.CreateOrganisationAsync();

        var answers = new[]
        {
            await PeopleHost.GetAsync(member, "/api/v1/organisations"),
            await PeopleHost.GetAsync(member, $"/api/v1/organisations/{other.Id}"),
            await PeopleHost.PostAsync(member, "/api/v1/organisations", new { name = "Rogue", kind = "Hotline", countryCode = "NL" }),
            await PatchAsync(member, other.Id, new { name = "Renamed by a member" }),
            await PeopleHost.PostAsync(member, $"/api/v1/organisations/{other.Id}/deactivate"),
            await PeopleHost.PostAsync(member, $"/api/v1/organisations/{hotline.Id}/reactivate"),
        };

        foreach (var answer in answers)
        {
            using (answer)
            {
                await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.Forbidden);
            }
        }
    }

    [Theory]
    [BothDatabases]
    public async Task Deactivate_KeysRefusedAndPeopleSignedOutAndRefused_ReactivateRestores(DatabaseProvider provider)
    {
        await using var app = await PeopleHost.StartAppAsync(provider);
        var coordinator = await CoordinatorAsync(app);
        var host = await PeopleHost.StartAsync(app);
        var reader = app.CreateClient(await app.CreateApiKeyAsync(host.Hotline, ApiScopes.OrganisationRead));
        var (_, email, password) = await host.InviteAsync(Role.Analyst);
        using var browser = host.NewBrowser();
        var enrolled = await SignInSteps.FirstSignInAsync(browser, email, password);
        await browser.OpenAsync("/");

        using var deactivated = await PeopleHost.PostAsync(coordinator, $"/api/v1/organisations/{host.Hotline.Id}/deactivate");

        await ProblemAssert.IsSuccessAsync(deactivated);
        using (var refused = await PeopleHost.GetAsync(reader, "/api/v1/organisations/me"))
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized);
        }

        using (var next = await browser.GetAsync("/"))
        {
            SignInSteps.AssertRedirect(next, "/Account/Login");
        }

        using (var login = await SignInSteps.SubmitPasswordAsync(browser, email, enrolled.Password))
        {
            Assert.Contains(LoginModel.InvalidCredentials, await login.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var reactivated = await PeopleHost.PostAsync(coordinator, $"/api/v1/organisations/{host.Hotline.Id}/reactivate");
        await ProblemAssert.IsSuccessAsync(reactivated);
        using var again = await PeopleHost.GetAsync(reader, "/api/v1/organisations/me");
        await ProblemAssert.IsSuccessAsync(again);
        await SignInSteps.SignInAsync(browser, email, enrolled);
    }

    [Theory]
    [BothDatabases]
    public async Task Deactivate_TheCoordinatorItself_409(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var organisation = await app.CreateOrganisationAsync(OrganisationKind.Coordinator);
        var coordinator = app.CreateClient(await app.CreateApiKeyAsync(organisation, ApiScopes.OrganisationAdmin, ApiScopes.OrganisationRead));

        using var response = await PeopleHost.PostAsync(coordinator, $"/api/v1/organisations/{organisation.Id}/deactivate");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        using var still = await PeopleHost.GetAsync(coordinator, "/api/v1/organisations/me");
        await ProblemAssert.IsSuccessAsync(still);
    }

    private static async Task<HttpClient> CoordinatorAsync(ClearlineTestApp app) =>
        app.CreateClient(await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(OrganisationKind.Coordinator), ApiScopes.OrganisationAdmin));

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid id, object body) =>
        client.PatchAsync(new Uri($"/api/v1/organisations/{id}", UriKind.Relative), JsonContent.Create(body), Ct);
}
