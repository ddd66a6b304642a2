using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Media.Tests;
using Clearline.Pages.Assessment;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.Assessment;

/// <summary>Who may open the workspace screens, the second-opinion queue, the wellbeing heartbeat and the preview filters.</summary>
public sealed class WorkspaceAccessTests
{
    private static readonly string[] Screens = ["/Assessment", "/Assessment/SecondOpinion", "/Assessment/Filters", $"/Assessment/Item/{new string('a', 64)}"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task PersonWithoutClassify_AndAnonymous_AreRefusedEveryScreen(DatabaseProvider provider)
    {
        await using var network = await WorkspaceSession.StartNetworkAsync(provider);
        var hotline = await network.JoinAsync("NL");
        var item = await network.FoundAsync(BenignImages.SceneJpeg(64, 48, seed: 40), hotline);
        using var admin = await WorkspaceSession.SignInAsync(network, hotline.Organisation, Role.OrgAdmin);
        using var anonymous = new Browser(network.App.App.GetTestServer());

        Assert.DoesNotContain("href=\"/Assessment\"", await admin.Browser.OpenAsync("/"), StringComparison.Ordinal);
        foreach (var path in Screens.Append($"/Assessment?handler=Preview&sha256={item}"))
        {
            using var refused = await admin.Browser.GetAsync(path);
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true,
                $"GET {path} answered {(int)refused.StatusCode} {refused.Headers.Location}");
            using var visitor = await anonymous.GetAsync(path);
            Assert.True(visitor.StatusCode == HttpStatusCode.Redirect && visitor.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal),
                $"GET {path} anonymously answered {(int)visitor.StatusCode} {visitor.Headers.Location}");
        }

        var page = await admin.Browser.OpenAsync("/Account/Security");
        foreach (var (handler, field, value) in new[] { ("Reveal", "item", item), ("Classify", "Input.Items", item) })
        {
            using var refused = await admin.Browser.SubmitAsync(page, $"/Assessment?handler={handler}", (field, value), ("Input.Verdict", "Baseline"));
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true,
                $"POST {handler} answered {(int)refused.StatusCode} {refused.Headers.Location}");
        }

        Assert.Equal(0, await network.InDatabaseAsync(db => db.Set<MediaClassification>().CountAsync(Ct)));
    }

    [Theory]
    [BothDatabases]
    public async Task Unsure_MovesItemsToTheSecondOpinionQueue_WhereAColleagueDecidesThem(DatabaseProvider provider)
    {
        await using var network = await WorkspaceSession.StartNetworkAsync(provider);
        var hotline = await network.JoinAsync("NL");
        var other = await network.JoinAsync("DE");
        var item = await network.FoundAsync(BenignImages.SceneJpeg(64, 48, seed: 50), hotline);
        await network.FoundAsync(BenignImages.SceneJpeg(64, 48, seed: 51), other);
        using var analyst = await WorkspaceSession.SignInAsync(network, hotline.Organisation);
        using var supervisor = await WorkspaceSession.SignInAsync(network, hotline.Organisation, Role.Supervisor);
        using var stranger = await WorkspaceSession.SignInAsync(network, other.Organisation);

        var after = await analyst.DecideAsync(await analyst.Browser.OpenAsync("/Assessment"), "Unsure", ("Input.Items", item), ("Input.Note", "Age unclear <b>"));
        Assert.Equal("Unsure: 1 item moved to the second-opinion queue.", WorkspaceSession.StatusLine(after));
        Assert.Empty(WorkspaceSession.GridItems(after));
        Assert.Empty(WorkspaceSession.GridItems(await stranger.Browser.OpenAsync("/Assessment/SecondOpinion")));

        var waiting = await supervisor.Browser.OpenAsync("/Assessment/SecondOpinion");
        Assert.Equal([item], WorkspaceSession.GridItems(waiting));
        Assert.Contains("Unsure: Age unclear &lt;b&gt;", waiting, StringComparison.Ordinal);
        var decided = await supervisor.DecideAsync(waiting, "Classify", ("Input.Items", item), ("Input.Verdict", "National"), ("Input.ReturnTo", "second-opinion"));
        Assert.Equal("National: 1 item.", WorkspaceSession.StatusLine(decided));
        Assert.Contains("id=\"queue-empty\"", decided, StringComparison.Ordinal);
        Assert.Equal(supervisor.UserId, (await network.InDatabaseAsync(db => db.Set<MediaClassification>().SingleAsync(Ct))).UserId);
    }

    [Theory]
    [BothDatabases]
    public async Task Filters_RefuseBadValuesClearly_AndSavedOnesChangeThePreviews(DatabaseProvider provider)
    {
        await using var network = await WorkspaceSession.StartNetworkAsync(provider);
        var hotline = await network.JoinAsync("NL");
        var item = await network.FoundAsync(BenignImages.SceneJpeg(64, 48, seed: 60), hotline);
        using var analyst = await WorkspaceSession.SignInAsync(network, hotline.Organisation);
        var form = await analyst.Browser.OpenAsync("/Assessment/Filters");
        Assert.Contains("value=\"50\"", form, StringComparison.Ordinal);

        foreach (var (value, message) in new[] { ("150", "The blur strength must be between 0 and 100."), ("-1", "The blur strength must be between 0 and 100."), ("", "Enter a blur strength between 0 and 100."), ("abc", "is not valid") })
        {
            using var refused = await analyst.Browser.SubmitAsync(form, "/Assessment/Filters", ("Input.BlurStrength", value), ("Input.Greyscale", "false"));
            var html = await refused.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, html, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"filters-saved\"", html, StringComparison.Ordinal);
        }

        using var saved = await analyst.Browser.SubmitAsync(form, "/Assessment/Filters", ("Input.BlurStrength", "20"), ("Input.Greyscale", "false"));
        Assert.Contains("Saved: blur 20, colour.", await saved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var page = await analyst.Browser.OpenAsync("/Assessment");
        Assert.Contains($"src=\"/Assessment?handler=Preview&amp;sha256={item}&amp;greyscale=false\"", page, StringComparison.Ordinal);
        Assert.Contains("class=\"tile__preview blur-25\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Heartbeat_CountsTheMinute_AndPastTheSoftLimitTheWorkspaceRemindsTheAnalyst(DatabaseProvider provider)
    {
        await using var network = await WorkspaceSession.StartNetworkAsync(provider, dailySoftLimit: "00:01:00");
        var hotline = await network.JoinAsync("NL");
        using var analyst = await WorkspaceSession.SignInAsync(network, hotline.Organisation);
        var page = await analyst.Browser.OpenAsync("/Assessment");
        Assert.Contains("role=\"status\" class=\"wellbeing__reminder\" data-reminder=", page, StringComparison.Ordinal);
        Assert.DoesNotContain($">{HtmlEncoder.Default.Encode(WellbeingReminder.Text)}</p>", page, StringComparison.Ordinal);

        using var first = await analyst.Browser.SubmitAsync(page, "/Assessment?handler=Heartbeat");
        using var second = await analyst.Browser.SubmitAsync(page, "/Assessment?handler=Heartbeat");

        var today = JsonDocument.Parse(await second.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.InRange(today.GetProperty("minutes").GetInt32(), 1, 2);
        Assert.Equal((0, true, 1), (today.GetProperty("reveals").GetInt32(), today.GetProperty("overLimit").GetBoolean(), today.GetProperty("limitMinutes").GetInt32()));
        Assert.Contains($">{HtmlEncoder.Default.Encode(WellbeingReminder.Text)}</p>", await analyst.Browser.OpenAsync("/Assessment"), StringComparison.Ordinal);
    }
}
