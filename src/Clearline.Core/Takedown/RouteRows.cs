using Clearline.Classification;
using Clearline.Crawling;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Routing;

namespace Clearline.Takedown;

/// <summary>One line of the routes screen: the content URL, its hosting, who reported it, its classification and takedown.</summary>
public sealed record RouteRow(
    Guid Id, string Url, string? CountryCode, string? IpAddress, string? Network, string ReportedBy, DateTimeOffset ReportedAt,
    string Classification, TakedownActionView? LastAction, TakedownState State, TimeSpan? TimeToRemoval,
    RouteSubject Subject = RouteSubject.Media, Verdict Verdict = Verdict.Baseline, string? Jurisdiction = null, bool BehindCdn = false,
    RouteState RouteState = RouteState.Assigned, string? WithdrawnReason = null);

/// <summary>The media item found at a route's URL, if the crawler stored one, and the decisions in force for it, oldest first.</summary>
public sealed record RouteMedia(MediaItem? Item, IReadOnlyList<MediaClassification> Classifications);

/// <summary>
/// Fills in the lines of the routes screen for a page of route ids: hosting, report, classification and the last
/// action, a handful of queries per page rather than per line; and the media of one route for its screen.
/// </summary>
/// <remarks>
/// Reports and crawled URLs belong to the reporting hotline, so they are read past the tenant filter, and only for
/// routes <see cref="RouteAccess.VisibleTo"/> admits for the viewer (ids it does not admit are left out, like ids that
/// do not exist). Of the report only the reporting hotline's name and the time are shown.
/// </remarks>
public sealed class RouteRows(ClearlineDbContext db)
{
    public async Task<IReadOnlyList<RouteRow>> ForAsync(RouteViewer viewer, IReadOnlyList<Guid> routeIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var routes = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer)).Where(r => routeIds.Contains(r.Id))
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), r => r.CrawledUrlId, u => u.Id, (r, u) => new { Route = r, u.Url, u.NetworkOrganisation, u.Asn, u.MediaSha256 })
            .Join(db.Set<Report>().IgnoreQueryFilters(), x => x.Route.ReportId, p => p.Id, (x, p) => new { x.Route, x.Url, x.NetworkOrganisation, x.Asn, x.MediaSha256, p.ReceivedAt })
            .Join(db.Set<Organisation>(), x => x.Route.ReportingOrganisationId, o => o.Id, (x, o) => new { x.Route, x.Url, x.NetworkOrganisation, x.Asn, x.MediaSha256, x.ReceivedAt, Reporter = o.Name })
            .ToListAsync(ct);
        var visible = routes.Select(r => r.Route.Id).ToList();
        var takedowns = await db.Set<RouteTakedown>().AsNoTracking().Where(t => visible.Contains(t.RouteId)).ToDictionaryAsync(t => t.RouteId, ct);
        var actions = await db.Set<TakedownAction>().AsNoTracking().Where(a => visible.Contains(a.RouteId)).ToListAsync(ct);
        var lastActions = actions.GroupBy(a => a.RouteId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.At).ThenBy(a => a.Id).Last());
        var withdrawn = routes.Where(r => r.Route.State == RouteState.Withdrawn).Select(r => r.Route.Id).ToList();
        var reasons = (await db.Set<ContentRouteEvent>().AsNoTracking().Where(e => withdrawn.Contains(e.RouteId) && e.Kind == RouteEventKind.Withdrawn).ToListAsync(ct))
            .GroupBy(e => e.RouteId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Id).Last().Reason);
        var classifications = await CurrentClassificationsAsync([.. routes.Select(r => r.MediaSha256).OfType<string>()], ct);
        var byId = routes.ToDictionary(r => r.Route.Id);
        return [.. routeIds.Where(byId.ContainsKey).Select(id =>
        {
            var x = byId[id];
            var takedown = takedowns.GetValueOrDefault(id);
            var last = lastActions.GetValueOrDefault(id);
            var network = x.Asn is { } asn ? $"AS{asn} {x.NetworkOrganisation}".Trim() : x.NetworkOrganisation;
            return new RouteRow(
                id, x.Url, x.Route.CountryCode, x.Route.ServerAddress, network, x.Reporter, x.ReceivedAt,
                Summary(x.MediaSha256 is { } sha ? classifications[sha] : null),
                last is null ? null : new TakedownActionView(last.Id, last.Kind, last.Reason, last.Note, last.At, last.OrganisationId, last.ActorKind, last.RecheckId),
                takedown?.State ?? TakedownState.Unactioned, takedown?.TimeToRemoval,
                x.Route.Subject, x.Route.Verdict, x.Route.Jurisdiction, x.Route.BehindCdn, x.Route.State, reasons.GetValueOrDefault(id));
        })];
    }

    /// <summary>The media at a route's URL with its decisions in force; null when the viewer may not see the route.</summary>
    public async Task<RouteMedia?> MediaAsync(RouteViewer viewer, Guid routeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var found = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer)).Where(r => r.Id == routeId)
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), r => r.CrawledUrlId, u => u.Id, (r, u) => new { u.MediaSha256 })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        if (found.MediaSha256 is not { } sha256)
        {
            return new RouteMedia(null, []);
        }

        var item = await db.Set<MediaItem>().AsNoTracking().FirstOrDefaultAsync(m => m.Sha256 == sha256, ct);
        return new RouteMedia(item, [.. (await CurrentClassificationsAsync([sha256], ct))[sha256]]);
    }

    /// <summary>"Baseline", "National (DE)", "Not assessed": the decisions in force, in words.</summary>
    public static string Summary(IEnumerable<MediaClassification>? decisions)
    {
        if (decisions is null)
        {
            return "No media";
        }

        var words = decisions.Select(Verdict).Distinct(StringComparer.Ordinal).ToList();
        return words.Count == 0 ? "Not assessed" : string.Join(", ", words);
    }

    public static string Verdict(MediaClassification decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Verdict switch
        {
            Classification.Verdict.Baseline => "Baseline",
            Classification.Verdict.National => $"National ({decision.Jurisdiction})",
            Classification.Verdict.NotIllegal => decision.Jurisdiction is { } j ? $"Not illegal ({j})" : "Not illegal",
            _ => decision.Verdict.ToString(),
        };
    }

    /// <summary>The decisions in force for each media item (none superseded), oldest first.</summary>
    private async Task<ILookup<string, MediaClassification>> CurrentClassificationsAsync(IReadOnlyList<string> sha256s, CancellationToken ct)
    {
        var current = await db.Set<MediaClassification>().AsNoTracking()
            .Where(c => sha256s.Contains(c.MediaSha256) && c.SupersededAt == null)
            .ToListAsync(ct);
        return current.OrderBy(c => c.ClassifiedAt).ToLookup(c => c.MediaSha256, StringComparer.Ordinal);
    }
}
