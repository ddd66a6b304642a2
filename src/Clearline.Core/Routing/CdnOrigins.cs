using System.Net;
using Clearline.Organisations;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Routing;

/// <summary>What the route's page shows about content behind a CDN.</summary>
/// <param name="RouteId">The route.</param>
/// <param name="BehindCdn">The address found is a CDN's edge, not the origin host.</param>
/// <param name="OriginOrganisation">The origin's organisation, once the assigned hotline recorded it.</param>
/// <param name="OriginRecorded">The assigned hotline has recorded the origin.</param>
/// <param name="CountryCode">The hosting country the route follows now.</param>
/// <param name="ServerAddress">The hosting address the route follows now.</param>
/// <param name="CanRecord">The viewer may record the origin (the assigned hotline, or the coordinator).</param>
public sealed record CdnOriginView(
    Guid RouteId, bool BehindCdn, string? OriginOrganisation, bool OriginRecorded, string? CountryCode, string? ServerAddress, bool CanRecord);

/// <summary>
/// Content behind a CDN: the trace found the CDN's edge, so the route carries <see cref="ContentRoute.BehindCdn"/>
/// and its country is the edge's. The assigned hotline asks the CDN for the origin host and records it here
/// (country, address, organisation); the route then moves to the origin country's designated hotline, or is
/// orphaned where the network has none. The CDN's country is never taken as the hosting country of content
/// without the flag.
/// </summary>
public sealed class CdnOrigins(ClearlineDbContext db, UnitOfWork work, ContentRouting routing, HotlineDesignations designations)
{
    /// <summary>The longest organisation name kept.</summary>
    public const int MaxOrganisationLength = 200;

    /// <summary>The CDN facts of a route the viewer sees; null when it sees no such route.</summary>
    public async Task<CdnOriginView?> ForRouteAsync(RouteViewer caller, Guid routeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(caller)).FirstOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null)
        {
            return null;
        }

        var recorded = await db.Set<ContentRouteEvent>().AnyAsync(e => e.RouteId == routeId && e.Kind == RouteEventKind.OriginRecorded, ct);
        return new CdnOriginView(route.Id, route.BehindCdn, route.OriginOrganisation, recorded, route.CountryCode, route.ServerAddress,
            caller.IsCoordinator || route.AssignedOrganisationId == caller.OrganisationId);
    }

    /// <summary>
    /// The assigned hotline (or the coordinator) records the origin host it learned from the CDN: the route goes to
    /// the origin country's hotline, with the organisation kept on the route and as the event's reason.
    /// </summary>
    /// <returns>The route as it is now; not found when the caller does not see it, refused when it is not the assigned
    /// hotline, a conflict when the route is not behind a CDN or changed meanwhile, invalid for a bad country, address
    /// or organisation.</returns>
    public async Task<Result<ContentRoute>> RecordAsync(
        RouteViewer caller, Guid routeId, string? countryCode, string? ipAddress, string? organisation, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(caller)).FirstOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null)
        {
            return new NotFoundError("No such route.");
        }

        if (!caller.IsCoordinator && route.AssignedOrganisationId != caller.OrganisationId)
        {
            return new RoutingRefused(route.AssignedOrganisationId is null
                ? "This content is orphaned; a mandated hotline claims it before recording its origin behind the CDN."
                : "This content is assigned to another hotline; only the assigned hotline records the origin behind the CDN.");
        }

        if (!route.BehindCdn)
        {
            return new ConflictError("This content is not behind a CDN, so it has no origin to record; if it is hosted elsewhere now, record that it moved.");
        }

        var country = countryCode?.Trim().ToUpperInvariant();
        if (!CountryCodes.IsAssigned(country))
        {
            return new InvalidError("countryCode", $"'{countryCode}' is not an ISO 3166-1 alpha-2 country code; give the origin's country, such as DE.");
        }

        IPAddress? address = null;
        if (!string.IsNullOrWhiteSpace(ipAddress) && !IPAddress.TryParse(ipAddress.Trim(), out address))
        {
            return new InvalidError("ipAddress", $"'{ipAddress}' is not an IPv4 or IPv6 address; give the origin's address as the CDN reported it, or leave it empty.");
        }

        var name = string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim();
        if (name is { Length: > MaxOrganisationLength } || name?.Any(char.IsControl) == true)
        {
            return new InvalidError("organisation", $"The origin's organisation must be one line of at most {MaxOrganisationLength} characters.");
        }

        var hotline = await designations.ResolveAsync(country, ct);
        await using var transaction = await work.BeginAsync(ct);
        var earlier = await db.Set<ContentRouteEvent>()
            .Where(e => e.RouteId == routeId && e.Kind == RouteEventKind.OriginRecorded)
            .Select(e => e.Id)
            .ToListAsync(ct);
        var changed = await routing.ChangeAsync(route, caller, RouteEventKind.OriginRecorded, hotline, country, address?.ToString(),
            AuditAction.RouteOriginRecorded, actor, ct);
        if (!changed.IsSuccess)
        {
            return changed.Error;
        }

        await db.Set<ContentRoute>().Where(r => r.Id == routeId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OriginOrganisation, name), ct);
        await db.Set<ContentRouteEvent>()
            .Where(e => e.RouteId == routeId && e.Kind == RouteEventKind.OriginRecorded && !earlier.Contains(e.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Reason, name).SetProperty(e => e.ServerAddress, address == null ? null : address.ToString()), ct);
        await transaction.CommitAsync(ct);
        return await db.Set<ContentRoute>().AsNoTracking().FirstAsync(r => r.Id == routeId, ct);
    }
}

public static class CdnOriginServices
{
    /// <summary>Recording the origin of content behind a CDN (<see cref="CdnOrigins"/>).</summary>
    public static IServiceCollection AddCdnOrigins(this IServiceCollection services)
    {
        services.AddScoped<CdnOrigins>();
        return services;
    }
}
