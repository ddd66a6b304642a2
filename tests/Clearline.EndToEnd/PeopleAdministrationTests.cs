using System.Text.RegularExpressions;
using Clearline.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearline.EndToEnd;

/// <summary>
/// A hotline's administrator invites an analyst (the one-time password is shown once), the analyst enrols in a
/// browser of their own, and when the administrator disables them their very next page load is the sign-in page.
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
        }
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
