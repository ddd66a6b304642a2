using System.Net;
using System.Text.RegularExpressions;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.Identity;

/// <summary>The <c>/Manage/People</c> and <c>/Network/Organisations</c> pages: who opens them and what their forms do.</summary>
public sealed partial class PeoplePageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Administrator_InvitesOnThePage_PasswordShownOnce_CannotDisableThemselvesAsLastAdministrator(DatabaseProvider provider)
    {
        await using var app = await PeopleHost.StartAppAsync(provider);
        var host = await PeopleHost.StartAsync(app);
        var (adminId, adminEmail, adminPassword) = await host.InviteAsync(Role.OrgAdmin);
        using var browser = host.NewBrowser();
        await SignInSteps.FirstSignInAsync(browser, adminEmail, adminPassword);
        var email = $"invited.{Guid.NewGuid():N}@test.invalid";

        var page = await browser.OpenAsync("/Manage/People");
        using var invited = await browser.SubmitAsync(page, "/Manage/People?handler=Invite", ("Invite.Email", email), ("Invite.Role", "Supervisor"));

        var answer = await invited.Content.ReadAsStringAsync(Ct);
        Assert.True(invited.StatusCode == HttpStatusCode.OK, answer);
        var password = OneTimePassword().Match(answer);
        Assert.True(password.Success, answer);
        var again = await browser.OpenAsync("/Manage/People");
        Assert.Contains(email, again, StringComparison.Ordinal);
        Assert.DoesNotContain(password.Groups[1].Value, again, StringComparison.Ordinal);

        using var disabled = await browser.SubmitAsync(again, "/Manage/People?handler=Disable", ("id", adminId.ToString()));
        var refused = await disabled.Content.ReadAsStringAsync(Ct);
        Assert.True(disabled.StatusCode == HttpStatusCode.Conflict, refused);
        Assert.Contains("last active administrator", refused, StringComparison.Ordinal);
        await browser.OpenAsync("/Manage/People");
    }

    [Theory]
    [BothDatabases]
    public async Task Analyst_PeopleAndOrganisationsPages_AccessDenied(DatabaseProvider provider)
    {
        await using var app = await PeopleHost.StartAppAsync(provider);
        var host = await PeopleHost.StartAsync(app);
        var (_, email, password) = await host.InviteAsync(Role.Analyst);
        using var browser = host.NewBrowser();
        await SignInSteps.FirstSignInAsync(browser, email, password);

        foreach (var path in new[] { "/Manage/People", "/Network/Organisations" })
        {
            using var response = await browser.GetAsync(path);
            SignInSteps.AssertRedirect(response, "/Account/AccessDenied");
        }
    }

    [Theory]
    [BothDatabases]
    public async Task Coordinator_AddsAndDeactivatesAnOrganisationOnThePage(DatabaseProvider provider)
    {
        await using var app = await PeopleHost.StartAppAsync(provider);
        var coordinator = await app.CreateOrganisationAsync(OrganisationKind.Coordinator);
        var person = await app.CreateUserAsync(coordinator, Role.Coordinator);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, person.User.Email!, person.OneTimePassword);
        var name = $"Hotline {Guid.NewGuid():N}";

        var page = await browser.OpenAsync("/Network/Organisations");
        using var badCountry = await browser.SubmitAsync(page, "/Network/Organisations?handler=Create",
            ("Create.Name", name), ("Create.Kind", "Hotline"), ("Create.CountryCode", "XX"));
        Assert.Equal(HttpStatusCode.BadRequest, badCountry.StatusCode);
        using var created = await browser.SubmitAsync(page, "/Network/Organisations?handler=Create",
            ("Create.Name", name), ("Create.Kind", "Hotline"), ("Create.CountryCode", "NL"));
        SignInSteps.AssertRedirect(created, "/Network/Organisations");
        var listed = await browser.OpenAsync("/Network/Organisations");
        var id = Regex.Match(listed, $"data-organisation-id=\"([0-9a-f-]+)\" data-active=\"true\">\\s*<th scope=\"row\">{name}<").Groups[1].Value;
        Assert.NotEmpty(id);

        using var deactivated = await browser.SubmitAsync(listed, "/Network/Organisations?handler=Deactivate", ("id", id));

        SignInSteps.AssertRedirect(deactivated, "/Network/Organisations");
        Assert.Contains($"data-organisation-id=\"{id}\" data-active=\"false\"", await browser.OpenAsync("/Network/Organisations"), StringComparison.Ordinal);
    }

    [GeneratedRegex("<code id=\"one-time-password\">([^<]+)</code>")]
    private static partial Regex OneTimePassword();
}
