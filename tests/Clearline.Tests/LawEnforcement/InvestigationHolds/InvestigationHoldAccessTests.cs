using System.Net;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.LawEnforcement.InvestigationHolds;

/// <summary>Who may place and see investigation holds, and what input is refused (nothing stored).</summary>
public sealed class InvestigationHoldAccessTests
{
    [Theory]
    [BothDatabases]
    public async Task AnotherPoliceUnit_Gets404_OthersAre403Or404_NoKey401_MissingScope403(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var nlOnly = await world.SeedItemAsync(world.HotlineNl, "NL");
        var id = (await world.PoliceNl.PlacedAsync(nlOnly.Sha256, HoldSteps.Today.AddDays(30))).GetProperty("id").GetGuid();
        var until = new { until = HoldSteps.Iso(HoldSteps.Today.AddDays(60)) };

        await ProblemAssert.IsProblemAsync(await world.PoliceDe.GetAsync($"/api/v1/investigation-holds/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await world.PoliceDe.PostAsync($"/api/v1/investigation-holds/{id}/lift", new { reason = "Not ours" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await world.PoliceDe.PostAsync($"/api/v1/investigation-holds/{id}/until", until), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await world.PoliceDe.PlaceAsync(nlOnly.Sha256, HoldSteps.Today.AddDays(30)), HttpStatusCode.NotFound);
        Assert.Equal(0, (await world.PoliceDe.GetJsonAsync("/api/v1/investigation-holds")).GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await world.PoliceNl.GetJsonAsync("/api/v1/investigation-holds")).GetProperty("items").GetArrayLength());

        foreach (var other in (PortalMember[])[world.HotlineNl, world.HotlineDe, world.Industry, world.Interpol, world.Coordinator])
        {
            foreach (var response in new[]
            {
                await other.GetAsync("/api/v1/investigation-holds"),
                await other.GetAsync($"/api/v1/investigation-holds/{id}"),
                await other.PlaceAsync(nlOnly.Sha256, HoldSteps.Today.AddDays(30)),
                await other.PostAsync($"/api/v1/investigation-holds/{id}/lift", new { reason = "Not ours" }),
                await other.PostAsync($"/api/v1/investigation-holds/{id}/until", until),
            })
            {
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                    $"{other.Organisation.Kind} got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(PortalWorld.Ct)}");
            }
        }

        using var anonymous = world.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/v1/investigation-holds", UriKind.Relative), PortalWorld.Ct)).StatusCode);
        using var readOnly = world.App.CreateClient(await world.App.CreateApiKeyAsync(world.PoliceNl.Organisation, ApiScopes.ReferralsRead));
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.GetAsync(new Uri($"/api/v1/investigation-holds/{id}", UriKind.Relative), PortalWorld.Ct)).StatusCode);
        Assert.Equal(1, await world.HoldCountAsync());
        Assert.Equal(1, (await world.PoliceNl.GetJsonAsync("/api/v1/investigation-holds")).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [BothDatabases]
    public async Task InvalidInput_Is400NamingTheField_NothingStored(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");

        await AssertInvalidAsync(await world.PoliceNl.PlaceAsync(item.Sha256, HoldSteps.Today), "until");
        await AssertInvalidAsync(await world.PoliceNl.PlaceAsync(item.Sha256, HoldSteps.Today.AddDays(-3)), "until");
        await AssertInvalidAsync(await world.PoliceNl.PlaceAsync(item.Sha256, HoldSteps.Today.AddMonths(13)), "until");
        await AssertInvalidAsync(await world.PoliceNl.PlaceAsync(item.Sha256, HoldSteps.Today.AddDays(5), reason: "  "), "reason");
        await AssertInvalidAsync(await world.PoliceNl.PlaceAsync(item.Sha256, HoldSteps.Today.AddDays(5), reason: null), "reason");
        await AssertInvalidAsync(await world.PoliceNl.PlaceAsync("not-a-hash", HoldSteps.Today.AddDays(5)), "mediaSha256");
        await AssertInvalidAsync(await world.PoliceNl.PostAsync("/api/v1/investigation-holds", new { mediaSha256 = item.Sha256, reason = "Case" }), "until");
        Assert.Equal(0, await world.HoldCountAsync());

        var id = (await world.PoliceNl.PlacedAsync(item.Sha256, HoldSteps.Today.AddDays(5))).GetProperty("id").GetGuid();
        await AssertInvalidAsync(await world.PoliceNl.PostAsync($"/api/v1/investigation-holds/{id}/until", new { until = HoldSteps.Iso(HoldSteps.Today.AddDays(-1)) }), "until");
        await AssertInvalidAsync(await world.PoliceNl.PostAsync($"/api/v1/investigation-holds/{id}/lift", new { reason = "" }), "reason");
        await ProblemAssert.IsProblemAsync(await world.PoliceNl.PlaceAsync(item.Sha256, HoldSteps.Today.AddDays(9)), HttpStatusCode.Conflict);
        var hold = await world.PoliceNl.GetJsonAsync($"/api/v1/investigation-holds/{id}");
        Assert.Equal("Active", hold.GetProperty("state").GetString());
        Assert.Equal(HoldSteps.Iso(HoldSteps.Today.AddDays(5)), hold.GetProperty("until").GetString());
        Assert.Equal(1, await world.HoldCountAsync());
    }

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error for '{field}': {problem}");
    }
}
