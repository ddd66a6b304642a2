using Clearline.Identity;

namespace Clearline.Tests.Account;

/// <summary>A session ends at sign-out everywhere its cookie was copied to, after its absolute lifetime, and at a changed security stamp.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task SignOut_CookieCopiedBefore_IsRefusedAfterwardsWhileOtherDevicesStay()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(browser, created.User.Email!, created.OneTimePassword);
        using var otherDevice = host.NewBrowser();
        await SignInSteps.SignInAsync(otherDevice, created.User.Email!, account);
        using var copy = host.NewBrowser();
        copy.PasteCookies(browser.CookieHeader());
        await copy.OpenAsync("/");

        var logout = await browser.OpenAsync("/Account/Logout");
        using var signedOut = await browser.SubmitAsync(logout, "/Account/Logout");
        SignInSteps.AssertRedirect(signedOut, "/Account/Login");

        using var replayed = await copy.GetAsync("/");
        SignInSteps.AssertRedirect(replayed, "/Account/Login");
        await otherDevice.OpenAsync("/");
    }

    [Fact]
    public async Task Session_OlderThanAbsoluteLifetime_IsRefusedHoweverActive()
    {
        var time = new ShiftedTime();
        await using var host = await AccountTestHost.StartAsync(
            new Dictionary<string, string?> { ["SignIn:AbsoluteLifetime"] = "01:00:00", ["SignIn:IdleTimeoutMinutes"] = "720" }, time);
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();
        await SignInSteps.FirstSignInAsync(browser, created.User.Email!, created.OneTimePassword);

        time.Offset = TimeSpan.FromMinutes(40);
        await browser.OpenAsync("/");
        time.Offset = TimeSpan.FromMinutes(80);
        using var refused = await browser.GetAsync("/");

        SignInSteps.AssertRedirect(refused, "/Account/Login");
    }

    [Fact]
    public async Task SecurityStamp_Changed_NextRequestIsRefused()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();
        await SignInSteps.FirstSignInAsync(browser, created.User.Email!, created.OneTimePassword);
        await browser.OpenAsync("/");

        await host.WithUsersAsync(async users => await users.UpdateSecurityStampAsync((await users.FindByIdAsync(created.User.Id.ToString()))!));

        using var refused = await browser.GetAsync("/");
        SignInSteps.AssertRedirect(refused, "/Account/Login");
    }

    [Fact]
    public void AbsoluteLifetime_Default_IsTwelveHours() =>
        Assert.Equal(TimeSpan.FromHours(12), new SignInPolicyOptions().AbsoluteLifetime);

    /// <summary>The real clock moved on by <see cref="Offset"/>; timers keep running on the real one.</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}
