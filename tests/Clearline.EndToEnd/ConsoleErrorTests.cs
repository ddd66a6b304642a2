using Clearline.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearline.EndToEnd;

/// <summary>
/// Every demo role signs in and opens every screen its navigation bar offers, the security settings and the API
/// reference: no console error or warning (a CSP violation is one), no failed request, nothing answering 400 or more
/// (a missing favicon is one).
/// </summary>
public sealed class ConsoleErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryRole_OpensEveryMainScreen_WithoutABrowserProblem()
    {
        await using var server = await ClearlineServer.StartAsync(Ct);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var problems = new List<string>();
            foreach (var account in server.Accounts)
            {
                var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
                var page = await context.NewPageAsync();
                page.SetDefaultTimeout(30_000);
                var person = new Analyst(page, server.BaseAddress, account.Email);
                await person.FirstSignInAsync(account.OneTimePassword);
                var watched = ConsoleProblems.Watch(page);

                await person.OpenAsync("/");
                await Expect(page.Locator(".site-nav")).ToBeVisibleAsync();
                var screens = await page.Locator(".site-nav a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
                foreach (var screen in screens)
                {
                    await person.OpenAsync(screen);
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    await Expect(page.Locator($".site-nav a[href='{screen}']")).ToHaveAttributeAsync("aria-current", "page");
                }

                foreach (var screen in new[] { "/Account/Security", "/api/reference/" })
                {
                    await person.OpenAsync(screen);
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                }

                if (account.Email == "supervisor.nl@demo.clearline.invalid")
                {
                    await person.OpenAsync("/");
                    await Screenshots.SaveAsync(page, "home");
                }

                problems.AddRange(watched.All.Select(p => $"{account.Role}: {p}"));
                await context.CloseAsync();
            }

            Assert.True(problems.Count == 0, $"{problems.Count} browser problems:\n" + string.Join('\n', problems));
        }
    }
}
