using System.Net;
using System.Text;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using FormatReader = Clearline.Tests.HashLists.Formats.HashLists;

namespace Clearline.Tests.HashLists.Import;

public sealed class ImportPageTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" };

    [Theory]
    [BothDatabases]
    public async Task Supervisor_UploadsAFile_AndSeesItsProgressCountsAndLineErrors(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, ManySignIns);
        var hotline = await app.CreateOrganisationAsync();
        var listId = await app.AsSystemAsync(sp => ImportTestBed.CreateListAsync(sp, hotline.Id));
        var supervisor = await app.CreateUserAsync(hotline, Role.Supervisor);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, supervisor.User.Email!, supervisor.OneTimePassword);
        var form = await browser.OpenAsync($"/HashLists/{listId}/Import");

        using var posted = await browser.PostAsync($"/HashLists/{listId}/Import", Upload(Browser.AntiforgeryToken(form), "csv", "partner.csv",
            $"md5,category\n{FormatReader.Md5("page A")},1\nnot-a-hash,1\n"));

        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var progress = posted.Headers.Location!.OriginalString;
        Assert.Contains("importId=", progress, StringComparison.Ordinal);
        var html = await WaitForAsync(browser, progress, "data-field=\"state\">Completed<");
        Assert.Contains("data-field=\"added\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"errors\">1<", html, StringComparison.Ordinal);
        Assert.Contains("<td>3</td>", html, StringComparison.Ordinal);
        Assert.Contains("partner.csv", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_WithoutTheAntiforgeryToken_IsRefusedAndImportsNothing()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var hotline = await app.CreateOrganisationAsync();
        var listId = await app.AsSystemAsync(sp => ImportTestBed.CreateListAsync(sp, hotline.Id));
        var supervisor = await app.CreateUserAsync(hotline, Role.Supervisor);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, supervisor.User.Email!, supervisor.OneTimePassword);
        await browser.OpenAsync($"/HashLists/{listId}/Import");

        using var posted = await browser.PostAsync($"/HashLists/{listId}/Import", Upload("forged", "csv", "x.csv", "md5\n"));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
    }

    private static MultipartFormDataContent Upload(string token, string format, string fileName, string text)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(format), "format" },
        };
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", fileName);
        return content;
    }

    private static async Task<string> WaitForAsync(Browser browser, string path, string marker)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        while (true)
        {
            var html = await browser.OpenAsync(path);
            if (html.Contains(marker, StringComparison.Ordinal))
            {
                return html;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
