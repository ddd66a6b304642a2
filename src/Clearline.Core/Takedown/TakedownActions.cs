using Clearline.Crawling;
using Clearline.Events;
using Clearline.Organisations;
using Clearline.Routing;

namespace Clearline.Takedown;

/// <summary>Records an action on a content URL and moves its takedown along: notices start re-checks, final actions close it.</summary>
/// <remarks>
/// <para>A route the caller cannot see (<see cref="RouteAccess.VisibleTo"/>) answers <see cref="NotFoundError"/>. Only the
/// hotline the content is assigned to now records actions: the reporting hotline and earlier hotlines see the
/// route but are refused with the name of the hotline that acts on it, because two hotlines sending notices for
/// the same content confuse the host and the statistics. The coordinator may record any action, also after a
/// final one: it corrects the network's records and acts on orphaned content.</para>
/// <para>Removed, Unavailable and NotIllegal close the takedown (a further action answers <see cref="ConflictError"/>);
/// Moved hands the content to the new country's hotline, which starts afresh.</para>
/// </remarks>
public sealed class TakedownActions(
    ClearlineDbContext db, UnitOfWork work, ContentRouting routing, RemovalRechecks rechecks, AuditTrail audit, EventAnnouncer events,
    IEnumerable<ITakedownActionGate> gates, TimeProvider time)
{
    public async Task<Result<TakedownAction>> RecordAsync(RouteViewer caller, Guid routeId, NewAction action, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(actor);
        var found = await ActingOnAsync(caller, routeId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var route = found.Value;
        if (route.State == RouteState.Withdrawn)
        {
            return new ConflictError("This content was withdrawn: the decision it was routed on no longer holds, so no takedown action is recorded on it. Its history says why.");
        }

        if (Validate(action) is { } invalid)
        {
            return invalid;
        }

        var takedown = await db.Set<RouteTakedown>().FirstOrDefaultAsync(t => t.RouteId == routeId, ct);
        if (takedown is not null && !takedown.State.IsOpen() && !caller.IsCoordinator)
        {
            return new ConflictError($"The takedown of this content is closed ({takedown.State}); only the coordinator records further actions.");
        }

        foreach (var gate in gates)
        {
            if (await gate.CheckAsync(route, action.Kind, ct) is { } refused)
            {
                return refused;
            }
        }

        // One unit of work: a Moved action moves the route and records the action, or does neither.
        await using var transaction = await work.BeginAsync(ct);
        if (action.Kind == TakedownActionKind.Moved)
        {
            var moved = await routing.RecordMovedAsync(caller, routeId, action.CountryCode, action.IpAddress, actor, ct);
            if (!moved.IsSuccess)
            {
                return moved.Error;
            }
        }

        var saved = await SaveAsync(route, takedown, caller, action, actor, ct);
        if (saved.IsSuccess)
        {
            await transaction.CommitAsync(ct);
        }

        return saved;
    }

    /// <summary>
    /// Re-checks the content now, after a notice, instead of waiting for the next scheduled re-check: the analyst
    /// who hears from the host that it was removed confirms it at once. A re-check that finds it gone records the
    /// removal like a scheduled one; one that still finds it leaves the schedule as it was.
    /// </summary>
    public async Task<Result<Recheck>> RecheckNowAsync(RouteViewer caller, Guid routeId, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(actor);
        var found = await ActingOnAsync(caller, routeId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var route = found.Value;
        var state = await db.Set<RouteTakedown>().Where(t => t.RouteId == routeId).Select(t => (TakedownState?)t.State).FirstOrDefaultAsync(ct);
        if (state != TakedownState.AwaitingRemoval)
        {
            return new ConflictError("No notice to the host awaits removal of this content; re-checks confirm removal after a ReportedToHost action.");
        }

        var recheck = await rechecks.AskNowAsync(route, time.GetUtcNow(), ct);
        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.TakedownRecheckRequested, actor, caller.OrganisationId, $"route:{route.Id:D}"), ct);
        await transaction.CommitAsync(ct);
        return recheck;
    }

    /// <summary>The route, when the caller sees it and acts on it: its assigned hotline, or the coordinator.</summary>
    private async Task<Result<ContentRoute>> ActingOnAsync(RouteViewer caller, Guid routeId, CancellationToken ct)
    {
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(caller)).FirstOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null)
        {
            return new NotFoundError("No such route.");
        }

        return caller.IsCoordinator || route.AssignedOrganisationId == caller.OrganisationId ? route : (Result<ContentRoute>)new RoutingRefused(await RefusalAsync(route, ct));
    }

    /// <summary>Saves the action in the caller's unit of work, which commits it.</summary>
    private async Task<Result<TakedownAction>> SaveAsync(
        ContentRoute route, RouteTakedown? takedown, RouteViewer caller, NewAction action, AuditActor actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (takedown is null)
        {
            takedown = new RouteTakedown { RouteId = route.Id };
            db.Add(takedown);
        }

        takedown.Apply(action.Kind, now);
        if (action.Kind == TakedownActionKind.Removed)
        {
            takedown.ConfirmRemoval(now, await FirstReports.ReceivedAtAsync(db, route, ct));
        }
        else if (action.Kind == TakedownActionKind.ReportedToHost && takedown.PendingRecheckId is null)
        {
            await rechecks.ScheduleAsync(takedown, route, now, ct);
        }

        var recorded = new TakedownAction
        {
            RouteId = route.Id,
            Kind = action.Kind,
            Reason = action.Reason,
            Note = string.IsNullOrWhiteSpace(action.Note) ? null : action.Note.Trim(),
            At = now,
            OrganisationId = caller.OrganisationId,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
        };
        db.Add(recorded);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new ConflictError("Another action on this content was recorded meanwhile; reload it and try again.");
        }

        await audit.AppendAsync(new AuditEvent(
            AuditAction.TakedownActionRecorded, actor, caller.OrganisationId, $"route:{route.Id:D}", Detail: $"kind={action.Kind};reason={action.Reason}"), ct);
        await events.AnnounceAsync(new TakedownActionRecorded(route, recorded, actor), ct);
        await db.SaveChangesAsync(ct);
        return recorded;
    }

    private static InvalidError? Validate(NewAction action)
    {
        if (!Enum.IsDefined(action.Kind))
        {
            return new InvalidError("kind", $"The action is one of {string.Join(", ", Enum.GetNames<TakedownActionKind>())}.");
        }

        if (!ActionReasons.IsAllowed(action.Kind, action.Reason))
        {
            return new InvalidError("reason", $"'{action.Reason}' is not a reason for {action.Kind}; use one of {string.Join(", ", ActionReasons.For(action.Kind))}.");
        }

        if (action.Note is { Length: > TakedownActionConfiguration.MaxNoteLength })
        {
            return new InvalidError("note", $"The note is longer than {TakedownActionConfiguration.MaxNoteLength} characters.");
        }

        if (action.Kind != TakedownActionKind.Moved && (action.CountryCode is not null || action.IpAddress is not null))
        {
            return new InvalidError("countryCode", "A country and IP address are only given with a Moved action.");
        }

        return null;
    }

    private async Task<string> RefusalAsync(ContentRoute route, CancellationToken ct)
    {
        if (route.AssignedOrganisationId is not { } assigned)
        {
            return "This content is orphaned; a mandated hotline claims it before recording actions on it.";
        }

        var name = await db.Set<Organisation>().AsNoTracking().Where(o => o.Id == assigned).Select(o => o.Name).FirstAsync(ct);
        return $"This content is assigned to {name}; only that hotline records actions on it.";
    }
}
