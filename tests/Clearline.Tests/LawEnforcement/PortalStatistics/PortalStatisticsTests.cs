using System.Globalization;
using System.Net;
using System.Text.Json;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Reports;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.LawEnforcement.PoliceContent;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.LawEnforcement.PortalStatistics;

/// <summary>Statistics for police units and INTERPOL (<c>LawEnforcementStatistics</c>), through the API, the page and the CSV.</summary>
public sealed class PortalStatisticsTests
{
    [Theory]
    [BothDatabases]
    public async Task Police_CountTheirReferralsByReasonWithTimesToReferralAndFeedback_AndIllegalContentHostedHere(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var items = new[] { await world.SeedItemAsync(world.HotlineNl, "NL"), await world.SeedItemAsync(world.HotlineNl, "NL"), await world.SeedItemAsync(world.HotlineNl, "NL") };
        await world.SeedItemAsync(world.HotlineNl, "NL", Verdict.National);
        await world.SeedItemAsync(world.HotlineDe, "NL", Verdict.National);
        var german = await world.SeedItemAsync(world.HotlineDe, "DE");
        var reported = new[] { await ReceivedAtAsync(world, items[0]), await ReceivedAtAsync(world, items[1]), await ReceivedAtAsync(world, items[2]) };
        await PortalReferrals.InsertAsync(world, items[0], world.PoliceNl, ActionReason.PossibleNewVictim, reported[0].AddMinutes(10), reported[0].AddMinutes(10).AddDays(1));
        await PortalReferrals.InsertAsync(world, items[1], world.PoliceNl, ActionReason.PossibleNewVictim, reported[1].AddMinutes(20), reported[1].AddMinutes(20).AddDays(2));
        await PortalReferrals.InsertAsync(world, items[2], world.PoliceNl, ActionReason.HostUnresponsive, reported[2].AddMinutes(30));
        await PortalReferrals.InsertAsync(world, german, world.PoliceDe, ActionReason.PossibleNewVictim, reported[0].AddMinutes(10));

        var figures = await world.PoliceNl.GetJsonAsync("/api/v1/statistics/law-enforcement");

        Assert.Equal("police", figures.GetProperty("scope").GetString());
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("interpol").ValueKind);
        var police = figures.GetProperty("police");
        Assert.Equal(3, police.GetProperty("referralsReceived").GetInt32());
        Assert.Equal(
            [("PossibleNewVictim", 2), ("HostUnresponsive", 1)],
            police.GetProperty("referralsByReason").EnumerateArray().Select(b => (b.GetProperty("key").GetString(), b.GetProperty("count").GetInt32())));
        Assert.Equal(TimeSpan.FromMinutes(20), Duration(police, "medianTimeToReferral"));
        Assert.Equal(TimeSpan.FromMinutes(30), Duration(police, "p90TimeToReferral"));
        Assert.Equal(2, police.GetProperty("referralsWithFeedback").GetInt32());
        Assert.Equal(TimeSpan.FromDays(1), Duration(police, "medianTimeToFeedback"));
        Assert.Equal(TimeSpan.FromDays(2), Duration(police, "p90TimeToFeedback"));
        Assert.Equal(4, police.GetProperty("illegalItemsHostedHere").GetInt32());
        Assert.Equal(1, (await world.PoliceDe.GetJsonAsync("/api/v1/statistics/law-enforcement")).GetProperty("police").GetProperty("referralsReceived").GetInt32());
    }

    [Theory]
    [BothDatabases]
    public async Task Interpol_CountsBaselineAndNationalNetworkWideByDecidingCountry(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        await world.SeedItemAsync(world.HotlineNl, "NL");
        await world.SeedItemAsync(world.HotlineNl, "DE");
        await world.SeedItemAsync(world.HotlineNl, "NL", Verdict.National);
        await world.SeedItemAsync(world.HotlineDe, "NL", Verdict.National);
        await world.SeedItemAsync(world.HotlineDe, "DE", Verdict.NotIllegal);

        var figures = await world.Interpol.GetJsonAsync("/api/v1/statistics/law-enforcement");

        Assert.Equal("interpol", figures.GetProperty("scope").GetString());
        var interpol = figures.GetProperty("interpol");
        Assert.Equal((2, 2), (interpol.GetProperty("baselineItems").GetInt32(), interpol.GetProperty("nationalItems").GetInt32()));
        Assert.Equal(
            [("NL", 3), ("DE", 1)],
            interpol.GetProperty("itemsByDecidingCountry").EnumerateArray().Select(b => (b.GetProperty("key").GetString(), b.GetProperty("count").GetInt32())));
    }

    [Theory]
    [BothDatabases]
    public async Task Api_WithoutKey401_HotlinesCoordinatorAndIndustry403(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);

        using var anonymous = world.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/v1/statistics/law-enforcement", UriKind.Relative), PortalWorld.Ct)).StatusCode);
        foreach (var other in world.NotLawEnforcement)
        {
            await ProblemAssert.IsProblemAsync(await other.GetAsync("/api/v1/statistics/law-enforcement"), HttpStatusCode.Forbidden);
        }

        await ProblemAssert.IsProblemAsync(await world.PoliceNl.GetAsync("/api/v1/statistics/law-enforcement?from=tomorrow"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Page_OfficersSeeTheirFiguresAndDownloadThemAsCsv()
    {
        await using var world = await PortalWorld.StartAsync(DatabaseProvider.Sqlite);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        await PortalReferrals.InsertAsync(world, item, world.PoliceNl, ActionReason.PossibleNewVictim, DateTimeOffset.UtcNow);
        using var officer = await world.SignInAsync(world.PoliceNl, Role.LeaOfficer);
        using var interpolOfficer = await world.SignInAsync(world.Interpol, Role.InterpolOfficer);

        var police = await officer.OpenAsync("/Statistics");
        var interpol = await interpolOfficer.OpenAsync("/Statistics");
        using var csv = await officer.GetAsync("/Statistics?handler=Csv");

        Assert.Contains("data-figure=\"referrals-received\">1<", police, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"illegal-hosted-here\">1<", police, StringComparison.Ordinal);
        Assert.DoesNotContain("Our hotline", police, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"baseline-items\">1<", interpol, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"items-handed-to-icse\">", interpol, StringComparison.Ordinal);
        var rows = (await ProblemAssert.IsSuccessAsync(csv)).Split('\n');
        Assert.Equal("metric,key,value", rows[0]);
        Assert.Contains("referrals_received,,1", rows);
        Assert.Contains("referral_reason,PossibleNewVictim,1", rows);
    }

    private static TimeSpan Duration(JsonElement figures, string name) =>
        TimeSpan.Parse(figures.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static Task<DateTimeOffset> ReceivedAtAsync(PortalWorld world, PortalItem item) =>
        world.WithDatabaseAsync(db => db.Set<Report>().IgnoreQueryFilters().Where(r => r.Id == item.ReportId).Select(r => r.ReceivedAt).SingleAsync(PortalWorld.Ct));
}
