using System.Net;
using System.Net.Http.Json;
using Clearline.Audit;
using Clearline.Database;
using Clearline.Demo;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Demo;

/// <summary><c>serve --demo</c>: the demo accounts, the demo site, and its first board reported, crawled and routed to Germany.</summary>
public sealed class DemoModeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Start_SeedsOnceAndTheFirstBoardIsCrawledAndRoutedToTheGermanHotline(DatabaseProvider provider)
    {
        var settings = new Dictionary<string, string?>(DemoMode.Settings) { ["Demo:SitePort"] = "0", ["Workers:PollInterval"] = "00:00:00.200" };
        await using var app = await ClearlineTestApp.StartAsync(provider, settings);

        await using var site = await DemoMode.StartAsync(app.App, Ct);
        var people = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<ClearlineUser>().CountAsync(Ct));
        await using (await DemoMode.StartAsync(app.App, Ct))
        {
            // A second start finds the demo seeded: no new people (and, below, no second report).
            Assert.Equal(people, await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<ClearlineUser>().CountAsync(Ct)));
        }

        var (dutch, german) = await app.AsSystemAsync(async sp =>
        {
            var organisations = sp.GetRequiredService<OrganisationDirectory>();
            return ((await organisations.FindByNameAsync(DemoMode.ReportingHotline, Ct))!, (await organisations.FindByNameAsync("Demo Hotline Germany", Ct))!);
        });
        // Content is routed once the reporting hotline's analyst decides it illegal, as a newcomer does in the workspace.
        var analyst = app.CreateClient(await app.CreateApiKeyAsync(dutch, global::Clearline.ApiKeys.ApiScopes.AssessmentWrite));
        await DecideFoundItemsAsync(app, analyst, dutch.Id, DemoSite.PicturesPerBoard);
        var routes = await WaitForRoutesAsync(app, DemoSite.PicturesPerBoard);
        var report = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Report>().AsNoTracking().SingleAsync(Ct));
        Assert.Equal((dutch.Id, site.BoardUrl(1).ToString()), (report.OrganisationId, report.Url));
        Assert.All(routes, r => Assert.Equal((german.Id, "DE", RouteState.Assigned), (r.AssignedOrganisationId, r.CountryCode, r.State)));

        // The board on the second address is declared hosted in the Netherlands: routed to the Dutch hotline.
        var netherlands = new ReportSubmission(site.BoardUrl(DemoSite.NetherlandsBoard).ToString(), HotlineReference: "DEMO-NL", SiteType: SiteType.ImageBoard);
        Assert.True((await app.AsSystemAsync(sp => sp.GetRequiredService<ReportIntake>().SubmitAsync(dutch.Id, AuditActor.System, netherlands, null, Ct))).IsSuccess);
        await DecideFoundItemsAsync(app, analyst, dutch.Id, 2 * DemoSite.PicturesPerBoard);
        var dutchRoutes = (await WaitForRoutesAsync(app, 2 * DemoSite.PicturesPerBoard)).Where(r => r.CountryCode == "NL").ToList();
        Assert.Equal(DemoSite.PicturesPerBoard, dutchRoutes.Count);
        Assert.All(dutchRoutes, r => Assert.Equal(dutch.Id, r.AssignedOrganisationId));
        var police = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Organisation>().AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.LawEnforcement).Select(o => o.CountryCode).ToListAsync(Ct));
        Assert.Equal(["DE", "NL"], police.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Site_NetherlandsBoardAnswersOnItsOwnAddressOnly()
    {
        await using var site = await DemoSite.StartAsync(0, Ct);
        using var client = new HttpClient();

        Assert.Equal("127.0.0.2", site.BoardUrl(DemoSite.NetherlandsBoard).Host);
        Assert.Equal("127.0.0.1", site.BoardUrl(2).Host);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(site.BoardUrl(DemoSite.NetherlandsBoard), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(site.NetherlandsBaseAddress, "pictures/4-1.jpg"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(site.BaseAddress, "board/4"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(site.NetherlandsBaseAddress, "board/2"), Ct)).StatusCode);
    }

    [Fact]
    public async Task Site_ProviderTakesABoardDownAndPutsItBack()
    {
        await using var site = await DemoSite.StartAsync(0, Ct);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.BaseAddress };
        var picture = await client.GetByteArrayAsync("/pictures/2-1.jpg", Ct);
        Assert.Equal(picture, DemoPictures.Jpeg(201));
        Assert.NotEqual(picture, DemoPictures.Jpeg(202));

        using (var takedown = await client.PostAsync("/provider/boards/2/takedown", null, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, takedown.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/board/2", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pictures/2-1.jpg", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board/1", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/provider/boards/9/takedown", null, Ct)).StatusCode);

        await client.PostAsync("/provider/boards/2/restore", null, Ct);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board/2", Ct)).StatusCode);
    }

    /// <summary>Waits (bounded) until the hotline found <paramref name="count"/> items, then decides the undecided ones Baseline through the API.</summary>
    private static async Task DecideFoundItemsAsync(ClearlineTestApp app, HttpClient analyst, Guid hotline, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        List<string> items;
        while ((items = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<global::Clearline.MediaItems.MediaOccurrence>().IgnoreQueryFilters()
            .Where(o => o.OrganisationId == hotline).Select(o => o.MediaSha256).Distinct().ToListAsync(Ct))).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{items.Count} items found after a minute.");
            await Task.Delay(200, Ct);
        }

        var decided = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<global::Clearline.Classification.MediaClassification>()
            .Where(c => items.Contains(c.MediaSha256)).Select(c => c.MediaSha256).ToListAsync(Ct));
        var response = await analyst.PostAsJsonAsync(new Uri("/api/v1/assessment/classifications", UriKind.Relative), new
        {
            items = items.Except(decided).Select(sha256 => new { sha256, verdict = "Baseline", ageGroup = "PrePubescent" }).ToArray(),
        }, Ct);
        await ProblemAssert.IsSuccessAsync(response);
    }

    private static async Task<List<ContentRoute>> WaitForRoutesAsync(ClearlineTestApp app, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var routes = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<ContentRoute>().AsNoTracking().ToListAsync(Ct));
            if (routes.Count >= count)
            {
                return routes;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{routes.Count} routes after a minute.");
            await Task.Delay(200, Ct);
        }
    }
}
