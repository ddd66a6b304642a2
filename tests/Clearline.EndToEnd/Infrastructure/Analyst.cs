using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Clearline.EndToEnd.Infrastructure;

/// <summary>A person at the browser: signs in the way a hotline analyst does, with a password and an authenticator code.</summary>
public sealed class Analyst(IPage page, Uri baseAddress, string email)
{
    public const string Password = "harbour lantern violet seventeen";

    private string? _authenticatorKey;

    public IPage Page => page;

    public Task OpenAsync(string path) => page.GotoAsync(new Uri(baseAddress, path).ToString());

    /// <summary>First sign-in: the one-time password, a new password, then enrolling an authenticator with a TOTP code.</summary>
    public async Task FirstSignInAsync(string oneTimePassword)
    {
        await SubmitPasswordAsync(oneTimePassword);
        await page.FillAsync("#Password_CurrentPassword", oneTimePassword);
        await page.FillAsync("#Password_NewPassword", Password);
        await page.FillAsync("#Password_ConfirmPassword", Password);
        await page.ClickAsync("button:has-text('Save password')");
        _authenticatorKey = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.FillAsync("#Enrol_Code", CurrentCode());
        await page.ClickAsync("button:has-text('Turn on two-factor sign-in')");
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
    }

    /// <summary>Signs in with the password and an authenticator code; <paramref name="screenshot"/> names a picture of the code prompt.</summary>
    public async Task SignInWithTotpAsync(string? screenshot = null)
    {
        await SubmitPasswordAsync(Password);
        if (screenshot is not null)
        {
            await Screenshots.SaveAsync(page, screenshot);
        }

        await page.FillAsync("#Input_Code", CurrentCode());
        await page.ClickAsync("button:has-text('Sign in')");
        await Expect(page.Locator(".site-user__email")).ToHaveTextAsync(email);
    }

    public async Task SignOutAsync()
    {
        await OpenAsync("/");
        await page.ClickAsync("button:has-text('Sign out')");
    }

    private async Task SubmitPasswordAsync(string password)
    {
        await OpenAsync("/Account/Login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("button:has-text('Continue')");
    }

    private string CurrentCode() =>
        new Totp(Base32Encoding.ToBytes(_authenticatorKey ?? throw new InvalidOperationException("No authenticator enrolled yet."))).ComputeTotp();
}
