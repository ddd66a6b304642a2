using System.Net;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Storage;
using Clearline.Takedown;
using Clearline.Tests.Account;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.Retention;

/// <summary>The <c>/Holds</c> page: an administrator places and lifts a hold; an analyst may not.</summary>
public sealed class HoldsPageTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" };

    [Fact]
    public async Task OrgAdmin_PlacesAHoldOnAReport_ItKeepsTheItem_ThenLiftsIt()
    {
        await using var world = await RetentionWorld.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var item = await world.SeedItemAsync(TakedownState.Removed, actedDaysAgo: 400);
        var admin = await world.App.CreateUserAsync(world.Hotline, Role.OrgAdmin);
        using var browser = new Browser(world.App.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, admin.User.Email!, admin.OneTimePassword);

        var empty = await browser.OpenAsync("/Holds");
        Assert.Contains("Your organisation holds nothing.", empty, StringComparison.Ordinal);
        using var refused = await browser.SubmitAsync(empty, "/Holds?handler=Place", ("Input.Subject", item.ReportId.ToString()), ("Input.Reason", ""));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Say why the hold is placed.", await refused.Content.ReadAsStringAsync(RetentionWorld.Ct), StringComparison.Ordinal);

        using var placed = await browser.SubmitAsync(empty, "/Holds?handler=Place", ("Input.Subject", item.ReportId.ToString()), ("Input.Reason", "Police case 7"));
        SignInSteps.AssertRedirect(placed, "/Holds");
        var listed = await browser.OpenAsync("/Holds");
        Assert.Contains("Police case 7", listed, StringComparison.Ordinal);
        Assert.Equal(0, (await world.RunAsync()).Total);
        Assert.IsType<BlobReadResult.Ok>(await world.ReadAsync(item.Sha256));

        var holdId = System.Text.RegularExpressions.Regex.Match(listed, "data-hold-id=\"([0-9a-f-]{36})\"").Groups[1].Value;
        using var lifted = await browser.SubmitAsync(listed, "/Holds?handler=Lift", ("id", holdId), ("liftReason", "Case closed"));
        SignInSteps.AssertRedirect(lifted, "/Holds");
        Assert.Contains("Lifted", await browser.OpenAsync("/Holds"), StringComparison.Ordinal);
        Assert.Equal([item.Sha256], (await world.RunAsync()).MediaAfterFinalAction);
    }

    [Fact]
    public async Task Analyst_IsDeniedThePage()
    {
        await using var world = await RetentionWorld.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var analyst = await world.App.CreateUserAsync(world.Hotline, Role.Analyst);
        using var browser = new Browser(world.App.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        using var page = await browser.GetAsync("/Holds");

        Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"GET answered {(int)page.StatusCode}");
        if (page.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }
}
