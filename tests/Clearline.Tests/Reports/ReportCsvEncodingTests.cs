using System.Net.Http.Headers;
using System.Text.Json;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Reports;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.Reports;

/// <summary>A CSV row with bytes that are not UTF-8 is refused with a clear reason, not submitted with U+FFFD in its URL.</summary>
public sealed class ReportCsvEncodingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Line 2 holds 0xE9 ("é" in Latin-1), which is not UTF-8; line 3 is fine.</summary>
    private static byte[] Latin1Row() =>
        [.. "url,memo\r\nhttps://caf"u8.ToArray(), 0xE9, .. ".example.invalid/,x\r\nhttps://fine.example.invalid/,y\r\n"u8.ToArray()];

    [Fact]
    public async Task Api_RowWithInvalidBytes_IsRefusedAndTheOthersAccepted()
    {
        await using var app = await IntakeApp.StartAsync(DatabaseProvider.Sqlite);
        var (_, client) = await IntakeApp.HotlineAsync(app);
        using var content = new ByteArrayContent(Latin1Row());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await client.PostAsync(new Uri("/api/v1/reports/batch", UriKind.Relative), content, Ct);

        var rows = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["invalid", "accepted"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(ReportCsv.NotUtf8, rows[0].GetProperty("reason").GetString());
        Assert.DoesNotContain("\uFFFD", rows[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_RowWithInvalidBytes_IsRefusedWithTheReason()
    {
        await using var app = await IntakeApp.StartAsync(DatabaseProvider.Sqlite);
        var analyst = await app.CreateUserAsync(await app.CreateOrganisationAsync(), Role.Analyst);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);
        var page = await browser.OpenAsync("/Reports/Upload");
        using var upload = new MultipartFormDataContent { { new StringContent(Browser.AntiforgeryToken(page)), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Latin1Row());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        upload.Add(file, "file", "reports.csv");

        using var response = await browser.PostAsync("/Reports/Upload", upload);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("1 accepted,", html, StringComparison.Ordinal);
        Assert.Contains("bytes that are not UTF-8 text", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", html, StringComparison.Ordinal);
    }
}
