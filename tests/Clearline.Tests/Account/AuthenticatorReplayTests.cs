using System.Net;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Pages.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Account;

/// <summary>An authenticator code is accepted once (RFC 6238 §5.2): not again, and no older one after it.</summary>
public sealed class AuthenticatorReplayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_SameCodeTwice_SecondRefusedNextStepWorks()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var first = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(first, created.User.Email!, created.OneTimePassword);
        var code = await SignInSteps.UnusedCodeAsync(account.AuthenticatorKey);

        using var second = host.NewBrowser();
        SignInSteps.AssertRedirect(await SubmitCodeAsync(second, created.User.Email!, account, code), "/");

        using var third = host.NewBrowser();
        await AssertRefusedAsync(third, await SubmitCodeAsync(third, created.User.Email!, account, code), LoginWith2faModel.CodeAlreadyUsed);

        var codePage = await third.OpenAsync("/Account/LoginWith2fa");
        using var next = await third.SubmitAsync(codePage, "/Account/LoginWith2fa", ("Input.Code", await SignInSteps.UnusedCodeAsync(account.AuthenticatorKey)));
        SignInSteps.AssertRedirect(next, "/");
        await third.OpenAsync("/");
    }

    [Fact]
    public async Task SignIn_CodeOlderThanLastAccepted_IsRefused()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var first = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(first, created.User.Email!, created.OneTimePassword);
        var older = await SignInSteps.ReserveStepAsync(account.AuthenticatorKey);
        var later = await SignInSteps.ReserveStepAsync(account.AuthenticatorKey);

        using var second = host.NewBrowser();
        SignInSteps.AssertRedirect(await SubmitCodeAsync(second, created.User.Email!, account, SignInSteps.CodeAt(account.AuthenticatorKey, later)), "/");

        using var third = host.NewBrowser();
        await AssertRefusedAsync(third, await SubmitCodeAsync(third, created.User.Email!, account, SignInSteps.CodeAt(account.AuthenticatorKey, older)), LoginWith2faModel.CodeAlreadyUsed);
    }

    [Theory]
    [BothDatabases]
    public async Task SignIn_SameCodeInParallel_ExactlyOneSucceeds(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, new Dictionary<string, string?> { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" });
        var created = await app.CreateUserAsync(await app.CreateOrganisationAsync(), Role.Analyst);
        var server = app.App.GetTestServer();
        using var first = new Browser(server);
        var account = await SignInSteps.FirstSignInAsync(first, created.User.Email!, created.OneTimePassword);
        using var left = new Browser(server);
        using var right = new Browser(server);
        var pages = await Task.WhenAll(OpenCodePageAsync(left, created.User.Email!, account), OpenCodePageAsync(right, created.User.Email!, account));
        var code = await SignInSteps.UnusedCodeAsync(account.AuthenticatorKey);

        var responses = await Task.WhenAll(
            left.SubmitAsync(pages[0], "/Account/LoginWith2fa", ("Input.Code", code)),
            right.SubmitAsync(pages[1], "/Account/LoginWith2fa", ("Input.Code", code)));

        try
        {
            var signedIn = responses.Where(r => r.StatusCode == HttpStatusCode.Redirect).ToList();
            var refused = Assert.Single(responses.Except(signedIn));
            SignInSteps.AssertRedirect(Assert.Single(signedIn), "/");
            Assert.Contains(LoginWith2faModel.CodeAlreadyUsed, await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task SecurityPage_CodeAlreadyUsedToSignIn_IsRefused()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var first = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(first, created.User.Email!, created.OneTimePassword);
        var code = await SignInSteps.UnusedCodeAsync(account.AuthenticatorKey);
        using var browser = host.NewBrowser();
        SignInSteps.AssertRedirect(await SubmitCodeAsync(browser, created.User.Email!, account, code), "/");

        var page = await browser.OpenAsync("/Account/Security");
        using var replayed = await browser.SubmitAsync(page, "/Account/Security?handler=Regenerate", ("Regenerate.Code", code));
        var html = await replayed.Content.ReadAsStringAsync(Ct);
        Assert.True(replayed.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains(LoginWith2faModel.InvalidCode, html, StringComparison.Ordinal);
        Assert.Empty(SignInSteps.RecoveryCodes(html));

        page = await browser.OpenAsync("/Account/Security");
        using var regenerated = await browser.SubmitAsync(page, "/Account/Security?handler=Regenerate",
            ("Regenerate.Code", await SignInSteps.UnusedCodeAsync(account.AuthenticatorKey)));
        Assert.Equal(10, SignInSteps.RecoveryCodes(await regenerated.Content.ReadAsStringAsync(Ct)).Count);
    }

    [Fact]
    public async Task SavingUserLoadedBeforeSignIn_DoesNotMoveLastAcceptedStepBack()
    {
        await using var host = await AccountTestHost.StartAsync();
        var created = await host.CreateUserAsync();
        using var first = host.NewBrowser();
        var account = await SignInSteps.FirstSignInAsync(first, created.User.Email!, created.OneTimePassword);
        await using var scope = host.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClearlineUser>>();
        var loadedEarlier = await users.FindByEmailAsync(created.User.Email!) ?? throw new InvalidOperationException("No such user.");

        var step = await SignInSteps.ReserveStepAsync(account.AuthenticatorKey);
        using var browser = host.NewBrowser();
        SignInSteps.AssertRedirect(await SubmitCodeAsync(browser, created.User.Email!, account, SignInSteps.CodeAt(account.AuthenticatorKey, step)), "/");
        loadedEarlier.PhoneNumber = "+31 20 000 0000";
        var saved = await users.UpdateAsync(loadedEarlier);

        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Description)));
        Assert.Equal(step, (await host.FindUserAsync(created.User.Email!)).LastAuthenticatorTimeStep);
    }

    private static async Task<string> OpenCodePageAsync(Browser browser, string email, SignInSteps.Enrolled account)
    {
        using var login = await SignInSteps.SubmitPasswordAsync(browser, email, account.Password);
        SignInSteps.AssertRedirect(login, "/Account/LoginWith2fa");
        return await browser.OpenAsync("/Account/LoginWith2fa");
    }

    private static async Task<HttpResponseMessage> SubmitCodeAsync(Browser browser, string email, SignInSteps.Enrolled account, string code) =>
        await browser.SubmitAsync(await OpenCodePageAsync(browser, email, account), "/Account/LoginWith2fa", ("Input.Code", code));

    private static async Task AssertRefusedAsync(Browser browser, HttpResponseMessage response, string message = LoginWith2faModel.InvalidCode)
    {
        using (response)
        {
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, html);
            Assert.Contains(message, html, StringComparison.Ordinal);
        }

        using var home = await browser.GetAsync("/");
        SignInSteps.AssertRedirect(home, "/Account/Login");
    }
}
