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
            var dutch = await HotlineSteps.SignInAsync(browser, server, DutchAnalyst);
            var dutchProblems = ConsoleProblems.Watch(dutch.Page);
            await dutch.SignOutAsync();
            await dutch.SignInWithTotpAsync(screenshot: "sign-in");

            var reportPage = await HotlineSteps.InsertReportAsync(dutch, reportUrl, "E2E-1", screenshot: "insert");
            await HotlineSteps.WaitForCrawlAsync(dutch);
            await ClassifyEverythingByKeyboardAsync(dutch);
            await SeeRoutedToTheGermanHotlineAsync(dutch, reportPage);

            var german = await HotlineSteps.SignInAsync(browser, server, GermanAnalyst);
            var germanProblems = ConsoleProblems.Watch(german.Page);
            var route = await RecordNoticeAsync(german);
            await TakeBoardDownAsync(german.Page, server.Site, board: 2);
            await RecheckUntilRemovedAsync(german, route);
            await SeeTimeToRemovalInStatisticsAsync(german);

            // Every screen of the day, the route's included, without a console error or a failed request.
            dutchProblems.AssertNone();
            germanProblems.AssertNone();
        }
    }

    /// <summary>The report's page lists the four pictures' URLs, hosted in Germany and assigned to the German hotline.</summary>
    private static async Task SeeRoutedToTheGermanHotlineAsync(Analyst analyst, string reportPage)
    {
        var rows = analyst.Page.Locator("#routed tbody tr");
        await HotlineSteps.UntilAsync(analyst, reportPage, async () => await rows.CountAsync() == 4, "the content to be routed");
        for (var row = 0; row < 4; row++)
        {
            await Expect(rows.Nth(row).Locator("td").Nth(1)).ToHaveTextAsync("DE");
            await Expect(rows.Nth(row).Locator("td").Nth(2)).ToHaveTextAsync("Demo Hotline Germany");
        }

        await Screenshots.SaveAsync(analyst.Page, "report");
    }

    /// <summary>The German analyst opens the unactioned queue and records a notice to the host on the first content URL.</summary>
    private static async Task<string> RecordNoticeAsync(Analyst analyst)
    {
        var page = analyst.Page;
        // Content is routed by a job once the items are decided: reload until all four arrived.
        var rows = page.Locator("#routes-table tbody tr[data-route-id]");
        await HotlineSteps.UntilAsync(analyst, "/Routes", async () => await rows.CountAsync() == 4, "the four decided content URLs routed");
        await Expect(page.Locator("#queue-unactioned .queue-sizes__count")).ToHaveTextAsync("4");
        await Screenshots.SaveAsync(page, "routes");

        await page.Locator("#routes-table a.route-open").First.ClickAsync();
        await page.SelectOptionAsync("#Input_Kind", "ReportedToHost");
        // The same reason may stand under several actions; the script enables only the chosen action's group.
        var reason = await page.Locator("#Input_Reason optgroup[data-kind='ReportedToHost'] option[value='IllegalContent']").ElementHandleAsync();
        await page.SelectOptionAsync("#Input_Reason", reason);
        await page.ClickAsync("#record-action");
        await Expect(page.Locator("#takedown [data-field='state']")).ToHaveAttributeAsync("data-state", "AwaitingRemoval");
        await Screenshots.SaveAsync(page, "route");
        return new Uri(page.Url).PathAndQuery;
    }

    /// <summary>On the demo site's provider page, in a tab of its own, the hosting provider takes the board down.</summary>
    private static async Task TakeBoardDownAsync(IPage analystPage, Demo.DemoSite site, int board)
    {
        var provider = await analystPage.Context.NewPageAsync();
        await provider.GotoAsync(new Uri(site.BaseAddress, "provider").ToString());
        await provider.ClickAsync($"#board-{board}-takedown");
        await Expect(provider.Locator($"#board-{board}-state")).ToHaveTextAsync("taken down");
        await provider.CloseAsync();
    }

    /// <summary>Re-check now; the re-check finds the picture gone, the takedown closes as Removed with its time to removal.</summary>
    private static async Task RecheckUntilRemovedAsync(Analyst analyst, string route)
    {
        var page = analyst.Page;
        await page.ClickAsync("#recheck-now");
        var state = page.Locator("#takedown [data-field='state']");
        await HotlineSteps.UntilAsync(analyst, route, async () => await state.GetAttributeAsync("data-state") == "Removed", "the re-check to confirm removal");
        await Expect(page.Locator("#time-to-removal")).Not.ToHaveTextAsync("Not removed");
        await Screenshots.SaveAsync(page, "route-removed");
    }

    /// <summary>The German hotline's own statistics measure the content hosted in Germany, whoever reported it.</summary>
    private static async Task SeeTimeToRemovalInStatisticsAsync(Analyst analyst)
    {
        await analyst.OpenAsync("/Statistics");
        await Expect(analyst.Page.Locator("[data-figure='assigned-time-to-removal']")).ToContainTextAsync("(1 removed)");
        await Expect(analyst.Page.Locator("[data-figure='assigned-quick-removal']")).ToContainTextAsync("100.0 %");

        // The network's totals count the Dutch report too: its four items, the hosting country and the removal.
        await analyst.Page.SelectOptionAsync("#scope", "network");
        await analyst.Page.ClickAsync("button:has-text('Show')");
        await Expect(analyst.Page.Locator("[data-figure='items']")).ToHaveTextAsync("4 / 4");
        await Expect(analyst.Page.Locator("[data-figure='time-to-removal']")).ToContainTextAsync("(1 removed)");
        await Screenshots.SaveAsync(analyst.Page, "statistics");
    }

    /// <summary>
    /// In the workspace: reveals one item (and closes it), selects all four previews with x and the arrow keys,
    /// sets the age group and decides Baseline for all of them at once.
    /// </summary>
    private static async Task ClassifyEverythingByKeyboardAsync(Analyst analyst)
    {
        var page = analyst.Page;
        await analyst.OpenAsync("/Assessment");
        var tiles = page.Locator("#queue-grid .tile");
        await Expect(tiles).ToHaveCountAsync(4);
        await Expect(page.Locator("#queue-grid .tile img.tile__preview").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "workspace");

        await page.Keyboard.PressAsync("r");
        await Expect(page.Locator("#reveal-dialog")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#reveal-dialog")).ToBeHiddenAsync();

        // At machine speed, straight after the dialog closed: no key may be lost or land on the wrong item.
        for (var tile = 0; tile < 4; tile++)
        {
            await page.Keyboard.PressAsync("x");
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(page.Locator("#queue-grid .tile input.tile__checkbox:checked")).ToHaveCountAsync(4);

        await page.Keyboard.PressAsync("2");
        await page.Keyboard.PressAsync("b");
        await Expect(page.Locator("#workspace-status")).ToHaveTextAsync("Baseline: 4 items.");
        await Expect(tiles).ToHaveCountAsync(0);
        await Expect(page.Locator("#wellbeing-reveals")).ToHaveTextAsync("1");
    }
}
