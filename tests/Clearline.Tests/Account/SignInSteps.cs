using System.Net;
using System.Text.RegularExpressions;
using OtpNet;

namespace Clearline.Tests.Account;

/// <summary>What a person does on the sign-in screens, step by step, asserting each step lands where it should.</summary>
public static partial class SignInSteps
{
    public const string NewPassword = "harbour lantern violet seventeen";

    private const int StepSeconds = 30;

    private static readonly Dictionary<string, long> LastStepHandedOut = [];

    public sealed record Enrolled(string Password, string AuthenticatorKey, IReadOnlyList<string> RecoveryCodes);

    public static async Task<HttpResponseMessage> SubmitPasswordAsync(Browser browser, string email, string password)
    {
        var html = await browser.OpenAsync("/Account/Login");
        return await browser.SubmitAsync(html, "/Account/Login", ("Input.Email", email), ("Input.Password", password));
    }

    /// <summary>One-time password, new password, authenticator enrolment: ends fully signed in.</summary>
    public static async Task<Enrolled> FirstSignInAsync(Browser browser, string email, string oneTimePassword)
    {
        using var login = await SubmitPasswordAsync(browser, email, oneTimePassword);
        AssertRedirect(login, "/Account/Setup");

        var passwordPage = await browser.OpenAsync("/Account/Setup");
        using var changed = await browser.SubmitAsync(passwordPage, "/Account/Setup?handler=Password",
            ("Password.CurrentPassword", oneTimePassword), ("Password.NewPassword", NewPassword), ("Password.ConfirmPassword", NewPassword));
        AssertRedirect(changed, "/Account/Setup");

        var enrolPage = await browser.OpenAsync("/Account/Setup");
        var key = AuthenticatorKey(enrolPage);
        using var enrolled = await browser.SubmitAsync(enrolPage, "/Account/Setup?handler=Enrol", ("Enrol.Code", await UnusedCodeAsync(key)));
        var done = await enrolled.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(enrolled.StatusCode == HttpStatusCode.OK, done);
        var codes = RecoveryCodes(done);
        Assert.Equal(10, codes.Count);
        return new Enrolled(NewPassword, key, codes);
    }

    /// <summary>Password, then the authenticator code: ends fully signed in.</summary>
    public static async Task SignInAsync(Browser browser, string email, Enrolled account)
    {
        using var login = await SubmitPasswordAsync(browser, email, account.Password);
        AssertRedirect(login, "/Account/LoginWith2fa");
        var html = await browser.OpenAsync(login.Headers.Location!.OriginalString);
        using var verified = await browser.SubmitAsync(html, "/Account/LoginWith2fa", ("Input.Code", await UnusedCodeAsync(account.AuthenticatorKey)));
        AssertRedirect(verified, "/");
    }

    /// <summary>The code the app shows now, without using it up: for building a wrong code that differs from it.</summary>
    public static string CurrentCode(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    /// <summary>
    /// A code the server will accept: Clearline takes each time step's code only once, so this hands out the
    /// current step or, when that one was handed out already for <paramref name="key"/>, a later one.
    /// </summary>
    public static async Task<string> UnusedCodeAsync(string key) => CodeAt(key, await ReserveStepAsync(key));

    /// <summary>
    /// A time step not handed out yet for <paramref name="key"/>: the current one or the next (the server accepts
    /// the next step's code already), waiting for the clock when both were used.
    /// </summary>
    public static async Task<long> ReserveStepAsync(string key)
    {
        while (true)
        {
            var current = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds;
            lock (LastStepHandedOut)
            {
                var step = Math.Max(current, LastStepHandedOut.GetValueOrDefault(key, long.MinValue) + 1);
                if (step <= current + 1)
                {
                    LastStepHandedOut[key] = step;
                    return step;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The code for one explicit 30-second time step.</summary>
    public static string CodeAt(string key, long step) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * StepSeconds));

    public static string AuthenticatorKey(string html) =>
        KeyPattern().Match(html) is { Success: true } match ? match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal)
            : throw new InvalidOperationException("No authenticator key on the page:\n" + html);

    public static IReadOnlyList<string> RecoveryCodes(string html) =>
        [.. CodePattern().Matches(html.Split("id=\"recovery-codes\"")[^1]).Select(m => m.Groups[1].Value)];

    public static void AssertRedirect(HttpResponseMessage response, string expectedPath)
    {
        var location = response.Headers.Location is { } uri ? (uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString) : "";
        var path = location.Split('?')[0];
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && path == expectedPath,
            $"Expected a redirect to {expectedPath}, got {(int)response.StatusCode} '{location}'\n{response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
    }

    [GeneratedRegex("""id="authenticator-key">([A-Z2-7 ]+)</code>""")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([A-Z0-9-]+)</code></li>")]
    private static partial Regex CodePattern();
}
