using System.Net;
using Clearline.Pages.Account;

namespace Clearline.Tests.Account;

/// <summary>The second sign-in step: recovery-code guesses count towards lockout, and a crafted return URL cannot fail it.</summary>
public sealed class SecondFactorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecoveryCode_FiveWrongOnes_LockTheAccountAndTheRightOneIsRefused()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var first = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(first, created.User.Email!, created.OneTimePassword);
        using var browser = host.NewBrowser();
        SignInSteps.AssertRedirect(await SignInSteps.SubmitPasswordAsync(browser, created.User.Email!, account.Password), "/Account/LoginWith2fa");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var page = await browser.OpenAsync("/Account/LoginWith2fa");
            using var wrong = await browser.SubmitAsync(page, "/Account/LoginWith2fa?handler=Recovery", ("Input.RecoveryCode", $"AAAAA-BBBB{attempt}"));
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        Assert.NotNull((await host.FindUserAsync(created.User.Email!)).LockoutEnd);
        var codePage = await browser.OpenAsync("/Account/LoginWith2fa");
        using var right = await browser.SubmitAsync(codePage, "/Account/LoginWith2fa?handler=Recovery", ("Input.RecoveryCode", account.RecoveryCodes[0]));
        Assert.Contains(LoginModel.TryLater, await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var home = await browser.GetAsync("/");
        SignInSteps.AssertRedirect(home, "/Account/Login");
    }

    [Theory]
    [InlineData("%2Fs%C3%BCden%3Fq%3D%E2%82%AC", "/s%C3%BCden?q=%E2%82%AC")]
    [InlineData("%2Fa%0D%0ALocation%3A%20x", "/")]
    [InlineData("https%3A%2F%2Fexample.org%2F", "/")]
    public async Task ReturnUrl_NonAsciiOrCrafted_RedirectsSafelyAfterTheCode(string returnUrl, string expected)
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var first = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(first, created.User.Email!, created.OneTimePassword);
        using var browser = host.NewBrowser();
        var login = await browser.OpenAsync($"/Account/Login?returnUrl={returnUrl}");
        using var password = await browser.SubmitAsync(login, $"/Account/Login?returnUrl={returnUrl}", ("Input.Email", created.User.Email!), ("Input.Password", account.Password));
        SignInSteps.AssertRedirect(password, "/Account/LoginWith2fa");
        var codeUrl = password.Headers.Location!.OriginalString;

        var codePage = await browser.OpenAsync(codeUrl);
        using var signedIn = await browser.SubmitAsync(codePage, codeUrl, ("Input.Code", await SignInSteps.UnusedCodeAsync(account.AuthenticatorKey)));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(expected, signedIn.Headers.Location!.OriginalString);
        await browser.OpenAsync("/");
    }
}
