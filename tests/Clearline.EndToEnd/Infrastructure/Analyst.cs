using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Clearline.EndToEnd.Infrastructure;

/// <summary>A person at the browser: signs in the way a hotline analyst does, with a password and an authenticator code.</summary>
public sealed class Analyst(IPage page, Uri baseAddress, string email)
{
    public const string Password = "harbour lantern violet seventeen";

    private const int StepSeconds = 30;

    private string? _authenticatorKey;

    private long _lastStepUsed = long.MinValue;

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
        await page.FillAsync("#Enrol_Code", await UnusedCodeAsync());
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

        await page.FillAsync("#Input_Code", await UnusedCodeAsync());
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

    /// <summary>
    /// Clearline accepts each time step's code only once, so a sign-in right after enrolment uses the next step's
    /// code (already accepted by the server), and a third waits for the clock.
    /// </summary>
    private async Task<string> UnusedCodeAsync()
    {
        var totp = new Totp(Base32Encoding.ToBytes(_authenticatorKey ?? throw new InvalidOperationException("No authenticator enrolled yet.")));
        while (true)
        {
            var current = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds;
            var step = Math.Max(current, _lastStepUsed + 1);
            if (step <= current + 1)
            {
                _lastStepUsed = step;
                return totp.ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * StepSeconds));
            }

            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
    }
}
