using System.Net;
using System.Text.Json;
using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Routing;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Routing;

/// <summary>Content is routed when its item is known to be illegal, never before, and follows later changes of decision.</summary>
public sealed class DecisionRoutingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Crawl_UndecidedItems_AreRoutedOnlyOnceDecidedIllegal(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");
        var analyst = await network.StaffAsync(reporter);
        string[] items = [SeededDecisions.NewSha256(), SeededDecisions.NewSha256(), SeededDecisions.NewSha256()];
        var seeded = await network.SeedAsync(reporter, [("DE", "198.51.100.1", items[0]), ("DE", "198.51.100.2", items[1]), ("DE", "198.51.100.3", items[2])]);

        Assert.Equal(0, await network.RouteAgainAsync(seeded.CrawlId));
        Assert.Empty(await german.QueueAsync("assigned"));

        await network.ClassifyAsync(analyst, items[0], "Baseline");
        await network.ClassifyAsync(analyst, items[1], "National");
        await network.ClassifyAsync(analyst, items[2], "NotIllegal");

        var routes = await network.RoutesOfAsync(seeded.UrlIds);
        Assert.Null(routes[2]);
        Assert.Equal(new[] { routes[0]!.Id, routes[1]!.Id }.Order(), (await german.QueueAsync("assigned")).Order());
        var baseline = await german.RouteAsync(routes[0]!.Id);
        Assert.Equal(("Baseline", JsonValueKind.Null), (baseline.GetProperty("verdict").GetString(), baseline.GetProperty("jurisdiction").ValueKind));
        var national = await german.RouteAsync(routes[1]!.Id);
        Assert.Equal(("National", "NL"), (national.GetProperty("verdict").GetString(), national.GetProperty("jurisdiction").GetString()));
        Assert.Equal("Media", national.GetProperty("subject").GetString());
        Assert.False(national.GetProperty("behindCdn").GetBoolean());
        // The crawl's completion after the decisions changes nothing.
        Assert.Equal(2, await network.RouteAgainAsync(seeded.CrawlId));
    }

    [Theory]
    [BothDatabases]
    public async Task CrawlCompletion_AfterTheDecision_RoutesDecidedContentFlaggedBehindCdn(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");
        var sha = SeededDecisions.NewSha256();
        var seeded = await network.SeedAsync(reporter, [("DE", "198.51.100.1", sha)], decide: true, isCdn: true);

        await network.RouteAgainAsync(seeded.CrawlId);

        var route = (await network.RoutesOfAsync(seeded.UrlIds))[0]!;
        Assert.True(route.BehindCdn);
        Assert.True((await german.RouteAsync(route.Id)).GetProperty("behindCdn").GetBoolean());
    }

    [Theory]
    [BothDatabases]
    public async Task OneItem_AtSeveralUrls_RoutesEachUrl_OwnCountryAbroadAndUnknown(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var otherDutch = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");
        var analyst = await network.StaffAsync(reporter);
        var sha = SeededDecisions.NewSha256();
        var first = await network.SeedAsync(reporter, [("NL", "192.0.2.5", sha), ("DE", "198.51.100.5", sha), (null, "203.0.113.5", sha), ("BR", "203.0.113.6", sha)]);
        var second = await network.SeedAsync(otherDutch, [("NL", "192.0.2.6", sha)]);

        await network.ClassifyAsync(analyst, sha, "Baseline");

        var routes = await network.RoutesOfAsync([.. first.UrlIds, .. second.UrlIds]);
        Assert.All(routes, r => Assert.NotNull(r));
        // Hosted in the reporter's own country: the designated hotline there is the reporter itself (the oldest).
        Assert.Equal((RouteState.Assigned, reporter.Id), (routes[0]!.State, routes[0]!.AssignedOrganisationId));
        Assert.Equal((RouteState.Assigned, german.Id), (routes[1]!.State, routes[1]!.AssignedOrganisationId));
        Assert.Equal((RouteState.Orphaned, (Guid?)null), (routes[2]!.State, routes[2]!.AssignedOrganisationId));
        Assert.Equal((RouteState.Orphaned, (Guid?)null), (routes[3]!.State, routes[3]!.AssignedOrganisationId));
        // A Baseline decision holds network-wide: the other Dutch hotline's report is routed too, to NL's designated hotline.
        Assert.Equal((RouteState.Assigned, reporter.Id, otherDutch.Id), (routes[4]!.State, routes[4]!.AssignedOrganisationId, routes[4]!.ReportingOrganisationId));
    }

    [Theory]
    [BothDatabases]
    public async Task NationalDecision_DoesNotRouteAnotherCountrysReport(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var dutch = await network.AddHotlineAsync("NL");
        var french = await network.AddHotlineAsync("FR");
        await network.AddHotlineAsync("DE");
        var sha = SeededDecisions.NewSha256();
        var ours = await network.SeedAsync(dutch, [("DE", "198.51.100.7", sha)]);
        var theirs = await network.SeedAsync(french, [("DE", "198.51.100.8", sha)]);

        await network.ClassifyAsync(await network.StaffAsync(dutch), sha, "National");

        var routes = await network.RoutesOfAsync(ours.UrlIds[0], theirs.UrlIds[0]);
        Assert.Equal((Verdict.National, "NL"), (routes[0]!.Verdict, routes[0]!.Jurisdiction));
        Assert.Null(routes[1]);
    }

    [Theory]
    [BothDatabases]
    public async Task Undo_WithdrawsRouteWithoutAction_KeepsRouteWithAction_ReasonSeenByReceiver_ThenReinstates(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");
        var analyst = await network.StaffAsync(reporter);
        var receiver = new Member(german.Organisation, await network.StaffAsync(german));
        string[] items = [SeededDecisions.NewSha256(), SeededDecisions.NewSha256()];
        var seeded = await network.SeedAsync(reporter, [("DE", "198.51.100.1", items[0]), ("DE", "198.51.100.2", items[1])]);

        await network.ClassifyAsync(analyst, items[0], "Baseline");
        var acted = (await network.RoutesOfAsync(seeded.UrlIds[0]))[0]!.Id;
        await ProblemAssert.IsSuccessAsync(await receiver.PostAsync($"/api/v1/routes/{acted}/actions", new { kind = "ReportedToHost", reason = "IllegalContent" }));
        await network.UndoAsync(analyst);
        Assert.Equal(RouteState.Assigned, (await network.RoutesOfAsync(seeded.UrlIds[0]))[0]!.State);

        await network.ClassifyAsync(analyst, items[1], "Baseline");
        var withdrawn = (await network.RoutesOfAsync(seeded.UrlIds[1]))[0]!.Id;
        await network.UndoAsync(analyst);

        var route = await receiver.RouteAsync(withdrawn);
        Assert.Equal("Withdrawn", route.GetProperty("state").GetString());
        Assert.Equal("The reporting hotline's analyst undid the decision.", route.GetProperty("withdrawnReason").GetString());
        Assert.Equal("Withdrawn", route.GetProperty("history").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.Equal([withdrawn], await german.QueueAsync("withdrawn"));
        Assert.Equal([acted], await german.QueueAsync("assigned"));
        var unactioned = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await receiver.GetAsync("/api/v1/actions/queues/unactioned"))).RootElement;
        Assert.DoesNotContain(unactioned.GetProperty("items").EnumerateArray(), i => i.GetProperty("routeId").GetGuid() == withdrawn);
        await ProblemAssert.IsProblemAsync(
            await receiver.PostAsync($"/api/v1/routes/{withdrawn}/actions", new { kind = "ReportedToHost", reason = "IllegalContent" }), HttpStatusCode.Conflict);

        await network.ClassifyAsync(analyst, items[1], "Baseline");

        var reinstated = (await network.RoutesOfAsync(seeded.UrlIds[1]))[0]!;
        Assert.Equal((RouteState.Assigned, german.Id), (reinstated.State, reinstated.AssignedOrganisationId));
        Assert.Equal(RouteEventKind.Reinstated, reinstated.Events.OrderBy(e => e.Id).Last().Kind);
        Assert.Equal(new[] { acted, withdrawn }.Order(), (await german.QueueAsync("assigned")).Order());
        var audited = await network.App.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .Where(a => a.Target == $"route:{withdrawn:D}" && a.Action != AuditAction.AbuseContactLookedUp).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal([AuditAction.RouteWithdrawn, AuditAction.RouteReinstated], audited);
    }

    [Theory]
    [BothDatabases]
    public async Task ChangedToNotIllegal_WithdrawsTheRoute_SayingSo(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");
        var analyst = await network.StaffAsync(reporter);
        var sha = SeededDecisions.NewSha256();
        var seeded = await network.SeedAsync(reporter, [("DE", "198.51.100.1", sha)]);

        await network.ClassifyAsync(analyst, sha, "National");
        await network.ClassifyAsync(analyst, sha, "NotIllegal");

        var route = (await network.RoutesOfAsync(seeded.UrlIds))[0]!;
        Assert.Equal(RouteState.Withdrawn, route.State);
        Assert.Equal("Decided not illegal.", (await german.RouteAsync(route.Id)).GetProperty("withdrawnReason").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task KnownMaterial_AutoClassified_IsRoutedAtOnce_AndWithdrawnWithItsListEntry(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");
        var sha = SeededDecisions.NewSha256();
        var seeded = await network.SeedAsync(reporter, [("DE", "198.51.100.1", sha)]);

        var entry = await network.AutoClassifyAsync(sha);

        var route = (await network.RoutesOfAsync(seeded.UrlIds))[0]!;
        Assert.Equal((RouteState.Assigned, german.Id, Verdict.Baseline), (route.State, route.AssignedOrganisationId, route.Verdict));

        await network.TombstoneAsync(entry);

        var withdrawn = await german.RouteAsync(route.Id);
        Assert.Equal("Withdrawn", withdrawn.GetProperty("state").GetString());
        Assert.Equal("The list entry it rested on was withdrawn.", withdrawn.GetProperty("withdrawnReason").GetString());
    }

    [Theory]
    [BothDatabases]
    public async Task NationalRoute_ReceivingHotline_ClosesItNotIllegalUnderItsOwnLaw(DatabaseProvider provider)
    {
        await using var network = await RoutingNetwork.StartAsync(provider);
        var reporter = await network.AddHotlineAsync("NL");
        var german = await network.AddHotlineAsync("DE");
        var receiver = new Member(german.Organisation, await network.StaffAsync(german));
        var sha = SeededDecisions.NewSha256();
        var seeded = await network.SeedAsync(reporter, [("DE", "198.51.100.1", sha)]);
        await network.ClassifyAsync(await network.StaffAsync(reporter), sha, "National");
        var route = (await network.RoutesOfAsync(seeded.UrlIds))[0]!;

        await ProblemAssert.IsSuccessAsync(await receiver.PostAsync(
            $"/api/v1/routes/{route.Id}/actions", new { kind = "NotIllegal", reason = "AgeOverNationalThreshold", note = "Not illegal under German law." }));

        var takedown = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await receiver.GetAsync($"/api/v1/routes/{route.Id}/actions"))).RootElement;
        Assert.Equal("NotIllegal", takedown.GetProperty("state").GetString());
        var detail = await receiver.RouteAsync(route.Id);
        Assert.Equal(("National", "NL"), (detail.GetProperty("verdict").GetString(), detail.GetProperty("jurisdiction").GetString()));
    }
}
