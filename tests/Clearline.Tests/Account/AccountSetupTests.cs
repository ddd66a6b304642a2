using System.Net;
using System.Text.RegularExpressions;

namespace Clearline.Tests.Account;

public sealed partial class AccountSetupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("password1234", "too common")]
    [InlineData("eleven char", "at least 12")]
    [InlineData("tiny", "at least 12")]
    public async Task Setup_WeakNewPassword_IsRefusedAndStepStays(string weak, string message)
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();
        SignInSteps.AssertRedirect(await SignInSteps.SubmitPasswordAsync(browser, created.User.Email!, created.OneTimePassword), "/Account/Setup");

        var page = await browser.OpenAsync("/Account/Setup");
        using var refused = await browser.SubmitAsync(page, "/Account/Setup?handler=Password",
            ("Password.CurrentPassword", created.OneTimePassword), ("Password.NewPassword", weak), ("Password.ConfirmPassword", weak));

        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.True(refused.StatusCode == HttpStatusCode.OK, html);
        Assert.True(html.Contains(message, StringComparison.OrdinalIgnoreCase), html);
        Assert.True((await host.FindUserAsync(created.User.Email!)).MustChangePassword);
        Assert.Contains("One-time password", await browser.OpenAsync("/Account/Setup"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_EnrolmentPage_ShowsServerRenderedQrCodeAndKey()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();
        SignInSteps.AssertRedirect(await SignInSteps.SubmitPasswordAsync(browser, created.User.Email!, created.OneTimePassword), "/Account/Setup");
        var page = await browser.OpenAsync("/Account/Setup");
        using var changed = await browser.SubmitAsync(page, "/Account/Setup?handler=Password",
            ("Password.CurrentPassword", created.OneTimePassword), ("Password.NewPassword", SignInSteps.NewPassword), ("Password.ConfirmPassword", SignInSteps.NewPassword));
        SignInSteps.AssertRedirect(changed, "/Account/Setup");

        var enrol = await browser.OpenAsync("/Account/Setup");

        var qr = QrPattern().Match(enrol);
        Assert.True(qr.Success, enrol);
        var png = Convert.FromBase64String(WebUtility.HtmlDecode(qr.Groups[1].Value));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(32, SignInSteps.AuthenticatorKey(enrol).Length);
        Assert.Equal(SignInSteps.AuthenticatorKey(enrol), SignInSteps.AuthenticatorKey(await browser.OpenAsync("/Account/Setup")));
    }

    [Fact]
    public async Task Setup_WrongEnrolmentCode_StaysOnEnrolmentWithoutSession()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();
        SignInSteps.AssertRedirect(await SignInSteps.SubmitPasswordAsync(browser, created.User.Email!, created.OneTimePassword), "/Account/Setup");
        var page = await browser.OpenAsync("/Account/Setup");
        SignInSteps.AssertRedirect(await browser.SubmitAsync(page, "/Account/Setup?handler=Password",
            ("Password.CurrentPassword", created.OneTimePassword), ("Password.NewPassword", SignInSteps.NewPassword), ("Password.ConfirmPassword", SignInSteps.NewPassword)), "/Account/Setup");

        var enrol = await browser.OpenAsync("/Account/Setup");
        var right = SignInSteps.CurrentCode(SignInSteps.AuthenticatorKey(enrol));
        using var wrong = await browser.SubmitAsync(enrol, "/Account/Setup?handler=Enrol", ("Enrol.Code", right == "123456" ? "654321" : "123456"));

        Assert.Contains("does not match", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False((await host.FindUserAsync(created.User.Email!)).TwoFactorEnabled);
        using var home = await browser.GetAsync("/");
        SignInSteps.AssertRedirect(home, "/Account/Login");
    }

    [Fact]
    public async Task Setup_CookieFromBeforePasswordChange_IsRejected()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var first = host.NewBrowser();
        using var second = host.NewBrowser();
        SignInSteps.AssertRedirect(await SignInSteps.SubmitPasswordAsync(first, created.User.Email!, created.OneTimePassword), "/Account/Setup");
        SignInSteps.AssertRedirect(await SignInSteps.SubmitPasswordAsync(second, created.User.Email!, created.OneTimePassword), "/Account/Setup");

        var page = await first.OpenAsync("/Account/Setup");
        SignInSteps.AssertRedirect(await first.SubmitAsync(page, "/Account/Setup?handler=Password",
            ("Password.CurrentPassword", created.OneTimePassword), ("Password.NewPassword", SignInSteps.NewPassword), ("Password.ConfirmPassword", SignInSteps.NewPassword)), "/Account/Setup");

        using var stale = await second.GetAsync("/Account/Setup");
        SignInSteps.AssertRedirect(stale, "/Account/Login");
        await first.OpenAsync("/Account/Setup");
    }

    [GeneratedRegex("""<img class="enrol__qr" src="data:image/png;base64,([^"]+)" """)]
    private static partial Regex QrPattern();
}
