using Clearline.Crawling;
using Clearline.Routing;
using Microsoft.Extensions.Options;

namespace Clearline.Takedown;

/// <summary>
/// Where confirming removal stands after a re-check that failed the way removal does (404, 410, no DNS name,
/// connection refused) but not yet often enough in a row: how many more such failures confirm it.
/// </summary>
public sealed record RecheckProgress(int FailuresInARow, int FailuresToConfirm, int MoreFailuresNeeded, string Explanation);

/// <summary>The re-checks of a route's content URL, newest first (at most 100), and the progress towards confirming removal.</summary>
public sealed record RouteRecheckList(Guid RouteId, Guid UrlId, IReadOnlyList<Recheck> Rechecks, RecheckProgress? Progress);

/// <summary>The outcome of every re-check of a route's content URL, for everyone who sees the route.</summary>
/// <remarks>
/// Re-checks belong to the reporting hotline (its crawl found the URL), so they are read past the tenant filter, but
/// only once <see cref="RouteAccess.VisibleTo"/> lets the caller see the route: the hotline it is assigned to (which
/// asks for them with its notices and "Re-check now"), the hotlines it was assigned to before, the reporting
/// hotline and the coordinator. Anyone else gets "not found", exactly like a route that does not exist.
/// </remarks>
public sealed class RouteRechecks(ClearlineDbContext db, IOptions<CrawlerOptions> crawler)
{
    public const int Limit = 100;

    public async Task<Result<RouteRecheckList>> ListAsync(RouteViewer viewer, Guid routeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer))
            .Where(r => r.Id == routeId).Select(r => new { r.Id, r.CrawledUrlId }).FirstOrDefaultAsync(ct);
        if (route is null)
        {
            return new NotFoundError("No such route.");
        }

        var rechecks = await db.Set<Recheck>().IgnoreQueryFilters().AsNoTracking().Where(r => r.CrawledUrlId == route.CrawledUrlId)
            .OrderByDescending(r => r.Id).Take(Limit).ToListAsync(ct);
        return new RouteRecheckList(route.Id, route.CrawledUrlId, rechecks, Progress(rechecks.FirstOrDefault(r => r.CheckedAt is not null)));
    }

    /// <summary>The progress after <paramref name="latest"/> when it failed the way removal does but did not confirm it yet.</summary>
    private RecheckProgress? Progress(Recheck? latest)
    {
        if (latest is not { Outcome: RecheckOutcome.Unreachable, ConsecutiveFailures: > 0 } failed)
        {
            return null;
        }

        var needed = crawler.Value.GoneAfterFailures;
        var more = Math.Max(needed - failed.ConsecutiveFailures, 1);
        var answer = failed.StatusCode is { } status ? $"answered {status}" : "could not reach the server";
        var explanation =
            $"The last re-check {answer}: {failed.ConsecutiveFailures} of the {needed} failures in a row that confirm removal. "
            + (more == 1 ? "One more re-check that fails the same way confirms it" : $"{more} more re-checks that fail the same way confirm it")
            + "; \"Re-check now\" counts the next one at once.";
        return new RecheckProgress(failed.ConsecutiveFailures, needed, more, explanation);
    }
}
