using System.Net;
using System.Net.Http.Json;
using Clearline.ApiKeys;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Takedown;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Reports;

/// <summary>The reporting hotline edits its report's context, audited; the route's receiving hotline sees the new values; nobody else can.</summary>
public sealed class ReportContextTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task EditContext_ByTheReportingHotline_IsSavedAudited_AndTheRouteShowsIt(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var dutch = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");
        var client = await ReportWorld.ReportsClientAsync(network.App, dutch.Organisation);
        var route = await network.ReportAndRouteAsync(dutch, "https://img.example/c.png", "DE", Received);
        var report = await ReportWorld.ReportOfRouteAsync(network.App, route);
        Assert.Contains(report, await ReportWorld.ListAsync(client, "queue=no-reference"));

        var response = await client.PutAsJsonAsync(new Uri($"/api/v1/reports/{report}/context", UriKind.Relative), new
        {
            hotlineReference = "  NL-2026-0042 ",
            memo = "Reporter: Jane Example, jane@example.invalid",
            siteType = "ImageBoard",
            commerciality = "Commercial",
            paymentMethods = new[] { "Visa", "Cryptocurrency" },
        }, Ct);
        var edited = System.Text.Json.JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement;

        Assert.Equal("NL-2026-0042", edited.GetProperty("hotlineReference").GetString());
        Assert.Equal("ImageBoard", edited.GetProperty("siteType").GetString());
        Assert.Equal(["Visa", "Cryptocurrency"], edited.GetProperty("paymentMethods").EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain(report, await ReportWorld.ListAsync(client, "queue=no-reference"));

        var detail = await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .Where(e => e.Action == AuditAction.ReportContextEdited).Select(e => new { e.Target, e.Detail, e.OrganisationId }).SingleAsync(Ct));
        Assert.Equal((report.ToString("D"), dutch.Id), (detail.Target, detail.OrganisationId!.Value));
        Assert.Contains("hotlineReference", detail.Detail, StringComparison.Ordinal);
        Assert.Contains("memo", detail.Detail, StringComparison.Ordinal);
        Assert.Contains("siteType NotDetermined → ImageBoard", detail.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", detail.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("NL-2026", detail.Detail, StringComparison.Ordinal);

        // The receiving hotline reads the new context on the route.
        var seen = (await german.RouteAsync(route)).GetProperty("report");
        Assert.Equal(("NL-2026-0042", "ImageBoard", "Commercial"),
            (seen.GetProperty("hotlineReference").GetString(), seen.GetProperty("siteType").GetString(), seen.GetProperty("commerciality").GetString()));

        // The same context again changes nothing and audits nothing.
        await ProblemAssert.IsSuccessAsync(await client.PutAsJsonAsync(new Uri($"/api/v1/reports/{report}/context", UriKind.Relative), new
        {
            hotlineReference = "NL-2026-0042", memo = "Reporter: Jane Example, jane@example.invalid", siteType = "ImageBoard",
            commerciality = "Commercial", paymentMethods = new[] { "Cryptocurrency", "Visa" },
        }, Ct));
        Assert.Equal(1, await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .CountAsync(e => e.Action == AuditAction.ReportContextEdited, Ct)));
    }

    [Theory]
    [BothDatabases]
    public async Task EditContext_OtherHotline404_BadValues400_NoKey401_NoScope403(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (dutch, client) = await IntakeApp.HotlineAsync(app, "NL");
        var (_, german) = await IntakeApp.HotlineAsync(app, "DE");
        var report = (await IntakeApp.SubmitAsync(client, new { url = "https://ctx.example.invalid/", hotlineReference = "R-1" })).GetProperty("id").GetGuid();
        var path = new Uri($"/api/v1/reports/{report}/context", UriKind.Relative);

        await ProblemAssert.IsProblemAsync(await german.PutAsJsonAsync(path, new { hotlineReference = "theirs" }, Ct), HttpStatusCode.NotFound);

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { siteType = "Darknet" }, "siteType"),
            (new { siteType = 3 }, "siteType"),
            (new { commerciality = "Sometimes" }, "commerciality"),
            (new { paymentMethods = new[] { "Gold" } }, "paymentMethods"),
            (new { hotlineReference = new string('x', 101) }, "hotlineReference"),
        })
        {
            var problem = await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync(path, body, Ct), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.OrdinalIgnoreCase)), $"{field}: {problem}");
        }

        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(path, new { hotlineReference = "x" }, Ct)).StatusCode);
        using var readOnly = app.CreateClient(await app.CreateApiKeyAsync(dutch, ApiScopes.ReportsRead));
        await ProblemAssert.IsProblemAsync(await readOnly.PutAsJsonAsync(path, new { hotlineReference = "x" }, Ct), HttpStatusCode.Forbidden);

        Assert.Equal("R-1", (await ReportWorld.ReportAsync(client, report)).GetProperty("hotlineReference").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task Analyst_EditsTheContextOnTheReportPage_AndFindsItInTheFilteredList(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        var client = await ReportWorld.ReportsClientAsync(app, hotline);
        var report = (await IntakeApp.SubmitAsync(client, new { url = "https://page.example.invalid/" })).GetProperty("id").GetGuid();
        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        var queue = await browser.OpenAsync("/Reports?queue=no-reference");
        Assert.Contains("https://page.example.invalid/", queue, StringComparison.Ordinal);
        Assert.Contains("data-stage=\"Assessment\"", queue, StringComparison.Ordinal);

        var page = await browser.OpenAsync($"/Reports/{report}");
        Assert.Contains("<label for=\"Context_HotlineReference\">", page, StringComparison.Ordinal);
        using var bad = await browser.SubmitAsync(page, $"/Reports/{report}?handler=Context", ("Context.SiteType", "99"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        using var saved = await browser.SubmitAsync(page, $"/Reports/{report}?handler=Context",
            ("Context.HotlineReference", "PAGE-7"), ("Context.SiteType", "Forum"), ("Context.PaymentMethods", "PayPal"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await browser.OpenAsync($"/Reports/{report}");
        Assert.Contains("The report&#x27;s context is saved.", after, StringComparison.Ordinal);
        Assert.Contains("PAGE-7", after, StringComparison.Ordinal);
        Assert.DoesNotContain("https://page.example.invalid/", await browser.OpenAsync("/Reports?queue=no-reference"), StringComparison.Ordinal);
        Assert.Contains("https://page.example.invalid/", await browser.OpenAsync("/Reports?stage=Assessment&status=Open"), StringComparison.Ordinal);
        Assert.DoesNotContain("https://page.example.invalid/", await browser.OpenAsync("/Reports?status=Closed"), StringComparison.Ordinal);
    }
}
