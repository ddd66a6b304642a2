using Clearline.Crawling;
using Clearline.Routing;

namespace Clearline.Takedown;

/// <summary>The takedown queues and one route's takedown with its history.</summary>
/// <remarks>
/// Queues hold only routes assigned to the viewer. A route's takedown is shown to whoever sees the route
/// (<see cref="RouteAccess.VisibleTo"/>): the reporting hotline follows what became of its report.
/// </remarks>
public sealed class TakedownQueries(ClearlineDbContext db)
{
    public const int MaxPageSize = 100;

    public async Task<TakedownQueuePage> ListAsync(RouteViewer viewer, TakedownQueue queue, Guid? cursor, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var rows = Queued(viewer, queue);
        if (cursor is { } after)
        {
            rows = rows.Where(x => x.Route.Id.CompareTo(after) > 0);
        }

        var page = await rows.OrderBy(x => x.Route.Id).Take(limit + 1)
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), x => x.Route.CrawledUrlId, u => u.Id, (x, u) => new { x.Route, x.Takedown, u.Url })
            .OrderBy(x => x.Route.Id)
            .ToListAsync(ct);
        var items = page.Select(x => new TakedownQueueItem(
            x.Route.Id, x.Url, x.Route.CountryCode, x.Takedown?.State ?? TakedownState.Unactioned, x.Route.RoutedAt, x.Takedown?.NoticeAt,
            x.Takedown?.RechecksDone ?? 0, x.Takedown?.NextRecheckAt, x.Takedown?.RemovedAt, x.Takedown?.TimeToRemoval)).ToList();
        return items.Count > limit ? new TakedownQueuePage(items[..limit], items[limit - 1].RouteId) : new TakedownQueuePage(items, null);
    }

    /// <summary>How many routes the queue holds, counting no further than <paramref name="atMost"/>.</summary>
    public Task<int> CountAsync(RouteViewer viewer, TakedownQueue queue, int atMost, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentOutOfRangeException.ThrowIfLessThan(atMost, 1);
        return Queued(viewer, queue).Take(atMost).CountAsync(ct);
    }

    /// <summary>The route's takedown and actions; null when the route does not exist or the viewer may not see it.</summary>
    public async Task<TakedownView?> FindAsync(RouteViewer viewer, Guid routeId, CancellationToken ct)
    {
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer)).FirstOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null)
        {
            return null;
        }

        var takedown = await db.Set<RouteTakedown>().AsNoTracking().FirstOrDefaultAsync(t => t.RouteId == routeId, ct) ?? new RouteTakedown { RouteId = routeId };
        var actions = await db.Set<TakedownAction>().AsNoTracking().Where(a => a.RouteId == routeId).ToListAsync(ct);

        // When the network first heard of the URL is known from the start, not only once removal is confirmed.
        var firstReported = takedown.FirstReportedAt ?? await FirstReports.ReceivedAtAsync(db, route, ct);
        return new TakedownView(
            route.Id, route.AssignedOrganisationId, takedown.State, takedown.NoticeAt, takedown.RechecksDone, takedown.NextRecheckAt,
            takedown.State == TakedownState.AwaitingRemoval && takedown.PendingRecheckId is null,
            firstReported, takedown.RemovedAt, takedown.TimeToRemoval,
            [.. actions.OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => new TakedownActionView(a.Id, a.Kind, a.Reason, a.Note, a.At, a.OrganisationId, a.ActorKind, a.RecheckId))]);
    }

    /// <summary>The routes assigned to the viewer that stand in <paramref name="queue"/>, with their takedown (none before the first action).</summary>
    private IQueryable<QueuedRoute> Queued(RouteViewer viewer, TakedownQueue queue)
    {
        var organisation = viewer.OrganisationId;
        var rows =
            from r in db.Set<ContentRoute>().AsNoTracking().Where(r => r.AssignedOrganisationId == organisation && r.State != RouteState.Withdrawn)
            join t in db.Set<RouteTakedown>().AsNoTracking() on r.Id equals t.RouteId into takedowns
            from t in takedowns.DefaultIfEmpty()
            select new QueuedRoute { Route = r, Takedown = t };
        return queue switch
        {
            TakedownQueue.Unactioned => rows.Where(x => x.Takedown == null || x.Takedown.State == TakedownState.Unactioned),
            TakedownQueue.AwaitingRecheck => rows.Where(x => x.Takedown != null && x.Takedown.State == TakedownState.AwaitingRemoval),
            TakedownQueue.Offline => rows.Where(x => x.Takedown != null
                && (x.Takedown.State == TakedownState.Removed || x.Takedown.State == TakedownState.Unavailable)),
            _ => throw new ArgumentOutOfRangeException(nameof(queue), queue, null),
        };
    }

    /// <remarks>Set by an initialiser, not a constructor: EF Core translates the queries composed over it.</remarks>
    private sealed class QueuedRoute
    {
        public required ContentRoute Route { get; init; }

        public RouteTakedown? Takedown { get; init; }
    }
}
