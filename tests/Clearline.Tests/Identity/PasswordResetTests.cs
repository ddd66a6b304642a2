using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Tests.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Identity;

public sealed class PasswordResetTests
{
    [Fact]
    public async Task Reset_EndsSessions_OldPasswordFails_NewSecretMustBeChanged_Audited()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var browser = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(browser, created.User.Email!, created.OneTimePassword);
        await browser.OpenAsync("/");

        var secret = await host.AsSystemAsync(async sp =>
            (await sp.GetRequiredService<PasswordReset>().ResetAsync(created.User.Email!, AuditActor.System, CancellationToken.None)).Value ?? throw new InvalidOperationException("No secret."));

        using var ended = await browser.GetAsync("/");
        SignInSteps.AssertRedirect(ended, "/Account/Login");
        using var fresh = host.NewBrowser();
        using var old = await SignInSteps.SubmitPasswordAsync(fresh, created.User.Email!, account.Password);
        Assert.Equal(System.Net.HttpStatusCode.OK, old.StatusCode);
        using var withSecret = await SignInSteps.SubmitPasswordAsync(fresh, created.User.Email!, secret);
        SignInSteps.AssertRedirect(withSecret, "/Account/Setup");
        var audited = await host.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .CountAsync(e => e.Action == AuditAction.PasswordReset && e.Target == $"user:{created.User.Id:D}"));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Reset_UnknownEmail_IsNotFound()
    {
        await using var host = await AccountTestHost.StartAsync();

        var result = await host.AsSystemAsync(sp => sp.GetRequiredService<PasswordReset>().ResetAsync("nobody@example.invalid", AuditActor.System, CancellationToken.None));

        Assert.IsType<Clearline.Results.NotFoundError>(result.Error);
    }
}
