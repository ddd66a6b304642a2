using System.Net;
using Clearline.Classification;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Account;
using Clearline.Tests.HashLists.Export;
using Clearline.Tests.HashLists.Import;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.HashLists.Management;

public sealed class HashListPagesTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" };

    [Theory]
    [BothDatabases]
    public async Task Supervisor_CreatesEditsTheMappingAndTombstonesAnEntry(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider, ManySignIns);
        var hotline = await app.CreateOrganisationAsync();
        var supervisor = await app.CreateUserAsync(hotline, Role.Supervisor);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, supervisor.User.Email!, supervisor.OneTimePassword);
        Assert.Contains("href=\"/HashLists\"", await browser.OpenAsync("/"), StringComparison.Ordinal);

        var form = await browser.OpenAsync("/HashLists/Create");
        using var created = await browser.SubmitAsync(form, "/HashLists/Create",
            ("Input.Name", "Partner <set>"), ("Input.Source", "A partner"), ("Input.Kind", "HotlineNetwork"), ("Input.Trust", "SuggestOnly"),
            ("Input.Visibility", "Network"), ("Input.Scheme", "VicsUs"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(path.Split('/')[^1]);
        var entries = await app.AsSystemAsync(sp => HashListSeed.AddEntriesAsync(sp, id, 2));

        Assert.Contains("Partner &lt;set&gt;", await browser.OpenAsync("/HashLists"), StringComparison.Ordinal);
        var details = await browser.OpenAsync(path);
        Assert.Contains($"href=\"/HashLists/{id}/Import\"", details, StringComparison.Ordinal);
        Assert.Contains(entries[0].Md5!, details, StringComparison.Ordinal);

        using var tombstoned = await browser.SubmitAsync(details, $"/HashLists/{id}?handler=Tombstone&entryId={entries[0].Id}", ("reason", "benign gradient"));
        SignInSteps.AssertRedirect(tombstoned, path);
        var after = await browser.OpenAsync(path);
        Assert.Contains("benign gradient", after, StringComparison.Ordinal);
        Assert.Contains("data-stat=\"tombstoned\">1<", after, StringComparison.Ordinal);

        var edit = await browser.OpenAsync($"/HashLists/{id}/Edit");
        using var saved = await browser.SubmitAsync(edit, $"/HashLists/{id}/Edit",
            ("Input.Name", "Partner set"), ("Input.Source", "A partner"), ("Input.Kind", "HotlineNetwork"), ("Input.Trust", "AutoClassify"),
            ("Input.Visibility", "Network"), ("Input.Active", "true"),
            ("Rows[0].Uncategorised", "true"), ("Rows[0].Outcome", "Suggest"),
            ("Rows[1].Category", "1"), ("Rows[1].Outcome", "Baseline"),
            ("Rows[2].Category", "3"), ("Rows[2].Outcome", "Suggest"), ("Rows[2].Virtual", "true"),
            ("Rows[3].Category", ""), ("Rows[3].Outcome", "Suggest"));
        SignInSteps.AssertRedirect(saved, path);
        var list = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<HashList>().AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(("Partner set", HashListTrust.AutoClassify), (list.Name, list.Trust));
        Assert.Equal(
            new CategoryMapping(new Dictionary<string, CategoryRule>
            {
                [""] = new(CategoryOutcome.Suggest),
                ["1"] = new(CategoryOutcome.Baseline),
                ["3"] = new(CategoryOutcome.Suggest, ContentFlags.Virtual),
            }).ToJson(),
            list.Mapping.ToJson());
    }

    /// <summary>A list's management pages (an import, its NCMEC source): an analyst is refused, another organisation finds nothing.</summary>
    [Theory]
    [InlineData("Import")]
    [InlineData("Ncmec")]
    public async Task ManagementPage_AnalystIsRefused_AndAnotherOrganisationFindsNothing(string page)
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var hotline = await app.CreateOrganisationAsync();
        var listId = await app.AsSystemAsync(sp => ImportTestBed.CreateListAsync(sp, hotline.Id));
        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);
        var outsider = await app.CreateUserAsync(await app.CreateOrganisationAsync(), Role.Supervisor);
        using var analystBrowser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(analystBrowser, analyst.User.Email!, analyst.OneTimePassword);
        using var outsiderBrowser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(outsiderBrowser, outsider.User.Email!, outsider.OneTimePassword);

        using var denied = await analystBrowser.GetAsync($"/HashLists/{listId}/{page}");
        using var hidden = await outsiderBrowser.GetAsync($"/HashLists/{listId}/{page}");

        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"analyst: {(int)denied.StatusCode}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Analyst_SeesVisibleListsOnly_AndCannotManage()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var hotline = await app.CreateOrganisationAsync();
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var analyst = await app.CreateUserAsync(hotline, Role.Analyst);
        var (own, hidden, entry) = await app.AsSystemAsync(async sp =>
        {
            var o = await HashListSeed.AddListAsync(sp, hotline.Id, HashListVisibility.OwnOrganisation, "Own list");
            var h = await HashListSeed.AddListAsync(sp, other.Id, HashListVisibility.OwnOrganisation, "Hidden list");
            return (o, h, (await HashListSeed.AddEntriesAsync(sp, o.Id, 1))[0]);
        });
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, analyst.User.Email!, analyst.OneTimePassword);

        var index = await browser.OpenAsync("/HashLists");
        using var hiddenDetails = await browser.GetAsync($"/HashLists/{hidden.Id}");
        using var create = await browser.GetAsync("/HashLists/Create");
        var details = await browser.OpenAsync($"/HashLists/{own.Id}");
        using var tombstone = await browser.SubmitAsync(details, $"/HashLists/{own.Id}?handler=Tombstone&entryId={entry.Id}", ("reason", "not allowed"));

        Assert.Contains("Own list", index, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden list", index, StringComparison.Ordinal);
        Assert.DoesNotContain("/HashLists/Create", index, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, hiddenDetails.StatusCode);
        Assert.True(create.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"GET answered {(int)create.StatusCode}");
        Assert.DoesNotContain("handler=Tombstone", details, StringComparison.Ordinal);
        Assert.True(tombstone.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"POST answered {(int)tombstone.StatusCode}");
        if (tombstone.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/Account/AccessDenied", tombstone.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var stillLive = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<KnownHash>().Where(h => h.Id == entry.Id).Select(h => h.TombstonedAt).SingleAsync());
        Assert.Null(stillLive);
    }

    [Fact]
    public async Task ExportPage_StreamsTheDownload()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var hotline = await app.CreateOrganisationAsync();
        var supervisor = await app.CreateUserAsync(hotline, Role.Supervisor);
        var seed = await app.AsSystemAsync(ExportSeed.CreateAsync);
        using var browser = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, supervisor.User.Email!, supervisor.OneTimePassword);

        var form = await browser.OpenAsync("/HashLists/Export");
        using var download = await browser.SubmitAsync(form, "/HashLists/Export", ("Format", "csv"), ("Verdicts", "Baseline"));
        var body = await download.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var invalid = await browser.SubmitAsync(form, "/HashLists/Export", ("Format", "csv"), ("From", "someday"));

        Assert.True(download.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains(seed.Baseline.Md5, body, StringComparison.Ordinal);
        Assert.DoesNotContain(seed.NotIllegal.Md5, body, StringComparison.Ordinal);
        Assert.Contains("ISO 8601", await invalid.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
