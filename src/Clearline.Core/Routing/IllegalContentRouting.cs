using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Events;
using Clearline.HashLists;
using Clearline.Organisations;
using Clearline.Takedown;
using Microsoft.Extensions.Logging;

namespace Clearline.Routing;

/// <summary>
/// Routes content when it is known to be illegal, never before: a content URL of a completed crawl is routed when
/// the decision in force for its reporting hotline is Baseline, or National under that hotline's country. When the
/// decision changes, the item's routes follow: opened, reinstated, re-labelled, or withdrawn while nobody acted yet.
/// </summary>
/// <remarks>
/// "In force for the reporting hotline" is <see cref="Classifier.CurrentForAsync"/>'s rule (<see cref="DecisionScope"/>):
/// another country's National decision never routes a hotline's content, and a police-only list never decides for it.
/// A route that already has a takedown action is never withdrawn: the receiving hotline's work stands.
/// </remarks>
public sealed class IllegalContentRouting(
    ClearlineDbContext db, UnitOfWork work, HotlineDesignations designations, AuditTrail audit, EventAnnouncer events, TimeProvider time,
    ILogger<IllegalContentRouting> logger)
{
    /// <summary>Reviews every content URL of a completed crawl: routes those whose item is decided illegal.</summary>
    public async Task RouteCrawlAsync(Guid crawlId, CancellationToken ct)
    {
        var completed = await db.Set<Crawl>().IgnoreQueryFilters().AnyAsync(c => c.Id == crawlId && c.State == CrawlState.Completed, ct);
        if (!completed)
        {
            return;
        }

        var urls = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.CrawlId == crawlId && u.Content == UrlContent.Media && u.MediaSha256 != null)
            .ToListAsync(ct);
        await ReviewAsync(urls, null, ct);
    }

    /// <summary>Reviews every content URL of the item, in every report whose crawl completed, against the decision in force now.</summary>
    public async Task RouteItemAsync(string mediaSha256, DecisionChange change, Guid? changedBy, CancellationToken ct)
    {
        var urls = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.MediaSha256 == mediaSha256 && u.Content == UrlContent.Media)
            .Where(u => db.Set<Crawl>().IgnoreQueryFilters().Any(c => c.Id == u.CrawlId && c.State == CrawlState.Completed))
            .ToListAsync(ct);
        await ReviewAsync(urls, new ItemDecisionChanged(mediaSha256, change, changedBy), ct);
    }

    private async Task ReviewAsync(List<CrawledUrl> urls, ItemDecisionChanged? cause, CancellationToken ct)
    {
        if (urls.Count == 0)
        {
            return;
        }

        var ids = urls.Select(u => u.Id).ToList();
        var reporterIds = urls.Select(u => u.OrganisationId).Distinct().ToList();
        var reporters = await db.Set<Organisation>().AsNoTracking().Where(o => reporterIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        await using var transaction = await work.BeginAsync(ct);
        var routes = await db.Set<ContentRoute>().Where(r => ids.Contains(r.CrawledUrlId) && r.Subject == RouteSubject.Media).ToDictionaryAsync(r => r.CrawledUrlId, ct);
        var routeIds = routes.Values.Select(r => r.Id).ToList();
        var acted = await db.Set<TakedownAction>().Where(a => routeIds.Contains(a.RouteId)).Select(a => a.RouteId).Distinct().ToListAsync(ct);
        var decisions = new Dictionary<(Guid, string), MediaClassification?>();
        var opened = new List<ContentRoute>();
        var audits = new List<AuditEvent>();
        var now = time.GetUtcNow();
        foreach (var url in urls)
        {
            var reporter = reporters[url.OrganisationId];
            var key = (reporter.Id, url.MediaSha256!);
            if (!decisions.TryGetValue(key, out var decision))
            {
                decision = decisions[key] = await InForceAsync(reporter, url.MediaSha256!, ct);
            }

            var illegal = decision is { Verdict: Verdict.Baseline or Verdict.National };
            var jurisdiction = decision?.Verdict == Verdict.National ? decision.Jurisdiction?.Trim() : null;
            routes.TryGetValue(url.Id, out var route);
            if (illegal && route is null)
            {
                route = await NewRouteAsync(url, RouteSubject.Media, decision!.Verdict, jurisdiction, now, ct);
                db.Add(route);
                opened.Add(route);
            }
            else if (illegal && route!.State == RouteState.Withdrawn)
            {
                await ReinstateAsync(route, decision!.Verdict, jurisdiction, now, ct);
                opened.Add(route);
                audits.Add(new AuditEvent(AuditAction.RouteReinstated, AuditActor.System, route.ReportingOrganisationId, $"route:{route.Id:D}", Detail: decision.Verdict.ToString()));
            }
            else if (illegal)
            {
                route!.Verdict = decision!.Verdict;
                route.Jurisdiction = jurisdiction;
            }
            else if (route is not null && route.State != RouteState.Withdrawn && !acted.Contains(route.Id))
            {
                var reason = WithdrawalReason(decision, cause, route.ReportingOrganisationId);
                Withdraw(route, reason, now);
                audits.Add(new AuditEvent(AuditAction.RouteWithdrawn, AuditActor.System, route.ReportingOrganisationId, $"route:{route.Id:D}", Detail: reason));
            }
        }

        await db.SaveChangesAsync(ct);
        foreach (var entry in audits)
        {
            await audit.AppendAsync(entry, ct);
        }

        foreach (var route in opened)
        {
            await events.AnnounceAsync(new RouteOpened(route), ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("{Count} content URLs reviewed: {Opened} routed, {Changed} audited changes", urls.Count, opened.Count, audits.Count);
    }

    /// <summary>The decision in force for the reporting hotline: the latest current one in its scope, or null.</summary>
    internal Task<MediaClassification?> InForceAsync(Organisation reporter, string mediaSha256, CancellationToken ct) =>
        db.Set<MediaClassification>().AsNoTracking()
            .Where(DecisionScope.Covers(db, new HashListViewer(reporter.Id, reporter.Kind), reporter.CountryCode))
            .Where(c => c.MediaSha256 == mediaSha256)
            .OrderByDescending(c => c.ClassifiedAt).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>A new route for the URL to its hosting country's hotline (orphaned where there is none), with its first event.</summary>
    internal async Task<ContentRoute> NewRouteAsync(CrawledUrl url, RouteSubject subject, Verdict verdict, string? jurisdiction, DateTimeOffset now, CancellationToken ct)
    {
        var country = KnownCountry(url.CountryCode);
        var hotline = country is null ? null : await designations.ResolveAsync(country, ct);
        var route = new ContentRoute
        {
            ReportingOrganisationId = url.OrganisationId,
            ReportId = url.ReportId,
            CrawledUrlId = url.Id,
            Subject = subject,
            Verdict = verdict,
            Jurisdiction = jurisdiction,
            BehindCdn = url.IsCdn == true,
            CountryCode = country,
            ServerAddress = url.ServerAddress,
            AssignedOrganisationId = hotline,
            State = hotline is null ? RouteState.Orphaned : RouteState.Assigned,
            RoutedAt = now,
        };
        route.Events.Add(new ContentRouteEvent
        {
            RouteId = route.Id,
            Kind = hotline is null ? RouteEventKind.Orphaned : RouteEventKind.Routed,
            At = now,
            ToOrganisationId = hotline,
            ToCountryCode = country,
            ServerAddress = url.ServerAddress,
        });
        return route;
    }

    /// <summary>Routes a withdrawn route anew, to its country's hotline now.</summary>
    internal async Task ReinstateAsync(ContentRoute route, Verdict verdict, string? jurisdiction, DateTimeOffset now, CancellationToken ct)
    {
        var hotline = route.CountryCode is null ? null : await designations.ResolveAsync(route.CountryCode, ct);
        db.Add(new ContentRouteEvent
        {
            RouteId = route.Id,
            Kind = RouteEventKind.Reinstated,
            At = now,
            FromOrganisationId = route.AssignedOrganisationId,
            ToOrganisationId = hotline,
            FromCountryCode = route.CountryCode,
            ToCountryCode = route.CountryCode,
        });
        route.AssignedOrganisationId = hotline;
        route.State = hotline is null ? RouteState.Orphaned : RouteState.Assigned;
        route.Verdict = verdict;
        route.Jurisdiction = jurisdiction;
    }

    /// <summary>Withdraws the route, keeping its assignment so that the receiving hotline sees it went and why.</summary>
    internal void Withdraw(ContentRoute route, string reason, DateTimeOffset now)
    {
        route.State = RouteState.Withdrawn;
        db.Add(new ContentRouteEvent
        {
            RouteId = route.Id,
            Kind = RouteEventKind.Withdrawn,
            At = now,
            FromOrganisationId = route.AssignedOrganisationId,
            ToOrganisationId = route.AssignedOrganisationId,
            FromCountryCode = route.CountryCode,
            ToCountryCode = route.CountryCode,
            Reason = reason,
        });
    }

    /// <summary>Whether anyone recorded a takedown action on the route: such a route is never withdrawn.</summary>
    internal Task<bool> HasActionsAsync(Guid routeId, CancellationToken ct) => db.Set<TakedownAction>().AnyAsync(a => a.RouteId == routeId, ct);

    private static string WithdrawalReason(MediaClassification? decision, ItemDecisionChanged? cause, Guid reportingOrganisationId)
    {
        if (decision?.Verdict == Verdict.NotIllegal)
        {
            return "Decided not illegal.";
        }

        return cause?.Change switch
        {
            DecisionChange.Undone when cause.OrganisationId == reportingOrganisationId => "The reporting hotline's analyst undid the decision.",
            DecisionChange.Undone => "An analyst undid the decision it rested on.",
            DecisionChange.ListEntryWithdrawn => "The list entry it rested on was withdrawn.",
            _ => "The decision it rested on no longer holds.",
        };
    }

    /// <summary>An upper-case assigned country code, or null for none or one that is not a country (e.g. a GeoIP continent code).</summary>
    private static string? KnownCountry(string? code)
    {
        var upper = code?.ToUpperInvariant();
        return CountryCodes.IsAssigned(upper) ? upper : null;
    }
}
