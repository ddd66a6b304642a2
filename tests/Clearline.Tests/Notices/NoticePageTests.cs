using System.Net;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Tests.Account;
using Clearline.Tests.LawEnforcement.Notifications;
using Clearline.Tests.RoutePages;

namespace Clearline.Tests.Notices;

/// <summary>The analyst composes, edits and sends a notice from the route's page, and follows its delivery on the route's timeline.</summary>
public sealed class NoticePageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Analyst_ComposesEditsAndSends_TheRouteShowsItsDelivery_OthersAreRefused()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var world = await NoticeWorld.StartAsync(DatabaseProvider.Sqlite, smtp.Port);
        var route = await world.RouteAsync("https://img.example/abuse/paged.png");
        using var analyst = await People.SignInAsync(world.Network.App, world.Hotline.Organisation, Role.Analyst);

        var details = await analyst.OpenAsync($"/Routes/{route}");
        Assert.Contains("id=\"notices\"", details, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Routes/{route}/Notice\"", details, StringComparison.Ordinal);
        Assert.Contains("No notice sent from Clearline yet.", details, StringComparison.Ordinal);

        var form = await analyst.OpenAsync($"/Routes/{route}/Notice?language=en");
        Assert.Contains("https://img.example/abuse/paged.png", form, StringComparison.Ordinal);
        Assert.Contains(NoticeWorld.LegalBasisDe, form, StringComparison.Ordinal);
        var fields = new List<(string, string)>
        {
            ("Input.Channel", "Email"), ("Input.Language", "en"), ("Input.RouteIds", route.ToString()),
            ("Input.Subject", "Edited subject about our reference"), ("Input.Body", "Please remove https://img.example/abuse/paged.png now."),
        };

        using var bad = await analyst.SubmitAsync(form, $"/Routes/{route}/Notice", [.. fields, ("Input.Email", "not an address")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not an e-mail address", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var sent = await analyst.SubmitAsync(form, $"/Routes/{route}/Notice", [.. fields, ("Input.Email", "abuse@host.example")]);
        SignInSteps.AssertRedirect(sent, $"/Routes/{route}");
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Contains("Edited subject about our reference", mail.Raw, StringComparison.Ordinal);
        var noticeId = (await world.NoticesAsync(route)).GetProperty("notices")[0].GetProperty("id").GetGuid();
        await world.WaitForStateAsync(route, noticeId, "Sent");

        var after = await analyst.OpenAsync($"/Routes/{route}");
        Assert.Contains($"data-notice-id=\"{noticeId}\" data-state=\"Sent\"", after, StringComparison.Ordinal);
        Assert.Contains("A reminder follows", after, StringComparison.Ordinal);
        Assert.Contains("The notice to the host is recorded", after, StringComparison.Ordinal);
        Assert.Contains("No host has left a notice and its reminder unanswered.", await analyst.OpenAsync("/Routes/Unresponsive"), StringComparison.Ordinal);

        using var reporter = await People.SignInAsync(world.Network.App, world.Reporter.Organisation, Role.Analyst);
        using var refused = await reporter.GetAsync($"/Routes/{route}/Notice");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("only that hotline sends notices", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"compose-notice\"", await reporter.OpenAsync($"/Routes/{route}"), StringComparison.Ordinal);
        using var unrelated = await People.SignInAsync(world.Network.App, world.Unrelated.Organisation, Role.Analyst);
        using var hidden = await unrelated.GetAsync($"/Routes/{route}/Notice");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}
