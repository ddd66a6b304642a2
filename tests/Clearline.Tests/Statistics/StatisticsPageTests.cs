using System.Net;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.Statistics;

public sealed class StatisticsPageTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" };

    [Theory]
    [BothDatabases]
    public async Task Analyst_SeesFiguresAndBarsWithValues_AndDownloadsTheSameAsCsv(DatabaseProvider provider)
    {
        await using var network = await StatisticsNetwork.StartAsync(provider, ManySignIns);
        var analyst = await network.App.CreateUserAsync(network.HotlineA, Role.Analyst);
        using var browser = new Browser(network.App.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        Assert.Contains("href=\"/Statistics\"", await browser.OpenAsync("/"), StringComparison.Ordinal);
        var html = await browser.OpenAsync("/Statistics?scope=hotline&from=2026-03-01&to=2026-04-01");

        Assert.Contains("data-figure=\"reports\">3<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"content-urls\">6<", html, StringComparison.Ordinal);
        Assert.Contains("75.0 % (3 of 4): 2 Baseline, 1 National", html, StringComparison.Ordinal);
        Assert.Contains("60.0 % (3 of 5)", html, StringComparison.Ordinal);
        Assert.Contains("2 d 0 h / 10 d 0 h", html, StringComparison.Ordinal);
        Assert.Contains("Content hosted in our country (assigned to us)", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"assigned-quick-removal\">50.0 % (2 of 4)<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"assigned-time-to-removal\">3 d 0 h / 10 d 0 h (3 removed)<", html, StringComparison.Ordinal);
        // The largest bar is full width, the others in proportion, each with its value as text beside it.
        Assert.Contains("<rect width=\"240\"", html, StringComparison.Ordinal);
        Assert.Contains("<rect width=\"120\"", html, StringComparison.Ordinal);
        Assert.Contains("width=\"80\" height=\"14\"", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"NL\">3<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"ImageBoard\">1<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);

        using var csv = await browser.GetAsync("/Statistics?handler=Csv&scope=hotline&from=2026-03-01&to=2026-04-01");
        var body = await ProblemAssert.IsSuccessAsync(csv);
        Assert.Contains("href=\"/Statistics?handler=Csv&amp;scope=hotline&amp;from=2026-03-01&amp;to=2026-04-01&amp;interval=week\"", html, StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\nreports,,3\n", body, StringComparison.Ordinal);
        Assert.Contains("\nhosting_country,NL,3\n", body, StringComparison.Ordinal);
        Assert.Contains("\nassigned_p90_time_to_removal_seconds,,864000\n", body, StringComparison.Ordinal);
        Assert.Contains("\ntrend_reports,2026-03-09T00:00:00Z,1\n", body, StringComparison.Ordinal);

        var all = await browser.OpenAsync("/Statistics?scope=network&from=2026-03-01&to=2026-04-01");
        Assert.Contains("data-figure=\"time-to-removal\">3 d 0 h / 10 d 0 h (5 removed)<", all, StringComparison.Ordinal);
        Assert.DoesNotContain("data-figure=\"assigned-", all, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Analyst_SeesInhopeFigures_AndAccessibleSvgChartsWithTheirTables(DatabaseProvider provider)
    {
        await using var network = await OutcomesNetwork.StartAsync(provider, ManySignIns);
        var analyst = await network.App.CreateUserAsync(network.HotlineA, Role.Analyst);
        using var browser = new Browser(network.App.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        var html = await browser.OpenAsync("/Statistics?scope=hotline&from=2026-03-01&to=2026-04-01&interval=week");

        Assert.Contains("data-figure=\"referred-within-3-days\">28.6 % (2 of 7) (4 referred in all)<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"removed-same-day\">33.3 % (1 of 3)<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"countries-hotline\">2 / 2 (1 content URLs in an unknown country)<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"closed-under-own-law\">1 (1 other Not illegal closings)<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"withdrawn\">1<", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"week\" selected=\"selected\">Week</option>", html, StringComparison.Ordinal);
        // Every chart an SVG image with a title and a description, followed by its table.
        foreach (var id in new[] { "trend-reports", "trend-referred-within-3-days", "trend-removed-same-day", "trend-closed-under-own-law", "time-to-removal-histogram", "hosting-countries", "countries-without-hotline" })
        {
            Assert.Contains($"role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"", html, StringComparison.Ordinal);
            Assert.Contains($"<desc id=\"{id}-desc\">", html, StringComparison.Ordinal);
            Assert.Contains($"<table class=\"table chart__table\" id=\"{id}-table\">", html, StringComparison.Ordinal);
        }

        Assert.Contains("<title id=\"trend-reports-title\">Reports received per week</title>", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"time-to-removal-histogram-title\">Time to removal</title>", html, StringComparison.Ordinal);
        // Weeks cut to the period, empty ones included; the histogram's bins in order; countries the most first.
        Assert.Contains("<th scope=\"row\">2026-03-01</th><td data-key=\"2026-03-01\">0</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">2026-03-02</th><td data-key=\"2026-03-02\">1</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">2026-03-02</th><td data-key=\"2026-03-02\">33.3 %</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">up to 1 d</th><td data-key=\"up to 1 d\">2</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">7&#x2013;14 d</th><td data-key=\"7&#x2013;14 d\">1</td>", html, StringComparison.Ordinal);
        var countries = html[html.IndexOf("id=\"hosting-countries-table\"", StringComparison.Ordinal)..];
        Assert.True(countries.IndexOf(">NL<", StringComparison.Ordinal) < countries.IndexOf(">FR<", StringComparison.Ordinal));
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html[html.IndexOf("<h1>Statistics</h1>", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInterval_ShowsTheReason_AndTheCsvIsABadRequest()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var analyst = await app.CreateUserAsync(await app.CreateOrganisationAsync(), Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        var html = await browser.OpenAsync("/Statistics?from=2026-03-01&to=2026-04-01&interval=fortnight");

        Assert.Contains("id=\"statistics-error\">&#x27;fortnight&#x27; is not an interval; use week or month.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-figure", html, StringComparison.Ordinal);
        using var csv = await browser.GetAsync("/Statistics?handler=Csv&from=2026-03-01&to=2026-04-01&interval=fortnight");
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
    }

    [Fact]
    public async Task BadPeriod_ShowsTheReason()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var analyst = await app.CreateUserAsync(await app.CreateOrganisationAsync(), Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        var html = await browser.OpenAsync("/Statistics?from=2026-04-01&to=2026-03-01");

        Assert.Contains("id=\"statistics-error\">&#x27;to&#x27; must be after &#x27;from&#x27;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-figure", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkPeriodShorterThanADay_ShowsTheReasonAndNoFigures()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var analyst = await app.CreateUserAsync(await app.CreateOrganisationAsync(), Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        var html = await browser.OpenAsync("/Statistics?scope=network&from=2026-03-01T08:00:00Z&to=2026-03-01T09:00:00Z");

        Assert.Contains("id=\"statistics-error\">&#x27;to&#x27; must be at least one day after", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-figure", html, StringComparison.Ordinal);
        using var csv = await browser.GetAsync("/Statistics?handler=Csv&scope=network&from=2026-03-01T08:00:00Z&to=2026-03-01T09:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
    }

    [Fact]
    public async Task RoleWithoutViewStatistics_IsDenied()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var admin = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Coordinator), Role.SystemAdmin);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, admin.User.Email!, admin.OneTimePassword);

        Assert.DoesNotContain("href=\"/Statistics\"", await browser.OpenAsync("/"), StringComparison.Ordinal);
        foreach (var path in new[] { "/Statistics", "/Statistics?handler=Csv" })
        {
            using var response = await browser.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"GET {path} answered {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }
    }
}
