using System.Net;
using System.Text.Json;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.LawEnforcement.PoliceContent;

/// <summary><c>/Police/Content</c> and <c>/api/v1/police/content</c>: "Illegal content in our country".</summary>
public sealed class PoliceContentTests
{
    [Theory]
    [BothDatabases]
    public async Task List_PoliceSeeWhatIsIllegalAndHostedInTheirCountryAndTheirReferrals_NewestDecisionFirst(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var baselineNl = await world.SeedItemAsync(world.HotlineNl, "NL");
        var nationalNl = await world.SeedItemAsync(world.HotlineNl, "NL", Verdict.National);
        var germanLawHostedNl = await world.SeedItemAsync(world.HotlineDe, "NL", Verdict.National);
        var notIllegalNl = await world.SeedItemAsync(world.HotlineNl, "NL", Verdict.NotIllegal);
        var baselineDe = await world.SeedItemAsync(world.HotlineDe, "DE");
        var referral = await PortalReferrals.InsertAsync(world, notIllegalNl, world.PoliceNl, ActionReason.PossibleNewVictim, DateTimeOffset.UtcNow);

        var nl = await world.PoliceNl.GetJsonAsync("/api/v1/police/content");
        var de = await world.PoliceDe.GetJsonAsync("/api/v1/police/content");

        var nlItems = nl.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            [notIllegalNl.Sha256, nationalNl.Sha256, baselineNl.Sha256],
            nlItems.Select(i => i.GetProperty("sha256").GetString()));
        Assert.DoesNotContain(germanLawHostedNl.Sha256, nlItems.Select(i => i.GetProperty("sha256").GetString()));
        var national = nlItems[1];
        Assert.Equal(("National", "NL", "PrePubescent"), (national.GetProperty("verdict").GetString(), national.GetProperty("jurisdiction").GetString(), national.GetProperty("ageGroup").GetString()));
        Assert.Equal(["NL"], national.GetProperty("hostingCountries").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal([nationalNl.Url], national.GetProperty("contentUrls").EnumerateArray().Select(c => c.GetString()));
        Assert.False(national.GetProperty("referred").GetBoolean());
        Assert.True(nlItems[0].GetProperty("referred").GetBoolean());
        Assert.Equal(referral, nlItems[0].GetProperty("referralId").GetGuid());
        Assert.Equal(JsonValueKind.Null, nl.GetProperty("nextCursor").ValueKind);

        var deItem = Assert.Single(de.GetProperty("items").EnumerateArray());
        Assert.Equal(baselineDe.Sha256, deItem.GetProperty("sha256").GetString());
        Assert.Equal([baselineDe.Url], deItem.GetProperty("contentUrls").EnumerateArray().Select(c => c.GetString()));
    }

    [Theory]
    [BothDatabases]
    public async Task List_PagesWithTheCursor_EveryItemOnce(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        string[] seeded = [(await world.SeedItemAsync(world.HotlineNl, "NL")).Sha256, (await world.SeedItemAsync(world.HotlineNl, "NL")).Sha256, (await world.SeedItemAsync(world.HotlineNl, "NL")).Sha256];

        var first = await world.PoliceNl.GetJsonAsync("/api/v1/police/content?limit=2");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await world.PoliceNl.GetJsonAsync($"/api/v1/police/content?limit=2&cursor={Uri.EscapeDataString(cursor!)}");

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("sha256").GetString()!).ToList();
        Assert.Equal(seeded.Reverse(), listed);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        var problem = await ProblemAssert.IsProblemAsync(await world.PoliceNl.GetAsync("/api/v1/police/content?cursor=not-ours"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Theory]
    [BothDatabases]
    public async Task Api_WithoutKey401_HotlinesIndustryCoordinatorAndInterpol403(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        await world.SeedItemAsync(world.HotlineNl, "NL");

        using var anonymous = world.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/v1/police/content", UriKind.Relative), PortalWorld.Ct)).StatusCode);
        foreach (var other in world.NotLawEnforcement.Append(world.Interpol))
        {
            await ProblemAssert.IsProblemAsync(await other.GetAsync("/api/v1/police/content"), HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Page_OfficerSeesTheirItemsToSelectForEvidence_OthersAreDenied()
    {
        await using var world = await PortalWorld.StartAsync(DatabaseProvider.Sqlite);
        var nl = await world.SeedItemAsync(world.HotlineNl, "NL");
        var de = await world.SeedItemAsync(world.HotlineDe, "DE");
        using var officer = await world.SignInAsync(world.PoliceNl, Role.LeaOfficer);

        var html = await officer.OpenAsync("/Police/Content");

        Assert.Contains($"data-sha256=\"{nl.Sha256}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(de.Sha256, html, StringComparison.Ordinal);
        Assert.Contains("action=\"/Police/Evidence?handler=Download\"", html, StringComparison.Ordinal);
        Assert.Contains($"<input type=\"checkbox\" form=\"evidence-selection\" name=\"items\" value=\"{nl.Sha256}\"", html, StringComparison.Ordinal);
        Assert.Contains($"/Portal/Content?handler=Preview&amp;sha256={nl.Sha256}", html, StringComparison.Ordinal);

        foreach (var (member, role) in new[] { (world.HotlineNl, Role.Analyst), (world.Interpol, Role.InterpolOfficer), (world.Coordinator, Role.Coordinator) })
        {
            using var browser = await world.SignInAsync(member, role);
            using var response = await browser.GetAsync("/Police/Content");
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{role} got {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }
    }
}
