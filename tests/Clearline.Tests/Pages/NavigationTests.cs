using System.Text.RegularExpressions;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Pages.Shared;
using Clearline.Tenancy;
using Clearline.Database;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.RoutePages;
using Microsoft.AspNetCore.Http;

namespace Clearline.Tests.Pages;

/// <summary>The navigation bar offers each role exactly the screens it may open, marks the current one, and the home page shows the queues.</summary>
public sealed partial class NavigationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Role.Analyst, "/Reports /Assessment /Routes /HashLists /Statistics", "/Manage/People /Audit /Network/Organisations /Admin/Jobs")]
    [InlineData(Role.Supervisor, "/Reports /Assessment /Routes /HashLists /Statistics /Audit /Holds", "/Manage/People /Manage/Keys /Network/Organisations")]
    [InlineData(Role.OrgAdmin, "/Reports /Statistics /Manage/People /Manage/Keys /Audit /Holds", "/Assessment /Routes /Network/Organisations /Admin/Jobs")]
    [InlineData(Role.Coordinator, "/Routes /Network/Organisations /Network/Designations /Network/Mandates /HashLists/Approvals /Audit", "/Assessment /Manage/People /Admin/Jobs")]
    [InlineData(Role.SystemAdmin, "/Admin/Jobs /Network/Organisations", "/Reports /Routes /Audit")]
    [InlineData(Role.LeaOfficer, "/Reports /HashLists /Statistics", "/Assessment /Routes /Audit /Manage/People")]
    public void EachRole_SeesTheScreensItMayOpen(Role role, string shown, string hidden)
    {
        var kind = role switch
        {
            Role.Coordinator or Role.SystemAdmin => OrganisationKind.Coordinator,
            Role.LeaOfficer => OrganisationKind.LawEnforcement,
            _ => OrganisationKind.Hotline,
        };
        var caller = new Caller(Guid.NewGuid(), kind, "NL", Guid.NewGuid(), null, role, new HashSet<string>());

        var links = NavigationViewComponent.For(caller, "/").Select(l => l.Href).ToList();

        Assert.Equal("/", links[0]);
        Assert.All(shown.Split(' '), href => Assert.Contains(href, links));
        Assert.All(hidden.Split(' '), href => Assert.DoesNotContain(href, links));
        // Each link is the permission its page requires: never a screen that refuses the person.
        Assert.All(NavigationViewComponent.Screens.Where(s => links.Contains(s.Href)), s => Assert.True(s.Requires is null || caller.Has(s.Requires.Value)));
    }

    [Theory]
    [InlineData("/HashLists/Approvals", "/HashLists/Approvals")]
    [InlineData("/HashLists/Details/5", "/HashLists")]
    [InlineData("/Routes/0f8fad5b-d9cb-469f-a165-70867728950e", "/Routes")]
    [InlineData("/", "/")]
    [InlineData("/Account/Security", null)]
    public void TheCurrentScreen_IsTheLongestLinkContainingThePath(string path, string? current)
    {
        var coordinator = new Caller(Guid.NewGuid(), OrganisationKind.Coordinator, null, Guid.NewGuid(), null, Role.Coordinator, new HashSet<string>());
        var supervisor = new Caller(Guid.NewGuid(), OrganisationKind.Hotline, "NL", Guid.NewGuid(), null, Role.Supervisor, new HashSet<string>());
        var caller = path.StartsWith("/HashLists/Approvals", StringComparison.Ordinal) ? coordinator : supervisor;

        var marked = NavigationViewComponent.For(caller, new PathString(path)).Where(l => l.IsCurrent).Select(l => l.Href).ToList();

        Assert.Equal(current is null ? [] : [current], marked);
    }

    [Theory]
    [BothDatabases]
    public async Task Analyst_SeesTheBarOnEveryScreen_AndTheirQueuesAtHome(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        using var analyst = await People.SignInAsync(app, hotline, Role.Analyst);

        var home = await analyst.OpenAsync("/");
        Assert.Contains("<nav class=\"site-nav\" aria-label=\"Main\">", home, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\" aria-current=\"page\">Home</a>", home, StringComparison.Ordinal);
        Assert.Contains("id=\"today\"", home, StringComparison.Ordinal);
        Assert.Contains("id=\"today-queue-unassessed\"", home, StringComparison.Ordinal);
        Assert.Contains("id=\"today-queue-second-opinions\"", home, StringComparison.Ordinal);
        Assert.Contains("id=\"today-queue-unactioned\"", home, StringComparison.Ordinal);
        Assert.Contains("id=\"role\">Analyst<", home, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\"", home, StringComparison.Ordinal);

        var statistics = await analyst.OpenAsync("/Statistics");
        Assert.Contains("<a href=\"/Statistics\" aria-current=\"page\">Statistics</a>", statistics, StringComparison.Ordinal);
        Assert.Single(CurrentPattern().Matches(statistics));
        Assert.DoesNotContain("href=\"/Manage/People\"", statistics, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task PersonWithoutQueues_IsToldSoAtHome(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var hotline = await app.CreateOrganisationAsync();
        using var admin = await People.SignInAsync(app, hotline, Role.OrgAdmin);

        var home = await admin.OpenAsync("/");

        Assert.Contains("id=\"today-none\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/Manage/People\"", home, StringComparison.Ordinal);
        Assert.Contains("id=\"role\">Administrator<", home, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Favicon_IsServed(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        using var client = app.CreateClient();

        using var ico = await client.GetAsync(new Uri("/favicon.ico", UriKind.Relative), Ct);
        using var svg = await client.GetAsync(new Uri("/favicon.svg", UriKind.Relative), Ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("aria-current=\"page\"")]
    private static partial Regex CurrentPattern();
}
