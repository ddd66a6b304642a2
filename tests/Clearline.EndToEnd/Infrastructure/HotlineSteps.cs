using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearline.EndToEnd.Infrastructure;

/// <summary>Steps several end-to-end tests share: a demo person's first sign-in, inserting a report, waiting for its crawl or any page state.</summary>
internal static class HotlineSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A demo account signed in for the first time (new password, TOTP enrolled) in a context of its own.</summary>
    public static async Task<Analyst> SignInAsync(IBrowser browser, ClearlineServer server, string email)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var person = new Analyst(page, server.BaseAddress, email);
        await person.FirstSignInAsync(server.Account(email).OneTimePassword);
        return person;
    }

    /// <summary>Inserts one reported URL and opens its report; returns the report page's path.</summary>
    public static async Task<string> InsertReportAsync(Analyst analyst, string url, string reference, string? screenshot = null)
    {
        await analyst.OpenAsync("/Reports/Insert");
        await analyst.Page.FillAsync("#Input_Urls", url);
        await analyst.Page.FillAsync("#Input_HotlineReference", reference);
        await analyst.Page.SelectOptionAsync("#Input_SiteType", new SelectOptionValue { Label = "Image board" });
        if (screenshot is not null)
        {
            await Screenshots.SaveAsync(analyst.Page, screenshot);
        }

        await analyst.Page.ClickAsync("button:has-text('Submit')");
        await Expect(analyst.Page.Locator("#results tr[data-status='accepted']")).ToHaveCountAsync(1);
        // Post, redirect, get: the form is empty for the next reports, and a reload sends nothing again.
        await Expect(analyst.Page.Locator("#Input_Urls")).ToHaveValueAsync("");
        await analyst.Page.ClickAsync("#results a:has-text('Report')");
        await Expect(analyst.Page.Locator("#report")).ToBeVisibleAsync();
        return new Uri(analyst.Page.Url).PathAndQuery;
    }

    /// <summary>Reloads the report page shown until its crawl has completed.</summary>
    public static async Task WaitForCrawlAsync(Analyst analyst)
    {
        var state = analyst.Page.Locator("#crawl [data-field='state']");
        await UntilAsync(analyst, new Uri(analyst.Page.Url).PathAndQuery,
            async () => await state.CountAsync() == 1 && await state.InnerTextAsync() == "completed", "the crawl");
    }

    /// <summary>Reloads <paramref name="path"/> until <paramref name="done"/> holds, for at most a minute.</summary>
    public static async Task UntilAsync(Analyst analyst, string path, Func<Task<bool>> done, string what)
    {
        await analyst.OpenAsync(path);
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (await done())
            {
                return;
            }

            await Task.Delay(500, Ct);
            await analyst.OpenAsync(path);
        }

        Assert.Fail($"Waited a minute for {what}:\n" + await analyst.Page.ContentAsync());
    }
}
