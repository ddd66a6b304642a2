using System.Net;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Pages.Account;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Identity;

/// <summary>What the administrator's changes do to a person's sessions and sign-in, through the real sign-in screens.</summary>
public sealed class PeopleSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Disable_EndsTheSessionAtOnce_SignInReadsLikeAWrongPassword_EnableRestores(DatabaseProvider provider)
    {
        await using var app = await PeopleHost.StartAppAsync(provider);
        var host = await PeopleHost.StartAsync(app);
        var (id, email, password) = await host.InviteAsync(Role.Analyst);
        using var browser = host.NewBrowser();
        var enrolled = await SignInSteps.FirstSignInAsync(browser, email, password);
        await browser.OpenAsync("/");

        using var disabled = await PeopleHost.PostAsync(host.Admin, $"/api/v1/people/{id}/disable");

        await ProblemAssert.IsSuccessAsync(disabled);
        using (var next = await browser.GetAsync("/"))
        {
            SignInSteps.AssertRedirect(next, "/Account/Login");
        }

        using (var refused = await SignInSteps.SubmitPasswordAsync(browser, email, enrolled.Password))
        {
            var html = await refused.Content.ReadAsStringAsync(Ct);
            Assert.True(refused.StatusCode == HttpStatusCode.OK, html);
            Assert.Contains(LoginModel.InvalidCredentials, html, StringComparison.Ordinal);
        }

        using var enabled = await PeopleHost.PostAsync(host.Admin, $"/api/v1/people/{id}/enable");
        await ProblemAssert.IsSuccessAsync(enabled);
        await SignInSteps.SignInAsync(browser, email, enrolled);
        await browser.OpenAsync("/");
        var actions = (await host.AuditAsync($"user:{id}")).Select(a => a.Action).ToList();
        Assert.Contains(AuditAction.UserDisabled, actions);
        Assert.Contains(AuditAction.UserEnabled, actions);
    }

    [Theory]
    [BothDatabases]
    public async Task ResetAuthenticator_EndsTheSession_NextSignInEnrolsAgain(DatabaseProvider provider)
    {
        await using var app = await PeopleHost.StartAppAsync(provider);
        var host = await PeopleHost.StartAsync(app);
        var (id, email, password) = await host.InviteAsync(Role.Supervisor);
        using var browser = host.NewBrowser();
        var enrolled = await SignInSteps.FirstSignInAsync(browser, email, password);
        await browser.OpenAsync("/");

        using var reset = await PeopleHost.PostAsync(host.Admin, $"/api/v1/people/{id}/reset-authenticator");

        await ProblemAssert.IsSuccessAsync(reset);
        Assert.False((await host.PersonAsync(id)).GetProperty("authenticatorEnrolled").GetBoolean());
        using (var next = await browser.GetAsync("/"))
        {
            SignInSteps.AssertRedirect(next, "/Account/Login");
        }

        using var login = await SignInSteps.SubmitPasswordAsync(browser, email, enrolled.Password);
        SignInSteps.AssertRedirect(login, "/Account/Setup");
        Assert.Contains(AuditAction.UserAuthenticatorReset, (await host.AuditAsync($"user:{id}")).Select(a => a.Action));
    }

    [Theory]
    [BothDatabases]
    public async Task Unlock_LockedOutPerson_SignsInAgain(DatabaseProvider provider)
    {
        await using var app = await PeopleHost.StartAppAsync(provider);
        var host = await PeopleHost.StartAsync(app);
        var (id, email, password) = await host.InviteAsync(Role.Analyst);
        using var browser = host.NewBrowser();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await SignInSteps.SubmitPasswordAsync(browser, email, $"wrong password {attempt}");
        }

        Assert.True((await host.PersonAsync(id)).GetProperty("lockedOut").GetBoolean());

        using var unlocked = await PeopleHost.PostAsync(host.Admin, $"/api/v1/people/{id}/unlock");

        await ProblemAssert.IsSuccessAsync(unlocked);
        Assert.False((await host.PersonAsync(id)).GetProperty("lockedOut").GetBoolean());
        using var login = await SignInSteps.SubmitPasswordAsync(browser, email, password);
        SignInSteps.AssertRedirect(login, "/Account/Setup");
        var audit = Assert.Single(await host.AuditAsync($"user:{id}"), a => a.Action == AuditAction.UserUnlocked);
        Assert.Equal("lockout=ended", audit.Detail);
    }
}
