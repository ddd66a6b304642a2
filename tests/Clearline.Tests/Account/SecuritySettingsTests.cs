using System.Net;

namespace Clearline.Tests.Account;

public sealed class SecuritySettingsTests
{
    private const string Changed = "granite meadow copper ninety";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChangePassword_RightCurrentPassword_KeepsThisSessionEndsOthers()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var first = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(first, created.User.Email!, created.OneTimePassword);
        using var second = host.NewBrowser();
        await SignInSteps.SignInAsync(second, created.User.Email!, account);

        var page = await first.OpenAsync("/Account/Security");
        using var changed = await first.SubmitAsync(page, "/Account/Security?handler=Password",
            ("Password.CurrentPassword", account.Password), ("Password.NewPassword", Changed), ("Password.ConfirmPassword", Changed));

        SignInSteps.AssertRedirect(changed, "/Account/Security");
        await first.OpenAsync("/");
        using var other = await second.GetAsync("/");
        SignInSteps.AssertRedirect(other, "/Account/Login");
        using var third = host.NewBrowser();
        await SignInSteps.SignInAsync(third, created.User.Email!, account with { Password = Changed });
    }

    [Fact]
    public async Task ChangePassword_CommonNewPassword_IsRefused()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(browser, created.User.Email!, created.OneTimePassword);

        var page = await browser.OpenAsync("/Account/Security");
        using var refused = await browser.SubmitAsync(page, "/Account/Security?handler=Password",
            ("Password.CurrentPassword", account.Password), ("Password.NewPassword", "qwertyuiop123"), ("Password.ConfirmPassword", "qwertyuiop123"));

        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.True(refused.StatusCode == HttpStatusCode.OK && html.Contains("too common", StringComparison.Ordinal), html);
        await browser.OpenAsync("/");
    }

    [Fact]
    public async Task RegenerateRecoveryCodes_WithCurrentCode_OldCodesStopWorking()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(browser, created.User.Email!, created.OneTimePassword);

        var page = await browser.OpenAsync("/Account/Security");
        using var regenerated = await browser.SubmitAsync(page, "/Account/Security?handler=Regenerate",
            ("Regenerate.Code", await SignInSteps.UnusedCodeAsync(account.AuthenticatorKey)));
        var html = await regenerated.Content.ReadAsStringAsync(Ct);
        var fresh = SignInSteps.RecoveryCodes(html);
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(account.RecoveryCodes));

        using var other = host.NewBrowser();
        SignInSteps.AssertRedirect(await SignInSteps.SubmitPasswordAsync(other, created.User.Email!, account.Password), "/Account/LoginWith2fa");
        var codePage = await other.OpenAsync("/Account/LoginWith2fa");
        using var old = await other.SubmitAsync(codePage, "/Account/LoginWith2fa?handler=Recovery", ("Input.RecoveryCode", account.RecoveryCodes[0]));
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        codePage = await other.OpenAsync("/Account/LoginWith2fa");
        using var @new = await other.SubmitAsync(codePage, "/Account/LoginWith2fa?handler=Recovery", ("Input.RecoveryCode", fresh[0]));
        SignInSteps.AssertRedirect(@new, "/");
    }

    [Fact]
    public async Task ResetAuthenticator_WithRecoveryCode_SignsOutAndEnrolsAgainAtNextSignIn()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(browser, created.User.Email!, created.OneTimePassword);

        var page = await browser.OpenAsync("/Account/Security");
        using var wrong = await browser.SubmitAsync(page, "/Account/Security?handler=Reset", ("Reset.Code", "not-a-code"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.True((await host.FindUserAsync(created.User.Email!)).TwoFactorEnabled);

        page = await browser.OpenAsync("/Account/Security");
        using var reset = await browser.SubmitAsync(page, "/Account/Security?handler=Reset", ("Reset.Code", account.RecoveryCodes[0]));
        SignInSteps.AssertRedirect(reset, "/Account/Login");
        using var home = await browser.GetAsync("/");
        SignInSteps.AssertRedirect(home, "/Account/Login");

        using var next = await SignInSteps.SubmitPasswordAsync(browser, created.User.Email!, account.Password);
        SignInSteps.AssertRedirect(next, "/Account/Setup");
        var enrol = await browser.OpenAsync("/Account/Setup");
        Assert.NotEqual(account.AuthenticatorKey, SignInSteps.AuthenticatorKey(enrol));
    }
}
