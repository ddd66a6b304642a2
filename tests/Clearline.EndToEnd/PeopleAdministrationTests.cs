using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Clearline.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearline.EndToEnd;

/// <summary>
/// A hotline's administrator invites an analyst (the one-time password is shown once), the analyst enrols in a
/// browser of their own, and when the administrator disables them their very next page load is the sign-in page.
/// Then the administrator creates an API key, revokes it (its next call is refused) and finds all of it in the
/// audit viewer.
/// </summary>
public sealed partial class PeopleAdministrationTests
{
    private const string DutchAdministrator = "admin.nl@demo.clearline.invalid";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InviteEnrolDisable_TheAnalystsSessionEndsAtOnce()
    {
        await using var server = await ClearlineServer.StartAsync(Ct);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var administrator = await NewPersonAsync(browser, server, DutchAdministrator);
            await administrator.FirstSignInAsync(server.Account(DutchAdministrator).OneTimePassword);
            var email = $"new.analyst.{Guid.NewGuid():N}@demo.clearline.invalid";
            var oneTimePassword = await InviteAsync(administrator, email);

            var analyst = await NewPersonAsync(browser, server, email);
            await analyst.FirstSignInAsync(oneTimePassword);
            await analyst.OpenAsync("/");
            await Expect(analyst.Page.Locator(".site-user__email")).ToHaveTextAsync(email);

            await DisableAsync(administrator, email);

            await analyst.OpenAsync("/");
            await Expect(analyst.Page).ToHaveURLAsync(LoginPage());
            await Expect(analyst.Page.Locator("#Input_Email")).ToBeVisibleAsync();

            using var api = new HttpClient { BaseAddress = server.BaseAddress };
            var (name, secret) = await CreateKeyAsync(administrator);
            Assert.Equal(HttpStatusCode.OK, await CallAsync(api, secret));
            await RevokeAsync(administrator, name);
            Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(api, secret));

            await administrator.OpenAsync("/Audit");
            await Expect(administrator.Page.Locator("#chain-status")).ToHaveAttributeAsync("data-intact", "true");
            var entries = administrator.Page.Locator("#audit-entries");
            foreach (var action in new[] { "UserCreated", "UserDisabled", "ApiKeyCreated", "ApiKeyRevoked" })
            {
                await Expect(entries.Locator($"td[data-action='{action}']").First).ToBeVisibleAsync();
            }

            await Screenshots.SaveAsync(administrator.Page, "audit");
        }
    }

    /// <summary>Creates a key with one scope on the Keys page; returns its name and the secret the page shows once.</summary>
    private static async Task<(string Name, string Secret)> CreateKeyAsync(Analyst administrator)
    {
        var page = administrator.Page;
        var name = $"intake {Guid.NewGuid():N}"[..20];
        await administrator.OpenAsync("/Manage/Keys");
        await page.FillAsync("#Input_Name", name);
        await page.CheckAsync("input[name='Input.Scopes'][value='organisation:read']");
        await page.ClickAsync("form:has(#Input_Name) button[type='submit']");
        var secret = page.Locator("#created-secret");
        await Expect(secret).ToBeVisibleAsync();
        return (name, (await secret.InnerTextAsync()).Trim());
    }

    private static async Task RevokeAsync(Analyst administrator, string name)
    {
        var page = administrator.Page;
        await administrator.OpenAsync("/Manage/Keys");
        await page.Locator("#api-keys tr", new() { HasText = name }).Locator("a:has-text('Revoke')").ClickAsync();
        await page.ClickAsync("#confirm-revoke button[type='submit']");
        await Expect(page.Locator("#api-keys tr", new() { HasText = name })).ToContainTextAsync("Revoked");
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient api, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await api.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private static async Task<Analyst> NewPersonAsync(IBrowser browser, ClearlineServer server, string email)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new Analyst(page, server.BaseAddress, email);
    }

    /// <summary>Invites an analyst on the People page; returns the one-time password, which the page shows only in that answer.</summary>
    private static async Task<string> InviteAsync(Analyst administrator, string email)
    {
        var page = administrator.Page;
        await administrator.OpenAsync("/Manage/People");
        await page.FillAsync("#Invite_Email", email);
        await page.SelectOptionAsync("#Invite_Role", "Analyst");
        await page.ClickAsync("#invite-form button[type='submit']");
        var shown = page.Locator("#one-time-password");
        await Expect(shown).ToBeVisibleAsync();
        var oneTimePassword = (await shown.InnerTextAsync()).Trim();
        await Expect(page.Locator($"#people-table tr[data-email='{email}']")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "people-invited");

        await administrator.OpenAsync("/Manage/People");
        await Expect(page.Locator($"#people-table tr[data-email='{email}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#one-time-password")).ToHaveCountAsync(0);
        return oneTimePassword;
    }

    private static async Task DisableAsync(Analyst administrator, string email)
    {
        var page = administrator.Page;
        await administrator.OpenAsync("/Manage/People");
        var row = page.Locator($"#people-table tr[data-email='{email}']");
        await row.Locator("button:has-text('Disable')").ClickAsync();
        await Expect(page.Locator("#people-status")).ToContainTextAsync("disabled");
        await Expect(row).ToHaveAttributeAsync("data-disabled", "true");
    }

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginPage();
}
