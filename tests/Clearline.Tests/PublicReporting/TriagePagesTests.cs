using System.Net;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.PublicReporting;

/// <summary>The triage screen as an analyst uses it without scripts: the ranked rows with their reasons, one button per key.</summary>
public sealed class TriagePagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Analyst_SeesTheRankedRows_AcceptsOne_ClosesTheOther_AndADoubleClickIsToldSo(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var (hotline, client) = await TriageSeed.HotlineAsync(app);
        await TriageSeed.ReportAsync(client, "https://quiet.example.invalid/", "https://busy.example.invalid/");
        await TriageSeed.CrawledAsync(app, hotline.Id, "https://quiet.example.invalid/", CrawlState.Completed, media: 0);
        await TriageSeed.CrawledAsync(app, hotline.Id, "https://busy.example.invalid/", CrawlState.Completed, media: 3);
        var busy = await TriageSeed.UrlAsync(app, hotline.Id, "https://busy.example.invalid/");
        var quiet = await TriageSeed.UrlAsync(app, hotline.Id, "https://quiet.example.invalid/");
        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);
        var home = await browser.OpenAsync("/");
        Assert.Contains("href=\"/Triage\"", home, StringComparison.Ordinal);
        Assert.Contains("id=\"queue-triage\"><span class=\"queue-sizes__name\">Triage</span> <span class=\"queue-sizes__count\" data-count=\"2\">", home, StringComparison.Ordinal);

        var page = await browser.OpenAsync("/Triage");

        var busyAt = page.IndexOf("data-url=\"https://busy.example.invalid/\"", StringComparison.Ordinal);
        var quietAt = page.IndexOf("data-url=\"https://quiet.example.invalid/\"", StringComparison.Ordinal);
        Assert.True(busyAt > 0 && quietAt > busyAt, "the row with media comes first");
        Assert.Contains("3 media not known to any list or decision (few: 10 or more is many).", page, StringComparison.Ordinal);
        Assert.Contains("Nothing found: the crawl found no media.", page, StringComparison.Ordinal);
        Assert.Contains("pictures of a cat", page, StringComparison.Ordinal);
        Assert.Contains("aria-keyshortcuts=\"A\"", page, StringComparison.Ordinal);
        Assert.Contains("<kbd>U</kbd> Duplicate", page, StringComparison.Ordinal);
        Assert.Matches("<script src=\"/js/triage[.a-z0-9]*\\.js\"", page);

        using var accepted = await browser.SubmitAsync(page, $"/Triage?handler=Decide&id={busy.Id}",
            ("decision", "accept"), ("context.HotlineReference", "PAGE-1"), ("context.SiteType", "Forum"), ("context.Commerciality", "NotDetermined"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var after = await browser.OpenAsync("/Triage");
        Assert.Contains("Accepted: the report is inserted", after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-url=\"https://busy.example.invalid/\"", after, StringComparison.Ordinal);
        Assert.Contains("PAGE-1", await browser.OpenAsync($"/Reports/{busy.ReportId}"), StringComparison.Ordinal);

        using var again = await browser.SubmitAsync(after, $"/Triage?handler=Decide&id={busy.Id}", ("decision", "NotIllegal"));
        Assert.Contains("This URL was already accepted.", await browser.OpenAsync("/Triage"), StringComparison.Ordinal);

        using var closed = await browser.SubmitAsync(after, $"/Triage?handler=Decide&id={quiet.Id}", ("decision", "OutsideRemit"));
        var empty = await browser.OpenAsync("/Triage");
        Assert.Contains("Closed: outside remit.", empty, StringComparison.Ordinal);
        Assert.Contains("Nothing waits in triage.", empty, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task AnotherHotlinesUrl_Answers404(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var (hotline, client) = await TriageSeed.HotlineAsync(app);
        await TriageSeed.ReportAsync(client, "https://mine.example.invalid/");
        var url = await TriageSeed.UrlAsync(app, hotline.Id, "https://mine.example.invalid/");
        var other = await app.CreateOrganisationAsync(country: "DE");
        var analyst = await app.CreateUserAsync(other, Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);
        var page = await browser.OpenAsync("/Triage");

        using var response = await browser.SubmitAsync(page, $"/Triage?handler=Decide&id={url.Id}", ("decision", "accept"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("mine.example.invalid", page, StringComparison.Ordinal);
    }
}
