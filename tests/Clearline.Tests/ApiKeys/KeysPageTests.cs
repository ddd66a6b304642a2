using System.Net;
using System.Text.RegularExpressions;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.ApiKeys;

/// <summary><c>/Manage/Keys</c>: the organisation administrator's keys, scopes offered only under the ceiling.</summary>
public sealed partial class KeysPageTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" };
    private static readonly Uri Me = new("/api/v1/organisations/me", UriKind.Relative);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Administrator_CreatesAKey_SeesItsSecretOnce_AndRevokesIt_WhichIsRefusedOnItsNextCall(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, ManySignIns);
        var hotline = await app.CreateOrganisationAsync();
        var admin = await app.CreateUserAsync(hotline, Role.OrgAdmin);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, admin.User.Email!, admin.OneTimePassword);

        var page = await browser.OpenAsync("/Manage/Keys");
        Assert.Contains("value=\"assessment:write\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"hashlists:approve\"", page, StringComparison.Ordinal);

        using var created = await browser.SubmitAsync(page, "/Manage/Keys?handler=Create",
            ("Input.Name", "nightly export"), ("Input.Scopes", ApiScopes.OrganisationRead), ("Input.Scopes", ApiScopes.ReportsRead));
        var html = await created.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var secret = SecretPattern().Match(html).Groups[1].Value;
        Assert.StartsWith("cl_", secret, StringComparison.Ordinal);
        using var client = app.CreateClient(secret);
        await ProblemAssert.IsSuccessAsync(await client.GetAsync(Me, Ct));

        var list = await browser.OpenAsync("/Manage/Keys");
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.Contains("nightly export", list, StringComparison.Ordinal);
        var id = RevokeLinkPattern().Match(list).Groups[1].Value;
        var confirm = await browser.OpenAsync($"/Manage/Keys?revoke={id}");
        Assert.Contains("Revoke “nightly export”?", confirm, StringComparison.Ordinal);

        using var revoked = await browser.SubmitAsync(confirm, $"/Manage/Keys?id={id}&handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync(Me, Ct), HttpStatusCode.Unauthorized);
        Assert.Contains("Revoked", await browser.OpenAsync("/Manage/Keys"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoliceAdministrator_IsOfferedOnlyTheirCeiling_AndAForgedScopeIsRefused()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var police = await app.CreateOrganisationAsync(OrganisationKind.LawEnforcement, "NL");
        var admin = await app.CreateUserAsync(police, Role.OrgAdmin);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, admin.User.Email!, admin.OneTimePassword);

        var page = await browser.OpenAsync("/Manage/Keys");
        foreach (var scope in ApiScopes.All)
        {
            Assert.Equal(ScopeCeilings.Allows(OrganisationKind.LawEnforcement, scope), page.Contains($"value=\"{scope}\"", StringComparison.Ordinal));
        }

        using var forged = await browser.SubmitAsync(page, "/Manage/Keys?handler=Create", ("Input.Name", "forged"), ("Input.Scopes", ApiScopes.MediaRead));
        var html = await forged.Content.ReadAsStringAsync(Ct);
        Assert.Contains("cannot hold &#x27;media:read&#x27;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("created-secret", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyst_IsRefusedThePage()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var analyst = await app.CreateUserAsync(await app.CreateOrganisationAsync(), Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        using var response = await browser.GetAsync("/Manage/Keys");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex("<code id=\"created-secret\">([^<]+)</code>")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("href=\"/Manage/Keys\\?revoke=([0-9a-f-]{36})\"")]
    private static partial Regex RevokeLinkPattern();
}
