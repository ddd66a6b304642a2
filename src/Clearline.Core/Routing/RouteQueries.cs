using Clearline.Crawling;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Results;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Routing;

/// <summary>The routing queues and one route with the context its receiving hotline needs.</summary>
/// <remarks>
/// Reports and crawled URLs belong to the reporting hotline, so the tenant filter would hide them from the
/// receiving one; they are read past it here, and only for routes <see cref="RouteAccess.VisibleTo"/> admits.
/// </remarks>
public sealed class RouteQueries(ClearlineDbContext db)
{
    public const int MaxPageSize = 100;

    public async Task<Result<RoutePage>> ListAsync(RouteViewer viewer, RouteQueue queue, Guid? cursor, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var organisation = viewer.OrganisationId;
        var routes = db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer));
        switch (queue)
        {
            case RouteQueue.Assigned:
                routes = routes.Where(r => r.AssignedOrganisationId == organisation);
                break;
            case RouteQueue.Orphaned when !viewer.MaySeeOrphans:
                return new RoutingRefused("Only the coordinator and the hotlines it mandates see the orphaned queue.");
            case RouteQueue.Orphaned:
                routes = routes.Where(r => r.AssignedOrganisationId == null);
                break;
            case RouteQueue.Reported:
                routes = routes.Where(r => r.ReportingOrganisationId == organisation);
                break;
            default:
                return new InvalidError("queue", "The queue is one of assigned, orphaned, reported.");
        }

        if (cursor is { } after)
        {
            routes = routes.Where(r => r.Id.CompareTo(after) > 0);
        }

        var rows = await routes.OrderBy(r => r.Id).Take(limit + 1)
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), r => r.CrawledUrlId, u => u.Id, (r, u) => new { Route = r, u.Url })
            .OrderBy(x => x.Route.Id)
            .ToListAsync(ct);
        var items = rows.Select(x => new RouteSummary(
            x.Route.Id, x.Route.State, x.Url, x.Route.CountryCode, x.Route.ServerAddress, x.Route.AssignedOrganisationId,
            x.Route.ReportingOrganisationId, x.Route.ReportId, x.Route.RoutedAt, x.Route.ClaimedAt)).ToList();
        return items.Count > limit ? new RoutePage(items[..limit], items[limit - 1].Id) : new RoutePage(items, null);
    }

    /// <summary>The route with its report context, hosting and history; null when it does not exist or the viewer may not see it.</summary>
    public async Task<RouteDetail?> FindAsync(RouteViewer viewer, Guid routeId, CancellationToken ct)
    {
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer)).Include(r => r.Events)
            .FirstOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null)
        {
            return null;
        }

        var url = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == route.CrawledUrlId, ct);
        var report = await db.Set<Report>().IgnoreQueryFilters().AsNoTracking().FirstAsync(r => r.Id == route.ReportId, ct);
        var names = await db.Set<Organisation>().AsNoTracking()
            .Where(o => o.Id == route.ReportingOrganisationId || o.Id == route.AssignedOrganisationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var context = new RouteReportContext(
            report.Id, report.OrganisationId, names[report.OrganisationId], report.CreatedAt, report.ReceivedAt, report.SiteType,
            report.Commerciality, [.. Enum.GetValues<PaymentMethods>().Where(m => m != PaymentMethods.None && report.PaymentMethods.HasFlag(m))], report.Referrer, report.HotlineReference, report.Memo);
        var hosting = new RouteHosting(url.ServerAddress, url.CountryCode, url.Asn, url.NetworkOrganisation, url.IsCdn, url.ReverseDns);
        var history = route.Events.OrderBy(e => e.Id)
            .Select(e => new RouteEventView(e.Kind, e.At, e.ActorOrganisationId, e.FromOrganisationId, e.ToOrganisationId, e.FromCountryCode, e.ToCountryCode, e.ServerAddress))
            .ToList();
        return new RouteDetail(
            route.Id, route.State, url.Url, route.CountryCode, route.ServerAddress, route.AssignedOrganisationId,
            route.AssignedOrganisationId is { } assigned ? names[assigned] : null, route.RoutedAt, route.ClaimedAt, context, hosting, history);
    }
}
