using System.Text.Json;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Escalation;
using Clearline.Events;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.MediaItems;
using Clearline.Referrals;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.LawEnforcement.Escalation;

/// <summary>What the escalation tests do to a <see cref="PortalWorld"/>: decide through the classification API, match, refer, read the queue.</summary>
internal static class EscalationWorld
{
    /// <summary>The hotline decides the item through the classification API with its key, naming the decision it saw as current.</summary>
    public static async Task ClassifyAsync(this PortalWorld world, PortalMember hotline, PortalItem item, string verdict, string ageGroup = "Pubescent")
    {
        var current = await world.WithDatabaseAsync(db => db.Set<MediaClassification>()
            .Where(c => c.MediaSha256 == item.Sha256 && c.SupersededAt == null).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(PortalWorld.Ct));
        var response = await hotline.PostAsync("/api/v1/assessment/classifications", new
        {
            items = new[] { new { sha256 = item.Sha256, verdict, ageGroup, expectedCurrentId = current?.ToString() } },
        });
        var body = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement;
        var result = body.GetProperty("results")[0];
        Assert.True(result.GetProperty("status").GetString() == "classified", result.ToString());
    }

    /// <summary>The item matched a hash list (an entry of the network's list, as a copy of known material would).</summary>
    public static Task MatchAsync(this PortalWorld world, PortalItem item) => world.App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClearlineDbContext>();
        var entry = new KnownHash { HashListId = HashList.NetworkListId, Sha256 = item.Sha256, Category = "Baseline", AddedAt = DateTimeOffset.UtcNow };
        db.Add(entry);
        await db.SaveChangesAsync(PortalWorld.Ct);
        db.Add(new MediaMatch
        {
            MediaSha256 = item.Sha256, HashListId = HashList.NetworkListId, KnownHashId = entry.Id, Hash = MatchedHash.Sha256, Outcome = MatchOutcome.Suggested,
            MatchedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(PortalWorld.Ct);
        return 0;
    });

    /// <summary>Also found <paramref name="item"/> through the report of <paramref name="sameReportAs"/>, first (as two pictures of one thread).</summary>
    public static Task AlsoFoundThroughAsync(this PortalWorld world, PortalItem item, PortalItem sameReportAs, PortalMember reporter) => world.App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClearlineDbContext>();
        var crawlId = await db.Set<CrawledUrl>().IgnoreQueryFilters().Where(u => u.Id == sameReportAs.CrawledUrlId).Select(u => u.CrawlId).FirstAsync(PortalWorld.Ct);
        db.Add(new MediaOccurrence
        {
            OrganisationId = reporter.Id, ReportId = sameReportAs.ReportId, CrawlId = crawlId, CrawledUrlId = sameReportAs.CrawledUrlId, MediaSha256 = item.Sha256,
            FoundIn = "img@src", FoundAt = DateTimeOffset.UtcNow.AddDays(-1),
        });
        await db.SaveChangesAsync(PortalWorld.Ct);
        return 0;
    });

    /// <summary>
    /// Announces a referral of the item's route to the police unit of its country as the referral feature does (until it is
    /// merged, the referral is not stored: the escalation observer needs only the event).
    /// </summary>
    public static Task ReferAsAnnouncedAsync(this PortalWorld world, PortalItem item, ActionReason reason) => world.App.AsSystemAsync(async sp =>
    {
        var referral = new Referral
        {
            RouteId = item.RouteId, TakedownActionId = Guid.CreateVersion7(), HotlineOrganisationId = item.HostingCountry == "DE" ? world.HotlineDe.Id : world.HotlineNl.Id,
            PoliceOrganisationId = item.HostingCountry == "DE" ? world.PoliceDe.Id : world.PoliceNl.Id, MediaSha256 = item.Sha256, Reason = reason,
            Note = "Child may be unidentified", CreatedAt = DateTimeOffset.UtcNow,
        };
        await sp.GetRequiredService<EventAnnouncer>().AnnounceAsync(new ReferralCreated(referral), PortalWorld.Ct);
        return 0;
    });

    public static Task<List<ItemEscalation>> EscalationsAsync(this PortalWorld world) =>
        world.WithDatabaseAsync(db => db.Set<ItemEscalation>().Include(e => e.Causes).OrderBy(e => e.OpenedAt).ToListAsync(PortalWorld.Ct));

    /// <summary>The escalation of the item, through INTERPOL's API (there must be exactly one).</summary>
    public static async Task<JsonElement> EscalationOfAsync(this PortalWorld world, PortalItem item)
    {
        var list = await world.Interpol.GetJsonAsync("/api/v1/escalations?limit=100");
        return Assert.Single(list.GetProperty("items").EnumerateArray(), e => e.GetProperty("mediaSha256").GetString() == item.Sha256);
    }
}
