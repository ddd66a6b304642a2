using System.Net;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Tests.Account;
using Clearline.Tests.HashLists.Import;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.Exchange.Ncmec;

public sealed class NcmecPageTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" };

    [Theory]
    [BothDatabases]
    public async Task Supervisor_ConfiguresTheSource_AndSeesThePullEndWithoutTheCredentials(DatabaseProvider provider)
    {
        await using var server = await NcmecServer.StartAsync();
        server.Pages.Add(([NcmecServer.Image("image1", md5: new string('b', 32))], "2017-10-24T15:20:00Z"));
        await using var app = await ClearlineTestApp.StartAsync(provider, ManySignIns);
        var hotline = await app.CreateOrganisationAsync();
        var listId = await app.AsSystemAsync(sp => ImportTestBed.CreateListAsync(sp, hotline.Id));
        var supervisor = await app.CreateUserAsync(hotline, Role.Supervisor);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, supervisor.User.Email!, supervisor.OneTimePassword);
        var path = $"/HashLists/{listId}/Ncmec";
        var form = await browser.OpenAsync(path);
        Assert.Contains("Not configured", form, StringComparison.Ordinal);

        using var posted = await browser.SubmitAsync(form, path + "?handler=Configure",
            ("Input.Environment", "NpoCsam"), ("Input.BaseUrl", server.BaseUrl.AbsoluteUri), ("Input.Username", NcmecServer.Username),
            ("Input.Password", NcmecServer.Password), ("Input.PullIntervalMinutes", "60"), ("Input.Enabled", "true"));
        var saved = await posted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(posted.StatusCode == HttpStatusCode.OK, saved);
        Assert.Contains("Saved; a pull is queued.", saved, StringComparison.Ordinal);
        Assert.DoesNotContain(NcmecServer.Password, saved, StringComparison.Ordinal);
        Assert.DoesNotContain(NcmecServer.Username, saved, StringComparison.Ordinal);
        var html = await WaitForAsync(browser, path, "data-field=\"state\">UpToDate<");
        Assert.Contains("1 added", html, StringComparison.Ordinal);
        Assert.DoesNotContain(NcmecServer.Password, html, StringComparison.Ordinal);
        Assert.DoesNotContain(NcmecServer.Username, html, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Configure_InsecureUrl_IsShownAsAFieldError(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, ManySignIns);
        var hotline = await app.CreateOrganisationAsync();
        var listId = await app.AsSystemAsync(sp => ImportTestBed.CreateListAsync(sp, hotline.Id));
        var supervisor = await app.CreateUserAsync(hotline, Role.Supervisor);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, supervisor.User.Email!, supervisor.OneTimePassword);
        var path = $"/HashLists/{listId}/Ncmec";
        var form = await browser.OpenAsync(path);

        using var posted = await browser.SubmitAsync(form, path + "?handler=Configure",
            ("Input.Environment", "NpoCsam"), ("Input.BaseUrl", "http://ncmec.example/npo"), ("Input.Username", "u"), ("Input.Password", "p"),
            ("Input.PullIntervalMinutes", "60"), ("Input.Enabled", "true"));
        var html = await posted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("plain http only on the loopback interface", html, StringComparison.Ordinal);
        Assert.Contains("Not configured", html, StringComparison.Ordinal);
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

            await Task.Delay(100, timeout.Token);
        }
    }
}
