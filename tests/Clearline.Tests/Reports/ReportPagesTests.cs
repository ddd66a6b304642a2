using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Reports;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Reports;

/// <summary>The intake screens as an analyst uses them: insert URLs, upload a CSV, list and open reports.</summary>
public sealed class ReportPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Analyst_InsertsUrls_SeesEachResult_AndOpensTheReports(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var (other, otherClient) = await IntakeApp.HotlineAsync(app, "DE");
        await IntakeApp.SubmitAsync(otherClient, new { url = "https://known.example.invalid/page" });
        var hotline = await app.CreateOrganisationAsync();
        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);
        Assert.Contains("href=\"/Reports\"", await browser.OpenAsync("/"), StringComparison.Ordinal);

        var form = await browser.OpenAsync("/Reports/Insert");
        Assert.Contains("<label for=\"Input_Urls\">", form, StringComparison.Ordinal);
        using var submitted = await browser.SubmitAsync(form, "/Reports/Insert",
            ("Input.Urls", "https://new.example.invalid/a\r\n\r\nhttps://KNOWN.example.invalid/page#x\r\nnot a url\r\n"),
            ("Input.SiteType", nameof(SiteType.Forum)), ("Input.PaymentMethods", nameof(PaymentMethods.Visa)),
            ("Input.PaymentMethods", nameof(PaymentMethods.Sms)), ("Input.HotlineReference", "REF <1>"),
            ("Input.Username", "gate-user"), ("Input.Password", "benign-page-password"));
        var results = await submitted.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("1 accepted,", results, StringComparison.Ordinal);
        Assert.Contains("data-status=\"duplicate\"", results, StringComparison.Ordinal);
        Assert.Contains($"Reported first by {other.Name}", results, StringComparison.Ordinal);
        Assert.Contains("data-status=\"invalid\"", results, StringComparison.Ordinal);
        Assert.Contains("must be an absolute http:// or https:// URL", results, StringComparison.Ordinal);
        Assert.DoesNotContain("benign-page-password", results, StringComparison.Ordinal);

        var stored = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Report>().AsNoTracking()
            .Where(r => r.OrganisationId == hotline.Id).ToListAsync(Ct));
        Assert.Equal(2, stored.Count);
        Assert.All(stored, r => Assert.Equal((SiteType.Forum, PaymentMethods.Visa | PaymentMethods.Sms, "REF <1>", true),
            (r.SiteType, r.PaymentMethods, r.HotlineReference, r.HasCredentials)));

        var list = await browser.OpenAsync("/Reports");
        Assert.Contains("https://new.example.invalid/a", list, StringComparison.Ordinal);
        Assert.Contains($"Duplicate: Reported first by {other.Name}", list, StringComparison.Ordinal);
        var accepted = stored.Single(r => r.DuplicateOfReportId is null);
        var details = await browser.OpenAsync($"/Reports/{accepted.Id}");
        Assert.Contains("REF &lt;1&gt;", details, StringComparison.Ordinal);
        Assert.Contains("data-field=\"state\">queued<", details, StringComparison.Ordinal);
        Assert.Contains("Given (kept encrypted)", details, StringComparison.Ordinal);
        Assert.DoesNotContain("benign-page-password", details, StringComparison.Ordinal);
        var duplicate = await browser.OpenAsync($"/Reports/{stored.Single(r => r.DuplicateOfReportId is not null).Id}");
        Assert.Contains("id=\"duplicate-of\"", duplicate, StringComparison.Ordinal);

        // The other hotline's first report is not this hotline's to open.
        using var foreign = await browser.GetAsync($"/Reports/{stored.Single(r => r.DuplicateOfReportId is not null).DuplicateOfReportId}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Theory]
    [BothDatabases]
    public async Task Insert_WhenEveryLineIsTaken_ClearsTheForm_AndAReloadSendsNothingAgain(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        var form = await browser.OpenAsync("/Reports/Insert");
        using var submitted = await browser.SubmitAsync(form, "/Reports/Insert",
            ("Input.Urls", "https://once.example.invalid/a\r\nhttps://once.example.invalid/b"), ("Input.HotlineReference", "PRG-1"));

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("/Reports/Insert", submitted.Headers.Location?.OriginalString);
        var after = await browser.OpenAsync("/Reports/Insert");
        Assert.Contains("id=\"insert-status\"", after, StringComparison.Ordinal);
        Assert.Contains("2 accepted,", after, StringComparison.Ordinal);
        Assert.Contains("https://once.example.invalid/b", after, StringComparison.Ordinal);
        Assert.Matches("name=\"Input.Urls\">\\s*</textarea>", after);
        Assert.DoesNotContain("PRG-1", after, StringComparison.Ordinal);

        // A reload is a GET: the results are gone and nothing is submitted twice.
        var reloaded = await browser.OpenAsync("/Reports/Insert");
        Assert.DoesNotContain("id=\"results\"", reloaded, StringComparison.Ordinal);
        var stored = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Report>().AsNoTracking()
            .CountAsync(r => r.OrganisationId == hotline.Id, Ct));
        Assert.Equal(2, stored);
    }

    [Theory]
    [BothDatabases]
    public async Task Insert_WithAnInvalidLine_KeepsOnlyThatLineInTheForm(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        var form = await browser.OpenAsync("/Reports/Insert");
        using var submitted = await browser.SubmitAsync(form, "/Reports/Insert", ("Input.Urls", "https://kept.example.invalid/a\r\nnot a url"));
        var html = await submitted.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("1 accepted,", html, StringComparison.Ordinal);
        Assert.Matches("name=\"Input.Urls\">\\s*not a url</textarea>", html);
    }

    [Theory]
    [BothDatabases]
    public async Task Analyst_UploadsACsv_AndSeesTheResultOfEveryRow(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        var page = await browser.OpenAsync("/Reports/Upload");
        using var upload = Upload(page, "\uFEFFurl,memo\r\nhttps://up.example.invalid/1,\"two\r\nlines\"\r\nftp://up.example.invalid/\r\nhttps://up.example.invalid/1#dup,\r\n");
        using var response = await browser.PostAsync("/Reports/Upload", upload);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("1 accepted,", html, StringComparison.Ordinal);
        Assert.Contains("<td>4</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"invalid\"", html, StringComparison.Ordinal);
        Assert.Contains($"Reported first by {hotline.Name}", html, StringComparison.Ordinal);

        using var badHeader = Upload(await browser.OpenAsync("/Reports/Upload"), "address\nhttps://up.example.invalid/2\n");
        using var refused = await browser.PostAsync("/Reports/Upload", badHeader);
        Assert.Contains("unknown column &#x27;address&#x27;", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task PersonWithoutSubmitReports_IsRefusedTheIntakeScreens(DatabaseProvider provider)
    {
        await using var app = await IntakeApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        var admin = await app.CreateUserAsync(hotline, Role.OrgAdmin);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, admin.User.Email!, admin.OneTimePassword);

        foreach (var path in new[] { "/Reports/Insert", "/Reports/Upload" })
        {
            using var response = await browser.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"GET {path} answered {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }

        // The list is open to whoever may view reports.
        await browser.OpenAsync("/Reports");
    }

    private static MultipartFormDataContent Upload(string page, string csv)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(Browser.AntiforgeryToken(page)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "reports.csv");
        return content;
    }
}
