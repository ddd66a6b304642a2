using System.Globalization;
using System.Text.RegularExpressions;
using Clearline.EndToEnd.Infrastructure;
using Clearline.Tests.LawEnforcement.Notifications;
using static Microsoft.Playwright.Assertions;

namespace Clearline.EndToEnd;

/// <summary>
/// Assess, then route, then take down, in a real browser: the Dutch hotline reports the demo board hosted in Germany
/// and decides its four pictures 2 Baseline, 1 National and 1 Not illegal. The German hotline receives nothing before
/// the decisions and exactly the three illegal URLs after them. The hosting network's abuse contact is found by RDAP
/// (a local registry), the notices are composed, sent and read back from a real SMTP server; the host removes one
/// picture and a re-check confirms it; the one still online gets a reminder; the statistics count it.
/// </summary>
public sealed partial class AssessThenRouteWorkflowTests
{
    private const string DutchAnalyst = "analyst.nl@demo.clearline.invalid";
    private const string GermanAnalyst = "analyst.de@demo.clearline.invalid";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AssessRouteNoticeRemoveRemind_EndToEnd()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var rdap = await RdapRegistry.StartAsync(Ct);
        var settings = new Dictionary<string, string?>(TestSmtpServer.Settings(smtp.Port))
        {
            ["Rdap:Bootstrap:Directory"] = rdap.BootstrapDirectory,
            ["Takedown:ReminderAfter"] = "00:00:30",
        };
        await using var server = await ClearlineServer.StartAsync(Ct, settings);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var dutch = await HotlineSteps.SignInAsync(browser, server, DutchAnalyst);
            var dutchProblems = ConsoleProblems.Watch(dutch.Page);
            var german = await HotlineSteps.SignInAsync(browser, server, GermanAnalyst);
            var germanProblems = ConsoleProblems.Watch(german.Page);

            await HotlineSteps.InsertReportAsync(dutch, server.Site.BoardUrl(1).ToString(), "E2E-ROUTE");
            await HotlineSteps.WaitForCrawlAsync(dutch);
            await german.OpenAsync("/Routes");
            await Expect(german.Page.Locator("#routes-table tbody tr[data-route-id]")).ToHaveCountAsync(0);

            await DecideAsync(dutch);
            var rows = german.Page.Locator("#routes-table tbody tr[data-route-id]");
            await HotlineSteps.UntilAsync(german, "/Routes", async () => await rows.CountAsync() == 3, "the three illegal URLs routed to Germany");
            await Expect(german.Page.Locator("#routes-table")).ToContainTextAsync("Illegal in NL");
            await Screenshots.SaveAsync(german.Page, "routes-after-assessment");
            var routes = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.routeId)");

            var removed = routes[0];
            var stillOnline = routes[1];
            var removedUrl = await SendNoticeAsync(german, removed);
            await SendNoticeAsync(german, stillOnline);
            await ReadNoticesBackAsync(smtp, removedUrl);

            var picture = PictureOf().Match(removedUrl);
            server.Site.SetPictureTakenDown(
                int.Parse(picture.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(picture.Groups[2].Value, CultureInfo.InvariantCulture), takenDown: true);
            await german.OpenAsync($"/Routes/{removed}");
            await german.Page.Locator("#recheck-now").ClickAsync();
            var state = german.Page.Locator("#takedown [data-field='state']");
            await HotlineSteps.UntilAsync(german, $"/Routes/{removed}", async () => await state.GetAttributeAsync("data-state") == "Removed", "removal confirmed by the re-check");
            await Expect(german.Page.Locator("#route-rechecks")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(german.Page, "route-removed-after-notice");

            var reminder = german.Page.Locator("#notice-timeline tr[data-kind='Reminder'][data-state='Sent']");
            await HotlineSteps.UntilAsync(german, $"/Routes/{stillOnline}", async () => await reminder.CountAsync() == 1, "the reminder to the host");
            await Screenshots.SaveAsync(german.Page, "route-notices");
            Assert.Equal(3, (await WaitForMailAsync(smtp, 3)).Count);
            Assert.Empty(await RemindersOfAsync(german, removed));

            await dutch.OpenAsync("/Statistics");
            await Expect(dutch.Page.Locator("[data-figure='removed-same-day']")).ToContainTextAsync("(1 of 2)");
            await Expect(dutch.Page.Locator("[data-figure='countries-hotline']")).ToContainTextAsync("1 / 0");
            await Screenshots.SaveAsync(dutch.Page, "statistics-outcomes");

            dutchProblems.AssertNone();
            germanProblems.AssertNone();
        }
    }

    /// <summary>In the workspace: two pictures Baseline, one National, one Not illegal (age group 2 for the illegal ones).</summary>
    private static async Task DecideAsync(Analyst analyst)
    {
        var page = analyst.Page;
        await analyst.OpenAsync("/Assessment");
        var tiles = page.Locator("#queue-grid .tile");
        await Expect(tiles).ToHaveCountAsync(4);
        var boxes = page.Locator("#queue-grid .tile input.tile__checkbox");

        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await page.Keyboard.PressAsync("2");
        await page.Keyboard.PressAsync("b");
        await Expect(page.Locator("#workspace-status")).ToContainTextAsync("Baseline");
        await Expect(tiles).ToHaveCountAsync(2);

        await boxes.Nth(0).CheckAsync();
        await page.Keyboard.PressAsync("2");
        await page.Keyboard.PressAsync("n");
        await Expect(page.Locator("#workspace-status")).ToContainTextAsync("National");
        await Expect(tiles).ToHaveCountAsync(1);

        await boxes.Nth(0).CheckAsync();
        await page.Keyboard.PressAsync("i");
        await Expect(tiles).ToHaveCountAsync(0);
    }

    /// <summary>
    /// On the route: waits for the RDAP lookup to find the network's abuse desk, composes the notice (addressed to it),
    /// sends it and waits until it was delivered; returns the content URL.
    /// </summary>
    private static async Task<string> SendNoticeAsync(Analyst analyst, string route)
    {
        var page = analyst.Page;
        var found = page.Locator("#abuse-contacts tr[data-source='Network'][data-state='Found']");
        await HotlineSteps.UntilAsync(analyst, $"/Routes/{route}", async () => await found.CountAsync() == 1, "the abuse contact by RDAP");
        await Expect(found).ToContainTextAsync(RdapRegistry.AbuseEmail);
        var url = await page.Locator("#route [data-field='url'] code").InnerTextAsync();

        await page.Locator("#compose-notice").ClickAsync();
        await Expect(page.Locator("#Input_Email")).ToHaveValueAsync(RdapRegistry.AbuseEmail);
        await Expect(page.Locator("#notice-urls")).ToContainTextAsync(url);
        await Screenshots.SaveAsync(page, "notice-compose");
        await page.Locator("#send-notice").ClickAsync();
        await Expect(page.Locator("#route-status")).ToBeVisibleAsync();

        var sent = page.Locator("#notice-timeline tr[data-kind='Notice'][data-state='Sent']");
        await HotlineSteps.UntilAsync(analyst, $"/Routes/{route}", async () => await sent.CountAsync() == 1, "the notice's delivery");
        return url;
    }

    /// <summary>Both notices arrived at the abuse desk the lookup found, each naming its content URL and never an image.</summary>
    private static async Task ReadNoticesBackAsync(TestSmtpServer smtp, string removedUrl)
    {
        var mail = await WaitForMailAsync(smtp, 2);
        Assert.Equal(2, mail.Count);
        Assert.Contains(mail, m => m.Raw.Contains(removedUrl, StringComparison.Ordinal));
        Assert.All(mail, m => Assert.DoesNotContain("image/jpeg", m.Raw, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The mail to the host's abuse desk (the network's other mail, such as notifications of new work, left out).</summary>
    private static async Task<IReadOnlyList<ReceivedMail>> WaitForMailAsync(TestSmtpServer smtp, int count)
    {
        for (var attempt = 0; attempt < 600 && ToHost(smtp).Count < count; attempt++)
        {
            await Task.Delay(100, Ct);
        }

        return ToHost(smtp);
    }

    private static List<ReceivedMail> ToHost(TestSmtpServer smtp) => [.. smtp.Received.Where(m => m.Recipients.Contains(RdapRegistry.AbuseEmail))];

    private static async Task<IReadOnlyList<string>> RemindersOfAsync(Analyst analyst, string route)
    {
        await analyst.OpenAsync($"/Routes/{route}");
        return await analyst.Page.Locator("#notice-timeline tr[data-kind='Reminder']").AllInnerTextsAsync();
    }

    [GeneratedRegex(@"/pictures/(\d+)-(\d+)\.jpg")]
    private static partial Regex PictureOf();
}
