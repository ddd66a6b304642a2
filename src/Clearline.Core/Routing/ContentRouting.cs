using System.Net;
using Clearline.Organisations;

namespace Clearline.Routing;

/// <summary>
/// Changes the assignment of routed content (<see cref="IllegalContentRouting"/> opens routes): a mandated hotline
/// claims orphaned content, the assigned hotline records that content moved, the coordinator reassigns.
/// </summary>
/// <remarks>
/// A route the caller cannot see answers <see cref="NotFoundError"/>; one it sees but may not change answers
/// <see cref="RoutingRefused"/> saying why. Each change is a conditional update on the assignment the decision
/// was made on, so two hotlines acting at once end with one winner and a <see cref="ConflictError"/>, never a lost write.
/// </remarks>
public sealed class ContentRouting(
    ClearlineDbContext db, UnitOfWork work, HotlineDesignations designations, AuditTrail audit, TimeProvider time)
{
    /// <summary>A mandated hotline takes orphaned content on.</summary>
    public async Task<Result<ContentRoute>> ClaimAsync(RouteViewer caller, Guid routeId, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var route = await FindVisibleAsync(caller, routeId, ct);
        if (route is null)
        {
            return new NotFoundError("No such route.");
        }

        if (caller.Kind != OrganisationKind.Hotline || !caller.IsMandated)
        {
            return new RoutingRefused(caller.IsCoordinator
                ? "The coordinator assigns orphaned content to a hotline (POST /routes/{id}/assign) rather than claiming it."
                : "Your hotline is not mandated by the coordinator to claim orphaned content.");
        }

        if (route.AssignedOrganisationId is not null)
        {
            return new ConflictError("This content is assigned to a hotline already; only orphaned content can be claimed.");
        }

        return await ChangeAsync(route, caller, RouteEventKind.Claimed, caller.OrganisationId, route.CountryCode, route.ServerAddress, AuditAction.RouteClaimed, actor, ct);
    }

    /// <summary>
    /// The assigned hotline (or the coordinator) records that the content is hosted elsewhere now: it goes to the
    /// new country's hotline, or is orphaned where the network has none.
    /// </summary>
    public async Task<Result<ContentRoute>> RecordMovedAsync(
        RouteViewer caller, Guid routeId, string? countryCode, string? ipAddress, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var route = await FindVisibleAsync(caller, routeId, ct);
        if (route is null)
        {
            return new NotFoundError("No such route.");
        }

        if (!caller.IsCoordinator && route.AssignedOrganisationId != caller.OrganisationId)
        {
            return new RoutingRefused(route.AssignedOrganisationId is null
                ? "This content is orphaned; a mandated hotline claims it before recording that it moved."
                : "This content is assigned to another hotline; only the assigned hotline records that it moved.");
        }

        var country = countryCode?.Trim().ToUpperInvariant();
        if (!CountryCodes.IsAssigned(country))
        {
            return new InvalidError("countryCode", $"'{countryCode}' is not an ISO 3166-1 alpha-2 country code.");
        }

        IPAddress? address = null;
        if (!string.IsNullOrWhiteSpace(ipAddress) && !IPAddress.TryParse(ipAddress.Trim(), out address))
        {
            return new InvalidError("ipAddress", $"'{ipAddress}' is not an IPv4 or IPv6 address.");
        }

        var hotline = await designations.ResolveAsync(country, ct);
        return await ChangeAsync(route, caller, RouteEventKind.Moved, hotline, country, address?.ToString(), AuditAction.RouteMoved, actor, ct);
    }

    /// <summary>The coordinator assigns any route to a hotline: orphaned content it places, or an assignment it corrects.</summary>
    public async Task<Result<ContentRoute>> AssignAsync(RouteViewer caller, Guid routeId, Guid hotlineId, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var route = await FindVisibleAsync(caller, routeId, ct);
        if (route is null)
        {
            return new NotFoundError("No such route.");
        }

        if (!caller.IsCoordinator)
        {
            return new RoutingRefused("Only the coordinator assigns content to a hotline.");
        }

        if (!await db.Set<Organisation>().AnyAsync(o => o.Id == hotlineId && o.Kind == OrganisationKind.Hotline, ct))
        {
            return new InvalidError("organisationId", "Content can only be assigned to a member hotline.");
        }

        return await ChangeAsync(route, caller, RouteEventKind.Reassigned, hotlineId, route.CountryCode, route.ServerAddress, AuditAction.RouteReassigned, actor, ct);
    }

    private Task<ContentRoute?> FindVisibleAsync(RouteViewer caller, Guid routeId, CancellationToken ct) =>
        db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(caller)).FirstOrDefaultAsync(r => r.Id == routeId, ct);

    /// <summary>Changes the assignment, conditional on the one the decision was made on, with its event and audit, in one unit of work.</summary>
    internal async Task<Result<ContentRoute>> ChangeAsync(
        ContentRoute route, RouteViewer caller, RouteEventKind kind, Guid? hotline, string? country, string? address,
        AuditAction action, AuditActor actor, CancellationToken ct)
    {
        if (route.State == RouteState.Withdrawn)
        {
            return new ConflictError("This content was withdrawn: the decision it was routed on no longer holds, so nobody acts on it unless it is decided illegal again.");
        }

        var now = time.GetUtcNow();
        var previous = route.AssignedOrganisationId;
        var state = hotline is null ? RouteState.Orphaned : RouteState.Assigned;
        var claimedAt = kind is RouteEventKind.Claimed or RouteEventKind.Reassigned ? now : route.ClaimedAt;
        await using var transaction = await work.BeginAsync(ct);
        var updated = await db.Set<ContentRoute>()
            .Where(r => r.Id == route.Id && r.AssignedOrganisationId == previous && r.State != RouteState.Withdrawn)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.AssignedOrganisationId, hotline)
                .SetProperty(r => r.State, state)
                .SetProperty(r => r.CountryCode, country)
                .SetProperty(r => r.ServerAddress, address)
                .SetProperty(r => r.ClaimedAt, claimedAt), ct);
        if (updated == 0)
        {
            return new ConflictError("The content's assignment changed meanwhile; reload it and try again.");
        }

        db.Add(new ContentRouteEvent
        {
            RouteId = route.Id,
            Kind = kind,
            At = now,
            ActorOrganisationId = caller.OrganisationId,
            FromOrganisationId = previous,
            ToOrganisationId = hotline,
            FromCountryCode = route.CountryCode,
            ToCountryCode = country,
            ServerAddress = kind == RouteEventKind.Moved ? address : null,
        });
        await db.SaveChangesAsync(ct);
        var detail = $"from={previous?.ToString("D") ?? "orphaned"}, to={hotline?.ToString("D") ?? "orphaned"}";
        await audit.AppendAsync(new AuditEvent(action, actor, caller.OrganisationId, $"route:{route.Id:D}", Detail: detail), ct);
        await transaction.CommitAsync(ct);
        return await db.Set<ContentRoute>().AsNoTracking().FirstAsync(r => r.Id == route.Id, ct);
    }
}
