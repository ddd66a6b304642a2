using Clearline.Crawling;
using Clearline.Organisations;
using Clearline.Reports;

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
        if (Refusal(viewer, queue) is { } refusal)
        {
            return refusal;
        }

        var routes = Queued(viewer, queue);
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
            x.Route.ReportingOrganisationId, x.Route.ReportId, x.Route.RoutedAt, x.Route.ClaimedAt,
            x.Route.Subject, x.Route.Verdict, x.Route.Jurisdiction, x.Route.BehindCdn)).ToList();
        return items.Count > limit ? new RoutePage(items[..limit], items[limit - 1].Id) : new RoutePage(items, null);
    }

    /// <summary>How many routes the queue holds, counting no further than <paramref name="atMost"/>.</summary>
    public async Task<Result<int>> CountAsync(RouteViewer viewer, RouteQueue queue, int atMost, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentOutOfRangeException.ThrowIfLessThan(atMost, 1);
        return Refusal(viewer, queue) is { } refusal ? refusal : await Queued(viewer, queue).Take(atMost).CountAsync(ct);
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
            .Select(e => new RouteEventView(e.Kind, e.At, e.ActorOrganisationId, e.FromOrganisationId, e.ToOrganisationId, e.FromCountryCode, e.ToCountryCode, e.ServerAddress, e.Reason))
            .ToList();
        return new RouteDetail(
            route.Id, route.State, url.Url, route.CountryCode, route.ServerAddress, route.AssignedOrganisationId,
            route.AssignedOrganisationId is { } assigned ? names[assigned] : null, route.RoutedAt, route.ClaimedAt, context, hosting, history,
            route.Subject, route.Verdict, route.Jurisdiction, route.BehindCdn,
            route.State == RouteState.Withdrawn ? history.LastOrDefault(e => e.Kind == RouteEventKind.Withdrawn)?.Reason : null);
    }

    /// <remarks>Only the coordinator and the hotlines it mandates see the orphaned queue.</remarks>
    private static Error? Refusal(RouteViewer viewer, RouteQueue queue) => queue switch
    {
        RouteQueue.Assigned or RouteQueue.Reported or RouteQueue.Withdrawn => null,
        RouteQueue.Orphaned => viewer.MaySeeOrphans ? null : new RoutingRefused("Only the coordinator and the hotlines it mandates see the orphaned queue."),
        _ => new InvalidError("queue", "The queue is one of assigned, orphaned, reported, withdrawn."),
    };

    private IQueryable<ContentRoute> Queued(RouteViewer viewer, RouteQueue queue)
    {
        var organisation = viewer.OrganisationId;
        var routes = db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer));
        return queue switch
        {
            RouteQueue.Assigned => routes.Where(r => r.AssignedOrganisationId == organisation && r.State != RouteState.Withdrawn),
            RouteQueue.Orphaned => routes.Where(r => r.AssignedOrganisationId == null && r.State != RouteState.Withdrawn),
            RouteQueue.Withdrawn => routes.Where(r => r.State == RouteState.Withdrawn),
            RouteQueue.Reported => routes.Where(r => r.ReportingOrganisationId == organisation),
            _ => throw new ArgumentOutOfRangeException(nameof(queue), queue, null),
        };
    }

    /// <summary>The content URLs a hotline's own report was routed to, with the hotline each one is assigned to.</summary>
    /// <remarks>Only the reporting hotline's routes: the report is its own, so no other organisation's row is read.</remarks>
    public async Task<IReadOnlyList<RoutedContent>> OfReportAsync(Guid reportingOrganisationId, Guid reportId, CancellationToken ct) =>
        await db.Set<ContentRoute>().AsNoTracking().Where(r => r.ReportId == reportId && r.ReportingOrganisationId == reportingOrganisationId)
            .Join(db.Set<CrawledUrl>(), r => r.CrawledUrlId, u => u.Id, (r, u) => new { r.Id, u.Url, r.CountryCode, r.AssignedOrganisationId })
            .GroupJoin(db.Set<Organisation>(), x => x.AssignedOrganisationId, o => o.Id, (x, o) => new { x, o })
            .SelectMany(g => g.o.DefaultIfEmpty(), (g, o) => new RoutedContent(g.x.Id, g.x.Url, g.x.CountryCode, o == null ? null : o.Name))
            .ToListAsync(ct);
}
