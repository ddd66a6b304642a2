using System.Net;
using System.Text.RegularExpressions;
using Clearline.Database;
using Clearline.Identity;
using Clearline.InvestigationHolds;
using Clearline.Tests.Account;

namespace Clearline.Tests.LawEnforcement.InvestigationHolds;

/// <summary><c>/Police/Holds</c> for an officer, and the hold on the route page of the assigned hotline.</summary>
public sealed partial class InvestigationHoldPageTests
{
    [Fact]
    public async Task Officer_PlacesAHoldFromThePrefilledForm_TheHotlineSeesItOnTheRoute_ThenTheOfficerLiftsIt()
    {
        await using var world = await PortalWorld.StartAsync(DatabaseProvider.Sqlite);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        using var officer = await world.SignInAsync(world.PoliceNl, Role.LeaOfficer);
        var until = HoldSteps.Today.AddDays(14);

        var form = await officer.OpenAsync($"/Police/Holds?sha256={item.Sha256}");
        Assert.Contains($"value=\"{item.Sha256}\"", form, StringComparison.Ordinal);
        using var missing = await officer.SubmitAsync(form, "/Police/Holds?handler=Place",
            ("Input.MediaSha256", item.Sha256), ("Input.Until", HoldSteps.Iso(HoldSteps.Today.AddDays(-1))), ("Input.Reason", "Case 7"));
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("The date must be in the future", await missing.Content.ReadAsStringAsync(PortalWorld.Ct), StringComparison.Ordinal);
        using var placed = await officer.SubmitAsync(form, "/Police/Holds?handler=Place",
            ("Input.MediaSha256", item.Sha256), ("Input.Until", HoldSteps.Iso(until)), ("Input.Reason", "Case 7"), ("Input.ReasonShared", "false"));
        SignInSteps.AssertRedirect(placed, "/Police/Holds");
        var listed = await officer.OpenAsync("/Police/Holds");
        Assert.Contains("id=\"active-holds\"", listed, StringComparison.Ordinal);
        Assert.Contains(InvestigationHoldDates.Words(until), listed, StringComparison.Ordinal);

        using var analyst = await world.SignInAsync(world.HotlineNl, Role.Analyst);
        var route = await analyst.OpenAsync($"/Routes/{item.RouteId}");
        Assert.Contains("id=\"investigation-hold\"", route, StringComparison.Ordinal);
        Assert.Contains($"until {InvestigationHoldDates.Words(until)} (ongoing investigation): reason not shared", route, StringComparison.Ordinal);
        Assert.DoesNotContain("Case 7", route, StringComparison.Ordinal);

        var holdId = HoldId().Match(listed).Groups[1].Value;
        using var lifted = await officer.SubmitAsync(listed, "/Police/Holds?handler=Lift", ("id", holdId), ("liftReason", "Case closed"));
        SignInSteps.AssertRedirect(lifted, "/Police/Holds");
        Assert.Contains("id=\"past-holds\"", await officer.OpenAsync("/Police/Holds"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"investigation-hold\"", await analyst.OpenAsync($"/Routes/{item.RouteId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HotlineAnalyst_IsDeniedThePage()
    {
        await using var world = await PortalWorld.StartAsync(DatabaseProvider.Sqlite);
        using var analyst = await world.SignInAsync(world.HotlineNl, Role.Analyst);

        using var page = await analyst.GetAsync("/Police/Holds");

        Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.NotFound, $"GET answered {(int)page.StatusCode}");
        if (page.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("data-hold-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex HoldId();
}
