using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Identity;
using Clearline.PublicReporting;
using Clearline.Reports;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// The statistics of public reports (received, share accepted, time to insertion, reasons for closing), and the report
/// figures counting only inserted reports: a public report's URL counts once accepted, never while pending or closed.
/// </summary>
public sealed class PublicReportStatisticsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Figures_CountPublicReports_AcceptedShare_TimeToInsertion_AndCloseReasons(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Workers:Enabled"] = "false",
            ["Api:SignInAttemptsPerMinutePerAddress"] = "10000",
        });
        var hotline = await app.CreateOrganisationAsync(country: "NL");
        using var client = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.ReportsWrite, ApiScopes.PublicReportsWrite, ApiScopes.StatisticsRead));
        var other = await app.CreateOrganisationAsync(country: "DE");
        using var otherClient = app.CreateClient(await app.CreateApiKeyAsync(other, ApiScopes.PublicReportsWrite));
        await Reports.IntakeApp.SubmitAsync(client, new { url = "https://own.example.invalid/page" });
        foreach (var urls in new string[][] { ["https://cats.example.invalid/1", "https://cats.example.invalid/2"], ["https://cats.example.invalid/3"], ["https://cats.example.invalid/4"] })
        {
            await SubmitPublicAsync(client, urls);
        }

        await SubmitPublicAsync(otherClient, ["https://dogs.example.invalid/1"]);
        await DecideAsync(app, hotline.Id, [(TimeSpan.FromHours(2), null), (TimeSpan.FromHours(10), null), (TimeSpan.FromHours(1), TriageCloseReason.Adult)]);
        var period = Period();

        var own = await GetJsonAsync(client, $"/api/v1/statistics?{period}");
        var all = await GetJsonAsync(client, $"/api/v1/statistics?scope=network&{period}");
        var csv = await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri($"/api/v1/statistics.csv?{period}", UriKind.Relative), Ct));

        // Reports: the hotline's own and the two accepted URLs; neither the pending nor the closed one.
        Assert.Equal(3, own.GetProperty("reports").GetInt32());
        Assert.Equal(3, all.GetProperty("reports").GetInt32());
        var figures = own.GetProperty("publicReports");
        Assert.Equal((3, 4, 2, 1, 1), (figures.GetProperty("received").GetInt32(), figures.GetProperty("urls").GetInt32(),
            figures.GetProperty("urlsAccepted").GetInt32(), figures.GetProperty("urlsClosed").GetInt32(), figures.GetProperty("urlsPending").GetInt32()));
        Assert.Equal(2.0 / 3, figures.GetProperty("acceptedShare").GetDouble(), 6);
        Assert.Equal(4, all.GetProperty("publicReports").GetProperty("received").GetInt32());
        Assert.Equal(5, all.GetProperty("publicReports").GetProperty("urls").GetInt32());
        Assert.Contains("\npublic_reports,,3\n", csv, StringComparison.Ordinal);
        Assert.Contains("\npublic_report_accepted_share,,0.6667\n", csv, StringComparison.Ordinal);
        Assert.Contains("\npublic_report_median_time_to_insertion_seconds,,7200\npublic_report_p90_time_to_insertion_seconds,,36000\n", csv, StringComparison.Ordinal);
        Assert.Contains("\npublic_report_close_reason,NotIllegal,0\npublic_report_close_reason,Adult,1\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("cats.example.invalid", csv, StringComparison.Ordinal);

        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);
        var html = await browser.OpenAsync($"/Statistics?{period}");
        Assert.Contains("data-figure=\"public-reports\">3 (4 URLs, 1 still in triage)<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"public-report-accepted-share\">66.7 % (2 of 3)<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"public-report-time-to-insertion\">2 h 0 min / 10 h 0 min (2 accepted)<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"public-report-closed-Adult\">1<", html, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task NoPublicReports_EveryFigureIsZero_AndTheShareIsEmpty(DatabaseProvider provider)
    {
        await using var app = await Reports.IntakeApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync(country: "NL");
        using var client = app.CreateClient(await app.CreateApiKeyAsync(hotline, ApiScopes.StatisticsRead));

        var csv = await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri($"/api/v1/statistics.csv?{Period()}", UriKind.Relative), Ct));

        Assert.Contains("\npublic_reports,,0\n", csv, StringComparison.Ordinal);
        Assert.Contains("\npublic_report_accepted_share,,\n", csv, StringComparison.Ordinal);
        Assert.Contains("\npublic_report_close_reason,Duplicate,0\n", csv, StringComparison.Ordinal);
    }

    private static string Period()
    {
        var today = DateTime.UtcNow.Date;
        return string.Create(CultureInfo.InvariantCulture, $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}");
    }

    private static async Task SubmitPublicAsync(HttpClient client, string[] urls) =>
        await ProblemAssert.IsSuccessAsync(await client.PostAsJsonAsync("/api/v1/public-reports", new { urls, whatSeen = "pictures of a cat" }, Ct));

    /// <summary>Decides the hotline's public report URLs in turn, as triage would: accepted (no reason) or closed, after the given time.</summary>
    private static Task<bool> DecideAsync(ClearlineTestApp app, Guid hotlineId, (TimeSpan After, TriageCloseReason? Closed)[] decisions) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var urls = await db.Set<PublicReportUrl>().Where(u => u.OrganisationId == hotlineId)
                .Join(db.Set<PublicReport>(), u => u.PublicReportId, p => p.Id, (u, p) => new { Url = u, p.CreatedAt }).ToListAsync(Ct);
            foreach (var (decision, row) in decisions.Zip(urls))
            {
                var report = await db.Set<Report>().SingleAsync(r => r.Id == row.Url.ReportId, Ct);
                report.Triage = decision.Closed is null ? ReportTriage.Accepted : ReportTriage.Closed;
                row.Url.CloseReason = decision.Closed;
                row.Url.DecidedAt = row.CreatedAt + decision.After;
            }

            await db.SaveChangesAsync(Ct);
            return true;
        });

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri(path, UriKind.Relative), Ct))).RootElement;
}
