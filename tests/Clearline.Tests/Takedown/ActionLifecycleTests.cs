using System.Net;
using Clearline.Database;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Takedown;

/// <summary>Final actions close a takedown (except for the coordinator); Moved hands the content to the new country's hotline.</summary>
public sealed class ActionLifecycleTests
{
    [Theory]
    [BothDatabases]
    public async Task FinalAction_RefusesFurtherActions_ExceptByTheCoordinator(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var hotline = await network.AddHotlineAsync("DE");
        var route = await network.ReportAndRouteAsync(hotline, "https://img.example/1.png", "DE", DateTimeOffset.UtcNow);
        Assert.Equal([route], await hotline.TakedownQueueAsync("unactioned"));

        Assert.Equal(HttpStatusCode.Created, (await hotline.ActAsync(route, "NotIllegal", "AgeUnclearOrNotAssessable")).StatusCode);
        Assert.Empty(await hotline.TakedownQueueAsync("unactioned"));

        foreach (var (kind, reason) in new[] { ("ReportedToHost", "IllegalContent"), ("Removed", "Error404NotFoundOrSiteDown"), ("NotIllegal", "AdultPornography") })
        {
            var conflict = await ProblemAssert.IsProblemAsync(await hotline.ActAsync(route, kind, reason), HttpStatusCode.Conflict);
            Assert.Equal("The takedown of this content is closed (NotIllegal); only the coordinator records further actions.", conflict.GetProperty("detail").GetString());
        }

        Assert.Equal(HttpStatusCode.Created, (await network.Coordinator.ActAsync(route, "ReportedToHost", "IllegalContent", "Reviewed: illegal after all.")).StatusCode);
        var takedown = await hotline.TakedownAsync(route);
        Assert.Equal("AwaitingRemoval", takedown.GetProperty("state").GetString());
        Assert.Equal(["NotIllegal", "ReportedToHost"], takedown.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal([route], await hotline.TakedownQueueAsync("awaiting-recheck"));
    }

    [Theory]
    [BothDatabases]
    public async Task Moved_ReassignsToTheNewCountrysHotline_WhichStartsAfresh(DatabaseProvider provider)
    {
        await using var network = await TakedownNetwork.StartAsync(provider);
        var german = await network.AddHotlineAsync("DE");
        var french = await network.AddHotlineAsync("FR");
        var route = await network.ReportAndRouteAsync(german, "https://img.example/1.png", "DE", DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Created, (await german.ActAsync(route, "ReportedToHost", "IllegalContent")).StatusCode);

        var moved = await german.PostAsync($"/api/v1/routes/{route}/actions", new { kind = "Moved", reason = "HostingChanged", countryCode = "fr", ipAddress = "203.0.113.5" });
        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);

        var detail = await french.RouteAsync(route);
        Assert.Equal(french.Id, detail.GetProperty("assignedOrganisationId").GetGuid());
        Assert.Equal("FR", detail.GetProperty("countryCode").GetString());
        Assert.Equal("203.0.113.5", detail.GetProperty("serverAddress").GetString());
        Assert.Equal([route], await french.TakedownQueueAsync("unactioned"));
        Assert.Empty(await german.TakedownQueueAsync("awaiting-recheck"));
        var takedown = await french.TakedownAsync(route);
        Assert.Equal("Unactioned", takedown.GetProperty("state").GetString());
        Assert.Equal(JsonNull, takedown.GetProperty("nextRecheckAt").ValueKind);

        var refused = await ProblemAssert.IsProblemAsync(await german.ActAsync(route, "ReportedToHost", "IllegalContent"), HttpStatusCode.Forbidden);
        Assert.Contains(french.Organisation.Name, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await french.ActAsync(route, "ReportedToHost", "IllegalContent")).StatusCode);
        Assert.Equal([route], await french.TakedownQueueAsync("awaiting-recheck"));
    }

    [Fact]
    public void Options_RecheckIntervalOutOfRange_FailsNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Takedown:RecheckInterval"] = "00:00:10", ["Takedown:MaxRechecks"] = "0" }).Build());
        services.AddTakedown();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TakedownOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Takedown:RecheckInterval:", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Takedown:MaxRechecks:", StringComparison.Ordinal));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
