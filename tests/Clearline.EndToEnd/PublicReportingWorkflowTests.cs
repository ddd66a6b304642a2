using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Clearline.Demo;
using Clearline.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearline.EndToEnd;

/// <summary>
/// Public reporting in a real browser: a member of the public reports two pages of the demo site to the German
/// hotline in German, the browser solves the proof of work, the reporter gets a reference and a status page; the
/// German analyst finds the page with known material first in triage, accepts it (key A) and closes the other as not
/// illegal (key N), and the status page then says handled. axe-core finds no WCAG 2.1 AA violation on the form (in
/// German and in Dutch), the thank-you page or the status page; and a browser without JavaScript reports too.
/// </summary>
public sealed partial class PublicReportingWorkflowTests
{
    private const string GermanAnalyst = "analyst.de@demo.clearline.invalid";
    private const string Coordinator = "coordinator@demo.clearline.invalid";

    /// <summary>
    /// A light proof of work: the browser's work is what is tested, not its speed (the load test in <c>bench</c>
    /// measures the form with the real setting); and no wait for a browser without scripts, whose report is taken
    /// at once rather than after the usual delay.
    /// </summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["PublicReporting:ProofOfWorkBits"] = "12",
        ["PublicReporting:NoScriptDelay"] = "00:00:00",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReportInGerman_TriageAcceptAndClose_StatusHandled()
    {
        await using var server = await ClearlineServer.StartAsync(Ct, Settings);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            // Board 1's first picture is known Baseline material; board 2 holds only unknown pictures. Board 2 is
            // reported first, so only the score can put board 1 at the top of the queue.
            await SeedKnownPictureAsync(browser, server, board: 1, picture: 1);
            var known = server.Site.BoardUrl(1).ToString();
            var unknown = server.Site.BoardUrl(2).ToString();

            var reporter = await PublicPageAsync(browser, "de-DE");
            var reporterProblems = ConsoleProblems.Watch(reporter);
            var reference = await ReportAsync(server, reporter, "/report/de", [unknown, known]);
            await SeeStatusAsync(server, reporter, reference, "received", "being-handled");
            // The status page never shows what was reported.
            Assert.DoesNotContain("/board/", await reporter.ContentAsync(), StringComparison.Ordinal);

            var analyst = await HotlineSteps.SignInAsync(browser, server, GermanAnalyst);
            var analystProblems = ConsoleProblems.Watch(analyst.Page);
            await TriageAsync(analyst, known, unknown);

            await SeeStatusAsync(server, reporter, reference, "handled");
            await Screenshots.SaveAsync(reporter, "public-report-status");
            reporterProblems.AssertNone();
            analystProblems.AssertNone();

            await ScreenshotDutchFormAsync(browser, server);
            await ReportWithoutJavaScriptAsync(browser, server, server.Site.BoardUrl(3).ToString());
        }
    }

    /// <summary>A visitor's browser: no session, the language of <paramref name="locale"/> in <c>Accept-Language</c>.</summary>
    private static async Task<IPage> PublicPageAsync(IBrowser browser, string locale)
    {
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = locale,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = $"{locale},{locale[..2]};q=0.9" },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Fills the form at <paramref name="path"/>, waits for the proof of work to enable sending, sends, and returns the reference.</summary>
    private static async Task<string> ReportAsync(ClearlineServer server, IPage page, string path, IReadOnlyList<string> urls)
    {
        await page.GotoAsync(new Uri(server.BaseAddress, path).ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new Regex("^de"));
        var urlInputs = Field(page, "Urls");
        Assert.True(await urlInputs.CountAsync() >= 3, "the form shows at least three URL fields");
        await Axe.AssertNoViolationsAsync(page, "the public report form (German)");

        for (var i = 0; i < urls.Count; i++)
        {
            await urlInputs.Nth(i).FillAsync(urls[i]);
        }

        await Field(page, "WhatSeen").FillAsync("Bilder einer Katze auf einer Bildertafel.");
        await Field(page, "WhereFound").FillAsync("Über eine Suchmaschine.");

        // The guard's script enables the button once the proof of work is solved.
        var send = page.Locator("#send-report");
        await Expect(send).ToBeEnabledAsync(new() { Timeout = 120_000 });
        await Screenshots.SaveAsync(page, "public-report-de");
        await send.ClickAsync();

        var shown = page.Locator("[data-reference]");
        await Expect(shown).ToBeVisibleAsync();
        var text = await shown.GetAttributeAsync("data-reference") is { Length: > 0 } attribute ? attribute : await shown.InnerTextAsync();
        var reference = ReferencePattern().Match(text);
        Assert.True(reference.Success, $"no reference in '{text}'");
        await Axe.AssertNoViolationsAsync(page, "the thank-you page");
        return reference.Value;
    }

    /// <summary>Opens the status page of <paramref name="reference"/> until it says one of <paramref name="expected"/> (the crawl runs meanwhile).</summary>
    private static async Task SeeStatusAsync(ClearlineServer server, IPage page, string reference, params string[] expected)
    {
        var address = new Uri(server.BaseAddress, $"/report/status/{reference}").ToString();
        var status = page.Locator("[data-status]");
        string? shown = null;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await page.GotoAsync(address);
            await Expect(status).ToHaveCountAsync(1);
            shown = await status.GetAttributeAsync("data-status");
            if (expected.Contains(shown))
            {
                await Axe.AssertNoViolationsAsync(page, $"the status page ({shown})");
                return;
            }

            await Task.Delay(1000, Ct);
        }

        Assert.Fail($"The status page says '{shown}', not {string.Join(" or ", expected)}.");
    }

    /// <summary>
    /// The German analyst's queue shows the board with known material first, though it was reported second;
    /// A accepts it, N closes the other as not illegal.
    /// </summary>
    private static async Task TriageAsync(Analyst analyst, string known, string unknown)
    {
        var page = analyst.Page;
        var rows = page.Locator("[data-triage-row]");
        await HotlineSteps.UntilAsync(analyst, "/Triage", async () =>
            await rows.CountAsync() == 2 && await rows.Nth(0).GetAttributeAsync("data-url") == known, "the known board ranked first in triage");
        Assert.Equal(unknown, await rows.Nth(1).GetAttributeAsync("data-url"));
        await Screenshots.SaveAsync(page, "triage");

        await rows.Nth(0).FocusAsync();
        await page.Keyboard.PressAsync("a");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-url", unknown);

        // The decision reloaded the page: its key script must be listening again before the next key.
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await rows.Nth(0).FocusAsync();
        await page.Keyboard.PressAsync("n");
        await Expect(rows).ToHaveCountAsync(0);
    }

    /// <summary>The same form for the Dutch hotline, in Dutch, for the documentation.</summary>
    private static async Task ScreenshotDutchFormAsync(IBrowser browser, ClearlineServer server)
    {
        var page = await PublicPageAsync(browser, "nl-NL");
        await page.GotoAsync(new Uri(server.BaseAddress, "/report/nl").ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new Regex("^nl"));
        await Expect(page.Locator("#send-report")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the public report form (Dutch)");
        await Screenshots.SaveAsync(page, "public-report-nl");
    }

    /// <summary>A browser with scripts turned off: the send button works at once, and the reporter gets a reference all the same.</summary>
    private static async Task ReportWithoutJavaScriptAsync(IBrowser browser, ClearlineServer server, string url)
    {
        var context = await browser.NewContextAsync(new() { JavaScriptEnabled = false, Locale = "nl-NL" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/report/nl").ToString());
        await Field(page, "Urls").Nth(0).FillAsync(url);
        await Expect(page.Locator("#send-report")).ToBeEnabledAsync();
        await page.Locator("#send-report").ClickAsync();
        await Expect(page.Locator("[data-reference]")).ToContainTextAsync(ReferencePattern());
        await context.CloseAsync();
    }

    /// <summary>
    /// The network coordinator puts the SHA-256 of one demo picture on a network list that classifies automatically
    /// (Clearline's own category names, so "Baseline" means Baseline), through the hash-list pages.
    /// </summary>
    private static async Task SeedKnownPictureAsync(IBrowser browser, ClearlineServer server, int board, int picture)
    {
        var coordinator = await HotlineSteps.SignInAsync(browser, server, Coordinator);
        var page = coordinator.Page;
        await coordinator.OpenAsync("/HashLists/Create");
        await page.FillAsync("#Input_Name", "Known demo pictures");
        await page.FillAsync("#Input_Source", "End-to-end test");
        await page.SelectOptionAsync("#Input_Kind", "HotlineNetwork");
        await page.SelectOptionAsync("#Input_Trust", new SelectOptionValue { Label = "AutoClassify" });
        await page.SelectOptionAsync("#Input_Visibility", new SelectOptionValue { Label = "Network" });
        await page.SelectOptionAsync("#Input_Scheme", new SelectOptionValue { Label = "Clearline" });
        await page.Locator("form button[type=submit]").Last.ClickAsync();
        await page.ClickAsync("a:has-text('Import a file')");

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(DemoPictures.Jpeg((board * 100) + picture)));
        var csv = string.Create(CultureInfo.InvariantCulture, $"sha256,category\n{sha256},Baseline\n");
        await page.SelectOptionAsync("#format", "csv");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "known.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.Locator("form[enctype='multipart/form-data'] button[type=submit]").ClickAsync();
        var state = page.Locator("#import-progress [data-field='state']");
        await HotlineSteps.UntilAsync(coordinator, new Uri(page.Url).PathAndQuery, async () => await state.InnerTextAsync() == "Completed", "the list's import");
        await Expect(page.Locator("#import-progress [data-field='added']")).ToHaveTextAsync("1");
        await page.Context.CloseAsync();
    }

    /// <summary>A form field by its name: <c>Urls</c> matches each of the URL inputs, however the form indexes them.</summary>
    private static ILocator Field(IPage page, string name) => page.Locator($"form [name='{name}'], form [name^='{name}[']");

    [GeneratedRegex("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();
}
