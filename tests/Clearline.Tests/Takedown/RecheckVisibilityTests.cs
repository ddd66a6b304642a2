using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Takedown;
using Clearline.Tests.Account;
using Clearline.Tests.Crawling.TestSites;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.Takedown;

/// <summary>
/// The hotline a route is assigned to reads every re-check of its content URL (they belong to the reporting
/// hotline's crawl), and after a 404 that did not confirm removal yet it learns how many more failures confirm it.
/// </summary>
public sealed class RecheckVisibilityTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 6, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task AssignedHotline_ReadsTheRechecks_AndAfterA404LearnsHowManyMoreFailuresConfirmRemoval(DatabaseProvider provider)
    {
        await using var site = await NotFoundImage.StartAsync();
        await using var network = await TakedownNetwork.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Crawler:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Crawler:ConnectTimeout"] = "00:00:05",
            ["Crawler:GoneAfterFailures"] = "3",
            ["Workers:PollInterval"] = "00:00:00.200",
            ["Takedown:RecheckInterval"] = "02:00:00",
        });
        var german = await network.AddHotlineAsync("DE");
        var dutch = await network.AddHotlineAsync("NL");
        var french = await network.AddHotlineAsync("FR");
        var route = await network.ReportAndRouteAsync(dutch, site.ImageUrl, "DE", Received, SeededDecisions.NewSha256());

        var none = await RechecksAsync(german, route);
        Assert.Empty(none.GetProperty("rechecks").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("progress").ValueKind);

        Assert.Equal(HttpStatusCode.Created, (await german.ActAsync(route, "ReportedToHost", "IllegalContent")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await german.RecheckNowAsync(route)).StatusCode);
        var answered = await WaitForCheckedAsync(german, route, 1);

        var recheck = answered.GetProperty("rechecks").EnumerateArray().Single(r => r.GetProperty("outcome").GetString() != "pending");
        Assert.Equal(("unreachable", 404, 1), (recheck.GetProperty("outcome").GetString(), recheck.GetProperty("statusCode").GetInt32(), recheck.GetProperty("consecutiveFailures").GetInt32()));
        var progress = answered.GetProperty("progress");
        Assert.Equal((1, 3, 2), (progress.GetProperty("failuresInARow").GetInt32(), progress.GetProperty("failuresToConfirm").GetInt32(), progress.GetProperty("moreFailuresNeeded").GetInt32()));
        Assert.Contains("answered 404", progress.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("2 more re-checks", progress.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        // Re-check now again: its answer explains where confirmation stands.
        var again = await german.RecheckNowAsync(route);
        var asked = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(again)).RootElement;
        Assert.Equal(2, asked.GetProperty("progress").GetProperty("moreFailuresNeeded").GetInt32());
        var twice = await WaitForCheckedAsync(german, route, 2);
        Assert.Equal(1, twice.GetProperty("progress").GetProperty("moreFailuresNeeded").GetInt32());
        Assert.Contains("One more re-check", twice.GetProperty("progress").GetProperty("explanation").GetString(), StringComparison.Ordinal);

        // The reporting hotline sees them too; a hotline that has nothing to do with the route does not.
        Assert.Equal(twice.GetProperty("rechecks").GetArrayLength(), (await RechecksAsync(dutch, route)).GetProperty("rechecks").GetArrayLength());
        await ProblemAssert.IsProblemAsync(await french.GetAsync($"/api/v1/routes/{route}/rechecks"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await german.GetAsync($"/api/v1/routes/{Guid.NewGuid()}/rechecks"), HttpStatusCode.NotFound);

        // The route page lists them with the explanation.
        var analyst = await network.App.CreateUserAsync(german.Organisation, Role.Analyst);
        using var browser = new Browser(network.App.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);
        var page = await browser.OpenAsync($"/Routes/{route}");
        Assert.Contains("id=\"route-rechecks\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"recheck-progress\" data-more=\"1\"", page, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", page, StringComparison.Ordinal);

        // Its action form offers exactly the reasons of each kind (ICCAM's vocabulary, ActionReasons).
        foreach (var kind in Enum.GetValues<TakedownActionKind>().Where(k => k != TakedownActionKind.Moved))
        {
            var group = Regex.Match(page, $"<optgroup[^>]*data-kind=\"{kind}\">(.*?)</optgroup>", RegexOptions.Singleline);
            Assert.True(group.Success, $"No reasons for {kind}.");
            var offered = Regex.Matches(group.Groups[1].Value, "<option value=\"(\\w+)\"").Select(m => m.Groups[1].Value);
            Assert.Equal(ActionReasons.For(kind).Select(r => r.ToString()), offered);
        }
    }

    private static async Task<JsonElement> RechecksAsync(Member member, Guid route) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await member.GetAsync($"/api/v1/routes/{route}/rechecks"))).RootElement;

    /// <summary>Waits until <paramref name="count"/> re-checks of the route have been checked, as the member reads them.</summary>
    private static async Task<JsonElement> WaitForCheckedAsync(Member member, Guid route, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var list = await RechecksAsync(member, route);
            if (list.GetProperty("rechecks").EnumerateArray().Count(r => r.GetProperty("checkedAt").ValueKind != JsonValueKind.Null) >= count)
            {
                return list;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The re-checks did not run in time: {list}");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>A local site whose image was taken down: it answers 404.</summary>
    private sealed class NotFoundImage : IAsyncDisposable
    {
        private LocalSite _site = null!;

        public string ImageUrl => _site.Url("/img/taken-down.png").AbsoluteUri;

        public static async Task<NotFoundImage> StartAsync() =>
            new() { _site = await LocalSite.StartAsync(app => app.MapGet("/img/taken-down.png", () => HttpResults.NotFound())) };

        public ValueTask DisposeAsync() => _site.DisposeAsync();
    }
}
