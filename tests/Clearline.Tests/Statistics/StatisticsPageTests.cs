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
        Assert.Contains("<rect width=\"80\"", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"NL\">3<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"ImageBoard\">1<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);

        using var csv = await browser.GetAsync("/Statistics?handler=Csv&scope=hotline&from=2026-03-01&to=2026-04-01");
        var body = await ProblemAssert.IsSuccessAsync(csv);
        Assert.Contains("href=\"/Statistics?handler=Csv&amp;scope=hotline&amp;from=2026-03-01&amp;to=2026-04-01\"", html, StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\nreports,,3\n", body, StringComparison.Ordinal);
        Assert.Contains("\nhosting_country,NL,3\n", body, StringComparison.Ordinal);
        Assert.EndsWith("\nassigned_p90_time_to_removal_seconds,,864000\n", body, StringComparison.Ordinal);

        var all = await browser.OpenAsync("/Statistics?scope=network&from=2026-03-01&to=2026-04-01");
        Assert.Contains("data-figure=\"time-to-removal\">3 d 0 h / 10 d 0 h (5 removed)<", all, StringComparison.Ordinal);
        Assert.DoesNotContain("data-figure=\"assigned-", all, StringComparison.Ordinal);
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
