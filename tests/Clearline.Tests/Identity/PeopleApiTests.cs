using System.Net;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Identity;

/// <summary><c>/api/v1/people</c>: invitations, roles within the kind, the last-administrator rule, tenancy, audit.</summary>
public sealed class PeopleApiTests
{
    [Theory]
    [BothDatabases]
    public async Task Invite_ValidRole_OneTimePasswordOnlyInTheAnswerAndAudited(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var host = await PeopleHost.StartAsync(app);

        var (id, email, password) = await host.InviteAsync(Role.Analyst);

        Assert.Equal(20, password.Length);
        var person = await host.PersonAsync(id);
        Assert.Equal(email, person.GetProperty("email").GetString());
        Assert.Equal("Analyst", person.GetProperty("role").GetString());
        Assert.True(person.GetProperty("mustChangePassword").GetBoolean());
        Assert.False(person.TryGetProperty("oneTimePassword", out _));
        using var list = await PeopleHost.GetAsync(host.Admin, "/api/v1/people");
        var listed = await ProblemAssert.IsSuccessAsync(list);
        Assert.Contains(email, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(password, listed, StringComparison.Ordinal);
        var audit = Assert.Single(await host.AuditAsync($"user:{id}"));
        Assert.Equal(AuditAction.UserCreated, audit.Action);
        Assert.Equal(AuditActorKind.ApiKey, audit.ActorKind);
    }

    [Theory]
    [BothDatabases("LeaOfficer")]
    [BothDatabases("Coordinator")]
    [BothDatabases("SystemAdmin")]
    public async Task Invite_RoleTheKindDoesNotAllow_400OnRoleAndNobodyCreated(DatabaseProvider provider, string role)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var host = await PeopleHost.StartAsync(app);

        using var response = await PeopleHost.PostAsync(host.Admin, "/api/v1/people", new { email = "wrong.role@test.invalid", role });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _), problem.ToString());
        using var list = await PeopleHost.GetAsync(host.Admin, "/api/v1/people");
        Assert.DoesNotContain("wrong.role", await ProblemAssert.IsSuccessAsync(list), StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Invite_CoordinatorAdministrator_CannotMakeASystemAdministrator(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var coordinator = await app.CreateOrganisationAsync(OrganisationKind.Coordinator);
        var admin = app.CreateClient(await app.CreateApiKeyAsync(coordinator, ApiScopes.OrganisationAdmin));

        using var response = await PeopleHost.PostAsync(admin, "/api/v1/people", new { email = "operator@test.invalid", role = "SystemAdmin" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [BothDatabases]
    public async Task ChangeRole_WithinTheKind_ChangedAndAudited_OutsideIt_400(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var host = await PeopleHost.StartAsync(app);
        var (id, _, _) = await host.InviteAsync(Role.Analyst);

        using var promoted = await PeopleHost.PutAsync(host.Admin, $"/api/v1/people/{id}/role", new { role = "Supervisor" });
        using var police = await PeopleHost.PutAsync(host.Admin, $"/api/v1/people/{id}/role", new { role = "LeaOfficer" });

        await ProblemAssert.IsSuccessAsync(promoted);
        var problem = await ProblemAssert.IsProblemAsync(police, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _), problem.ToString());
        Assert.Equal("Supervisor", (await host.PersonAsync(id)).GetProperty("role").GetString());
        var changed = Assert.Single(await host.AuditAsync($"user:{id}"), a => a.Action == AuditAction.UserRoleChanged);
        Assert.Equal("role=Analyst->Supervisor", changed.Detail);
    }

    [Theory]
    [BothDatabases]
    public async Task LastActiveAdministrator_CannotBeDisabledOrDemoted_UntilAnotherExists(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var host = await PeopleHost.StartAsync(app);
        var (first, _, _) = await host.InviteAsync(Role.OrgAdmin);

        using var disabled = await PeopleHost.PostAsync(host.Admin, $"/api/v1/people/{first}/disable");
        using var demoted = await PeopleHost.PutAsync(host.Admin, $"/api/v1/people/{first}/role", new { role = "Analyst" });

        foreach (var response in new[] { disabled, demoted })
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
            Assert.Equal(UserAdministration.LastAdministrator, problem.GetProperty("detail").GetString());
        }

        var person = await host.PersonAsync(first);
        Assert.Equal("OrgAdmin", person.GetProperty("role").GetString());
        Assert.False(person.GetProperty("disabled").GetBoolean());

        var (second, _, _) = await host.InviteAsync(Role.OrgAdmin);
        using var nowDisabled = await PeopleHost.PostAsync(host.Admin, $"/api/v1/people/{first}/disable");
        using var secondDemoted = await PeopleHost.PutAsync(host.Admin, $"/api/v1/people/{second}/role", new { role = "Analyst" });
        using var secondDisabled = await PeopleHost.PostAsync(host.Admin, $"/api/v1/people/{second}/disable");

        Assert.True((await host.PersonAsync(first)).GetProperty("disabled").GetBoolean());
        await ProblemAssert.IsSuccessAsync(nowDisabled);
        await ProblemAssert.IsProblemAsync(secondDemoted, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(secondDisabled, HttpStatusCode.Conflict);
    }

    [Theory]
    [BothDatabases]
    public async Task AnotherOrganisationsPerson_EveryOperation_404AndUnchanged(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var a = await PeopleHost.StartAsync(app);
        var b = await PeopleHost.StartAsync(app);
        var (id, _, _) = await a.InviteAsync(Role.Analyst);

        var answers = new List<HttpResponseMessage>
        {
            await PeopleHost.GetAsync(b.Admin, $"/api/v1/people/{id}"),
            await PeopleHost.PutAsync(b.Admin, $"/api/v1/people/{id}/role", new { role = "Supervisor" }),
            await PeopleHost.PostAsync(b.Admin, $"/api/v1/people/{id}/disable"),
            await PeopleHost.PostAsync(b.Admin, $"/api/v1/people/{id}/enable"),
            await PeopleHost.PostAsync(b.Admin, $"/api/v1/people/{id}/unlock"),
            await PeopleHost.PostAsync(b.Admin, $"/api/v1/people/{id}/reset-authenticator"),
        };

        foreach (var answer in answers)
        {
            using (answer)
            {
                await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.NotFound);
            }
        }

        using var listed = await PeopleHost.GetAsync(b.Admin, "/api/v1/people");
        Assert.DoesNotContain(id.ToString(), await ProblemAssert.IsSuccessAsync(listed), StringComparison.Ordinal);
        var person = await a.PersonAsync(id);
        Assert.Equal("Analyst", person.GetProperty("role").GetString());
        Assert.False(person.GetProperty("disabled").GetBoolean());
        Assert.Single(await a.AuditAsync($"user:{id}"));
    }

    [Theory]
    [BothDatabases]
    public async Task People_KeyWithoutOrganisationAdmin_403(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        var reader = app.CreateClient(await app.CreateApiKeyAsync(hotline, [.. ScopeCeilings.For(OrganisationKind.Hotline).Where(s => s != ApiScopes.OrganisationAdmin)]));

        using var list = await PeopleHost.GetAsync(reader, "/api/v1/people");
        using var invite = await PeopleHost.PostAsync(reader, "/api/v1/people", new { email = "x@test.invalid", role = "Analyst" });

        await ProblemAssert.IsProblemAsync(list, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(invite, HttpStatusCode.Forbidden);
    }

    [Theory]
    [BothDatabases]
    public async Task Invite_MissingOrBadEmail_400OnEmail(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var host = await PeopleHost.StartAsync(app);

        using var blank = await PeopleHost.PostAsync(host.Admin, "/api/v1/people", new { email = " ", role = "Analyst" });
        using var bad = await PeopleHost.PostAsync(host.Admin, "/api/v1/people", new { email = "not an address", role = "Analyst" });

        foreach (var response in new[] { blank, bad })
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _), problem.ToString());
        }
    }
}
