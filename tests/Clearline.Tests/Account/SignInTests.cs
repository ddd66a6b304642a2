using System.Net;
using Clearline.Api;
using Clearline.Pages.Account;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Account;

public sealed class SignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_WrongPasswordOrUnknownEmail_SameGenericMessage()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();

        using var wrongPassword = await SignInSteps.SubmitPasswordAsync(browser, created.User.Email!, "not the password at all");
        using var unknownEmail = await SignInSteps.SubmitPasswordAsync(browser, "nobody@example.org", "not the password at all");

        foreach (var response in new[] { wrongPassword, unknownEmail })
        {
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, html);
            Assert.Contains(LoginModel.InvalidCredentials, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksAccountEvenForRightPasswordWithoutSayingItExists()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await SignInSteps.SubmitPasswordAsync(browser, created.User.Email!, $"wrong password {attempt}");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var right = await SignInSteps.SubmitPasswordAsync(browser, created.User.Email!, created.OneTimePassword);
        var html = await right.Content.ReadAsStringAsync(Ct);
        Assert.True(right.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains(LoginModel.InvalidCredentials, html, StringComparison.Ordinal);
        Assert.DoesNotContain(LoginModel.TryLater, html, StringComparison.Ordinal);
        using var setup = await browser.GetAsync("/Account/Setup");
        SignInSteps.AssertRedirect(setup, "/Account/Login");
    }

    [Fact]
    public async Task OneTimePassword_BeforeSetupIsDone_NoOtherPageOpens()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();

        using var login = await SignInSteps.SubmitPasswordAsync(browser, created.User.Email!, created.OneTimePassword);
        SignInSteps.AssertRedirect(login, "/Account/Setup");

        Assert.Contains("One-time password", await browser.OpenAsync("/Account/Setup"), StringComparison.Ordinal);
        foreach (var path in new[] { "/", "/Account/Security", "/Account/Logout" })
        {
            using var response = await browser.GetAsync(path);
            SignInSteps.AssertRedirect(response, "/Account/Login");
        }
    }

    [Fact]
    public async Task FirstSignIn_PasswordChangedAndAuthenticatorEnrolled_ReachesHome()
    {
        await using var host = await AccountTestHost.StartAsync();
        var organisation = await host.CreateOrganisationAsync();
        var created = await host.CreateUserAsync(organisation);
        using var browser = host.NewBrowser();

        await SignInSteps.FirstSignInAsync(browser, created.User.Email!, created.OneTimePassword);

        var home = await browser.OpenAsync("/");
        Assert.Contains(organisation.Name, home, StringComparison.Ordinal);
        Assert.Contains("Analyst", home, StringComparison.Ordinal);
        var user = await host.FindUserAsync(created.User.Email!);
        Assert.False(user.MustChangePassword);
        Assert.True(user.TwoFactorEnabled);
        using var setupAgain = await browser.GetAsync("/Account/Setup");
        SignInSteps.AssertRedirect(setupAgain, "/Account/Login");
    }

    [Fact]
    public async Task SecondSignIn_PasswordAlone_RequiresAuthenticatorCode()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var first = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(first, created.User.Email!, created.OneTimePassword);
        using var second = host.NewBrowser();

        using var login = await SignInSteps.SubmitPasswordAsync(second, created.User.Email!, account.Password);
        SignInSteps.AssertRedirect(login, "/Account/LoginWith2fa");
        using var homeWithPasswordOnly = await second.GetAsync("/");
        SignInSteps.AssertRedirect(homeWithPasswordOnly, "/Account/Login");

        var codePage = await second.OpenAsync("/Account/LoginWith2fa");
        using var wrong = await second.SubmitAsync(codePage, "/Account/LoginWith2fa", ("Input.Code", WrongCode(account.AuthenticatorKey)));
        Assert.Contains(LoginWith2faModel.InvalidCode, await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        codePage = await second.OpenAsync("/Account/LoginWith2fa");
        using var right = await second.SubmitAsync(codePage, "/Account/LoginWith2fa", ("Input.Code", await SignInSteps.UnusedCodeAsync(account.AuthenticatorKey)));
        SignInSteps.AssertRedirect(right, "/");
        await second.OpenAsync("/");
    }

    [Fact]
    public async Task RecoveryCode_UsedTwice_WorksOnlyOnce()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var first = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(first, created.User.Email!, created.OneTimePassword);
        var recoveryCode = account.RecoveryCodes[3];

        using var second = host.NewBrowser();
        SignInSteps.AssertRedirect(await SignInSteps.SubmitPasswordAsync(second, created.User.Email!, account.Password), "/Account/LoginWith2fa");
        var codePage = await second.OpenAsync("/Account/LoginWith2fa");
        using var used = await second.SubmitAsync(codePage, "/Account/LoginWith2fa?handler=Recovery", ("Input.RecoveryCode", recoveryCode.ToLowerInvariant()));
        SignInSteps.AssertRedirect(used, "/");
        await second.OpenAsync("/");

        using var third = host.NewBrowser();
        SignInSteps.AssertRedirect(await SignInSteps.SubmitPasswordAsync(third, created.User.Email!, account.Password), "/Account/LoginWith2fa");
        codePage = await third.OpenAsync("/Account/LoginWith2fa");
        using var reused = await third.SubmitAsync(codePage, "/Account/LoginWith2fa?handler=Recovery", ("Input.RecoveryCode", recoveryCode));
        Assert.Contains(LoginWith2faModel.InvalidCode, await reused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var home = await third.GetAsync("/");
        SignInSteps.AssertRedirect(home, "/Account/Login");
    }

    [Fact]
    public async Task SignOutEverywhere_FromOneSession_EndsTheOthers()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var first = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(first, created.User.Email!, created.OneTimePassword);
        using var second = host.NewBrowser();
        await SignInSteps.SignInAsync(second, created.User.Email!, account);
        await second.OpenAsync("/");

        var security = await first.OpenAsync("/Account/Security");
        using var everywhere = await first.SubmitAsync(security, "/Account/Security?handler=SignOutEverywhere");
        SignInSteps.AssertRedirect(everywhere, "/Account/Login");

        using var otherSession = await second.GetAsync("/");
        SignInSteps.AssertRedirect(otherSession, "/Account/Login");
        using var thisSession = await first.GetAsync("/");
        SignInSteps.AssertRedirect(thisSession, "/Account/Login");
    }

    [Fact]
    public async Task Logout_Post_EndsSession()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();
        await SignInSteps.FirstSignInAsync(browser, created.User.Email!, created.OneTimePassword);

        var home = await browser.OpenAsync("/");
        using var logout = await browser.SubmitAsync(home, "/Account/Logout");
        SignInSteps.AssertRedirect(logout, "/Account/Login");
        using var after = await browser.GetAsync("/");
        SignInSteps.AssertRedirect(after, "/Account/Login");
    }

    [Fact]
    public async Task SignInPages_Endpoints_AreRateLimited()
    {
        await using var host = await AccountTestHost.StartAsync();
        var endpoints = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        foreach (var route in new[] { "Account/Login", "Account/LoginWith2fa" })
        {
            var endpoint = Assert.Single(endpoints, e => e.RoutePattern.RawText == route);
            Assert.Equal(ApiPlumbing.SignInLimit, endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
        }
    }

    private static string WrongCode(string key)
    {
        var right = SignInSteps.CurrentCode(key);
        return right == "000000" ? "111111" : "000000";
    }
}
