using Clearline.Crawling;
using Clearline.Events;
using Clearline.Jobs;
using Clearline.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Takedown;

/// <summary>
/// After a notice to the host, re-checks the content URL every <see cref="TakedownOptions.RecheckInterval"/> through
/// the crawler's <see cref="RecheckJob"/>, and records removal when a re-check confirms it.
/// </summary>
/// <remarks>
/// <para>Removal is confirmed by the re-check's outcome: <see cref="RecheckOutcome.Gone"/> (404/410, no DNS name or
/// connection refused for <c>Crawler:GoneAfterFailures</c> checks in a row) or <see cref="RecheckOutcome.Changed"/>
/// (something else is served: other SHA-256 and, for images, PDQ beyond the match threshold). The removal time is
/// when the content was first seen gone: for Gone, the first failure of that run of failures.</para>
/// <para>A transient failure (time-out, 5xx) is <see cref="RecheckOutcome.Unreachable"/> and never removal, and it is
/// never turned into an automatic Unavailable either: a server that is down today or blocks the crawler may still
/// serve the content tomorrow, and closing the case would hide it. Re-checks go on until
/// <see cref="TakedownOptions.MaxRechecks"/>; then they stop and the route stays awaiting re-check for the analyst
/// to decide (another notice restarts them; Unavailable closes it).</para>
/// </remarks>
public sealed class RemovalRechecks(
    ClearlineDbContext db, JobQueue jobs, AuditTrail audit, IOptions<TakedownOptions> options, ILogger<RemovalRechecks> logger) : IEventObserver<RecheckCompleted>
{
    /// <summary>Adds the next re-check, due one interval after <paramref name="from"/>, to the caller's unit of work.</summary>
    internal async Task ScheduleAsync(RouteTakedown takedown, ContentRoute route, DateTimeOffset from, CancellationToken ct)
    {
        var runAfter = from + options.Value.RecheckInterval;
        var recheck = await AddRecheckAsync(route, from, runAfter, ct);
        takedown.PendingRecheckId = recheck.Id;
        takedown.NextRecheckAt = runAfter;
    }

    /// <summary>Adds a re-check due now to the caller's unit of work; the schedule stays as it is.</summary>
    internal Task<Recheck> AskNowAsync(ContentRoute route, DateTimeOffset now, CancellationToken ct) => AddRecheckAsync(route, now, now, ct);

    private async Task<Recheck> AddRecheckAsync(ContentRoute route, DateTimeOffset requestedAt, DateTimeOffset runAfter, CancellationToken ct)
    {
        // The crawled URL belongs to the reporting hotline; the re-check is of its URL, so it is owned likewise.
        var url = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Id == route.CrawledUrlId).Select(u => new { u.Id, u.OrganisationId }).FirstAsync(ct);
        var recheck = new Recheck { OrganisationId = url.OrganisationId, CrawledUrlId = url.Id, RequestedAt = requestedAt };
        recheck.JobId = jobs.Enqueue(RecheckJob.Kind, new RecheckJob(recheck.Id), url.OrganisationId, runAfter).Id;
        db.Add(recheck);
        return recheck;
    }

    /// <summary>
    /// Acts on the outcome of a re-check this workflow scheduled, and on a re-check someone asked for after the
    /// notice (an analyst's "re-check now") when it confirms removal; an asked-for check that still finds the content
    /// leaves the schedule as it is. Any other re-check is left alone.
    /// </summary>
    public async Task OnAsync(RecheckCompleted happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        var recheck = happened.Recheck;
        var scheduled = await db.Set<RouteTakedown>().FirstOrDefaultAsync(t => t.PendingRecheckId == recheck.Id, ct);
        var takedown = scheduled ?? await AwaitingRemovalAsync(recheck, ct);
        if (takedown is null || takedown.State != TakedownState.AwaitingRemoval || recheck.CheckedAt is not { } checkedAt
            || (scheduled is null && recheck.Outcome is not (RecheckOutcome.Gone or RecheckOutcome.Changed)))
        {
            return;
        }

        var route = await db.Set<ContentRoute>().AsNoTracking().FirstAsync(r => r.Id == takedown.RouteId, ct);
        takedown.PendingRecheckId = null;
        takedown.NextRecheckAt = null;
        takedown.RechecksDone++;
        takedown.Version++;
        if (recheck.Outcome is RecheckOutcome.Gone or RecheckOutcome.Changed)
        {
            await ConfirmRemovalAsync(takedown, route, recheck, checkedAt, ct);
        }
        else if (takedown.RechecksDone < options.Value.MaxRechecks)
        {
            await ScheduleAsync(takedown, route, checkedAt, ct);
        }
        else
        {
            logger.LogInformation("Route {RouteId}: removal not confirmed after {Count} re-checks; re-checks stop", route.Id, takedown.RechecksDone);
        }
    }

    /// <summary>The takedown awaiting removal of the re-checked URL, when the re-check was asked for after its notice.</summary>
    private Task<RouteTakedown?> AwaitingRemovalAsync(Recheck recheck, CancellationToken ct) =>
        db.Set<RouteTakedown>()
            .Where(t => t.State == TakedownState.AwaitingRemoval && t.NoticeAt <= recheck.RequestedAt)
            .Where(t => db.Set<ContentRoute>().Any(r => r.Id == t.RouteId && r.CrawledUrlId == recheck.CrawledUrlId))
            .FirstOrDefaultAsync(ct);

    /// <remarks>The audit append saves the re-check, the action and the record in the re-check's unit of work.</remarks>
    private async Task ConfirmRemovalAsync(RouteTakedown takedown, ContentRoute route, Recheck recheck, DateTimeOffset checkedAt, CancellationToken ct)
    {
        var removedAt = recheck.Outcome == RecheckOutcome.Gone ? await FirstFailureAtAsync(recheck, checkedAt, ct) : checkedAt;
        takedown.Apply(TakedownActionKind.Removed, checkedAt);
        takedown.ConfirmRemoval(removedAt, await FirstReports.ReceivedAtAsync(db, route, ct));
        db.Add(new TakedownAction
        {
            RouteId = route.Id,
            Kind = TakedownActionKind.Removed,
            Reason = ActionReason.ContentNotFound,
            At = checkedAt,
            OrganisationId = route.AssignedOrganisationId,
            ActorKind = AuditActorKind.System,
            RecheckId = recheck.Id,
        });
        await audit.AppendAsync(new AuditEvent(
            AuditAction.TakedownRemovalConfirmed, AuditActor.System, route.AssignedOrganisationId, $"route:{route.Id:D}", Detail: $"outcome={recheck.Outcome}"), ct);
        logger.LogInformation("Route {RouteId}: removal confirmed by a re-check", route.Id);
    }

    /// <summary>When the run of removal-like failures that ended in Gone began: the first check after the last one that found it online.</summary>
    private async Task<DateTimeOffset> FirstFailureAtAsync(Recheck gone, DateTimeOffset checkedAt, CancellationToken ct)
    {
        var checks = db.Set<Recheck>().AsNoTracking()
            .Where(r => r.CrawledUrlId == gone.CrawledUrlId && r.Outcome != RecheckOutcome.Pending && r.Id != gone.Id);
        var lastOnline = await checks.Where(r => r.ConsecutiveFailures == 0).OrderByDescending(r => r.Id).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (lastOnline is { } online)
        {
            checks = checks.Where(r => r.Id.CompareTo(online) > 0);
        }

        return await checks.OrderBy(r => r.Id).Select(r => r.CheckedAt).FirstOrDefaultAsync(ct) ?? checkedAt;
    }
}
