using Clearline.Crawling;
using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.InvestigationHolds;

/// <summary>Refuses a notice to the host (<see cref="TakedownActionKind.ReportedToHost"/>) on content an active investigation hold covers.</summary>
/// <remarks>
/// Every route of the item is held, whichever hotline acts (the coordinator too): the police asked that nobody warn
/// the host. Reporting to police and every other action stay allowed. The refusal names the unit and the date, and
/// the reason only when the unit chose to share it.
/// </remarks>
public sealed class InvestigationHoldGate(RouteHoldNotices notices) : ITakedownActionGate
{
    public async Task<RefusedError?> CheckAsync(ContentRoute route, TakedownActionKind kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (kind != TakedownActionKind.ReportedToHost)
        {
            return null;
        }

        var held = await notices.ActiveOnAsync(route.CrawledUrlId, ct);
        return held.Count == 0 ? null : new RefusedError($"{held[0].Sentence} Record the notice once the hold ends or is lifted.");
    }
}

/// <summary>What the hotline a route is assigned to learns of the investigation holds on its content.</summary>
/// <remarks>
/// Only the assigned hotline (the one that would notify the host) sees a hold; the reporting hotline, earlier hotlines
/// and the coordinator, who see the route, learn nothing of it here, and whoever cannot see the route gets 404.
/// </remarks>
public sealed class RouteHoldNotices(ClearlineDbContext db, TimeProvider time)
{
    /// <summary>The active holds on the route's content, as its assigned hotline sees them; empty for anyone else who sees the route.</summary>
    public async Task<Result<RouteInvestigationHolds>> ForRouteAsync(RouteViewer viewer, Guid routeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer)).FirstOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null)
        {
            return new NotFoundError("No such route, or not one your organisation sees.");
        }

        return new RouteInvestigationHolds(route.AssignedOrganisationId == viewer.OrganisationId ? await ActiveOnAsync(route.CrawledUrlId, ct) : []);
    }

    /// <summary>The active holds on the item found at a content URL, the latest date first.</summary>
    internal async Task<IReadOnlyList<RouteHoldNotice>> ActiveOnAsync(Guid crawledUrlId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var sha = await db.Set<CrawledUrl>().IgnoreQueryFilters().Where(u => u.Id == crawledUrlId).Select(u => u.MediaSha256).FirstOrDefaultAsync(ct);
        if (sha is null)
        {
            return [];
        }

        var rows = await db.Set<InvestigationHold>().IgnoreQueryFilters().AsNoTracking()
            .Where(h => h.MediaSha256 == sha && h.LiftedAt == null && h.Until > now)
            .Join(db.Set<Organisation>().IgnoreQueryFilters(), h => h.OrganisationId, o => o.Id, (h, o) => new { h.Id, h.Until, h.OrganisationId, o.Name, h.ReasonShared, h.Reason })
            .ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.Until).Select(r => new RouteHoldNotice(
            r.Id, InvestigationHoldDates.DateOf(r.Until), r.OrganisationId, r.Name, r.ReasonShared, r.ReasonShared ? r.Reason : null))];
    }
}
