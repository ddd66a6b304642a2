using Clearline.Crawling;
using Clearline.Jobs;
using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.Notices;

/// <summary>One notice or reminder on a route's timeline, with where its delivery stands.</summary>
/// <remarks>
/// <c>NextAttemptAt</c>: while queued or retrying, when the next delivery attempt is due. <c>EscalationDueAt</c>: once sent,
/// when Clearline looks whether the content is still online (then a reminder, or the unresponsive flag).
/// </remarks>
public sealed record NoticeView(
    Guid Id, NoticeKind Kind, Guid? RemindsNoticeId, NoticeChannel Channel, string Recipient, string Language, string Subject, string Body,
    string Reference, IReadOnlyList<string> Urls, DateTimeOffset CreatedAt, NoticeDeliveryState State, int Attempts, DateTimeOffset? LastAttemptAt,
    DateTimeOffset? SentAt, string? MessageId, string? Error, DateTimeOffset? NextAttemptAt, DateTimeOffset? EscalationDueAt);

/// <summary>A route's notices and reminders, oldest first, and whether its host was flagged unresponsive.</summary>
/// <remarks>
/// <c>CanSend</c>: the caller acts on the route (its assigned hotline, or the coordinator) and its takedown is open.
/// <c>UnresponsiveSince</c>: when the host was flagged unresponsive, while the takedown still awaits removal; null otherwise.
/// </remarks>
public sealed record RouteNotices(Guid RouteId, bool CanSend, DateTimeOffset? UnresponsiveSince, IReadOnlyList<NoticeView> Notices);

/// <summary>A route in the "host unresponsive" queue: the content was still online after the notice and its reminder.</summary>
public sealed record UnresponsiveRoute(Guid FlagId, Guid RouteId, string Url, string? CountryCode, string? ServerAddress, DateTimeOffset FlaggedAt, Guid ReminderId);

public sealed record UnresponsivePage(IReadOnlyList<UnresponsiveRoute> Items, Guid? NextCursor);

/// <summary>The notices of a route, and the hotline's "host unresponsive" queue.</summary>
public sealed class NoticeQueries(ClearlineDbContext db)
{
    public const int MaxPageSize = 100;

    public async Task<Result<RouteNotices>> ForRouteAsync(RouteViewer viewer, Guid routeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer)).FirstOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null)
        {
            return new NotFoundError("No such route, or not one your organisation can see.");
        }

        var state = await db.Set<RouteTakedown>().Where(t => t.RouteId == routeId).Select(t => (TakedownState?)t.State).FirstOrDefaultAsync(ct) ?? TakedownState.Unactioned;
        var notices = await db.Set<Notice>().AsNoTracking().Include(n => n.Routes)
            .Where(n => db.Set<NoticeRoute>().Any(nr => nr.NoticeId == n.Id && nr.RouteId == routeId))
            .OrderBy(n => n.Id).ToListAsync(ct);
        var jobIds = notices.SelectMany(n => new[] { n.DeliveryJobId, n.EscalationJobId }).OfType<Guid>().ToList();
        var due = await db.Set<Job>().AsNoTracking().Where(j => jobIds.Contains(j.Id) && (j.State == JobState.Queued || j.State == JobState.Running))
            .Select(j => new { j.Id, j.RunAfter }).ToDictionaryAsync(j => j.Id, j => j.RunAfter, ct);
        var views = notices.Select(n => new NoticeView(
            n.Id, n.Kind, n.RemindsNoticeId, n.Channel, n.Recipient, n.Language, n.Subject, n.Body, n.Reference, [.. n.Routes.Select(r => r.Url)],
            n.CreatedAt, n.State, n.Attempts, n.LastAttemptAt, n.SentAt, n.MessageId, n.Error,
            n.State is NoticeDeliveryState.Queued or NoticeDeliveryState.Retrying && n.DeliveryJobId is { } d && due.TryGetValue(d, out var next) ? next : null,
            n.State == NoticeDeliveryState.Sent && n.EscalationJobId is { } e && due.TryGetValue(e, out var check) ? check : null)).ToList();
        DateTimeOffset? unresponsive = state == TakedownState.AwaitingRemoval
            ? await db.Set<UnresponsiveHost>().Where(f => f.RouteId == routeId).OrderBy(f => f.Id).Select(f => (DateTimeOffset?)f.FlaggedAt).FirstOrDefaultAsync(ct)
            : null;
        var acts = viewer.IsCoordinator || route.AssignedOrganisationId == viewer.OrganisationId;
        return new RouteNotices(routeId, acts && state.IsOpen(), unresponsive, views);
    }

    /// <summary>The caller's routes whose host was flagged unresponsive and whose takedown still awaits removal, oldest flag first.</summary>
    public async Task<UnresponsivePage> UnresponsiveAsync(RouteViewer viewer, Guid? cursor, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var organisation = viewer.OrganisationId;
        var flags = db.Set<UnresponsiveHost>().AsNoTracking().Where(f => f.OrganisationId == organisation);
        if (cursor is { } after)
        {
            flags = flags.Where(f => f.Id.CompareTo(after) > 0);
        }

        var rows = await flags
            .Join(db.Set<ContentRoute>(), f => f.RouteId, r => r.Id, (f, r) => new { Flag = f, Route = r })
            .Where(x => x.Route.AssignedOrganisationId == organisation)
            .Where(x => db.Set<RouteTakedown>().Any(t => t.RouteId == x.Route.Id && t.State == TakedownState.AwaitingRemoval))
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), x => x.Route.CrawledUrlId, u => u.Id, (x, u) => new { x.Flag, x.Route, u.Url })
            .OrderBy(x => x.Flag.Id).Take(limit + 1).ToListAsync(ct);
        var items = rows.Select(x => new UnresponsiveRoute(x.Flag.Id, x.Route.Id, x.Url, x.Route.CountryCode, x.Route.ServerAddress, x.Flag.FlaggedAt, x.Flag.ReminderId)).ToList();
        return items.Count > limit ? new UnresponsivePage(items[..limit], items[limit - 1].FlagId) : new UnresponsivePage(items, null);
    }
}
