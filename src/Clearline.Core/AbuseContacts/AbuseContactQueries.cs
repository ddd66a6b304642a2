using Clearline.Crawling;
using Clearline.Crawling.Extraction;
using Clearline.Routing;

namespace Clearline.AbuseContacts;

/// <summary>One abuse contact of a route as last looked up; <see cref="State"/> Pending until the first answer.</summary>
/// <param name="Source">Network (the hosting IP's registry) or Registrar (the domain's).</param>
/// <param name="Key">The IP address or registrable domain looked up.</param>
/// <param name="State">Pending, Found, NotFound or Failed.</param>
/// <param name="Email">The abuse e-mail address, when found.</param>
/// <param name="Name">The abuse contact's name.</param>
/// <param name="Organisation">The network's holder or the registrar.</param>
/// <param name="Phone">The abuse contact's phone, when the registry gives one.</param>
/// <param name="Handle">The abuse entity's RDAP handle.</param>
/// <param name="ServerUrl">The RDAP URL asked.</param>
/// <param name="Error">Why the lookup failed or found nothing, in words.</param>
/// <param name="Attempts">Lookups in the current series.</param>
/// <param name="LookedUpAt">When the last answer (or failure) came.</param>
/// <param name="NextAttemptAt">After a failure: when it is tried again; null when the retries stopped.</param>
public sealed record RouteAbuseContact(
    AbuseContactSource Source, string Key, AbuseContactState State, string? Email, string? Name, string? Organisation, string? Phone,
    string? Handle, string? ServerUrl, string? Error, int Attempts, DateTimeOffset? LookedUpAt, DateTimeOffset? NextAttemptAt);

/// <summary>A route's abuse contacts: the network's (null when the hosting IP is unknown) and the registrar's (null for an IP host).</summary>
public sealed record RouteAbuseContacts(Guid RouteId, RouteAbuseContact? Network, RouteAbuseContact? Registrar)
{
    /// <summary>Both, network first, leaving out those that do not apply.</summary>
    public IReadOnlyList<RouteAbuseContact> Both() => [.. new[] { Network, Registrar }.OfType<RouteAbuseContact>()];
}

/// <summary>Reads the abuse contacts found for a route.</summary>
public sealed class AbuseContactQueries(ClearlineDbContext db, PublicSuffixList suffixes)
{
    /// <summary>The contacts for a route the viewer sees; not found otherwise (<see cref="RouteAccess.VisibleTo"/>).</summary>
    public async Task<Result<RouteAbuseContacts>> ForViewerAsync(RouteViewer viewer, Guid routeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var visible = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(viewer)).AnyAsync(r => r.Id == routeId, ct);
        return visible && await ForRouteAsync(routeId, ct) is { } contacts
            ? contacts
            : new NotFoundError("No such route, or not one your organisation can see.");
    }

    /// <summary>The contacts for a route, for a feature that has already checked the caller sees it (the notice composer); null when no such route.</summary>
    /// <remarks>No visibility check here: callers answering a person go through <see cref="ForViewerAsync"/> or check <see cref="RouteAccess.VisibleTo"/> first.</remarks>
    public async Task<RouteAbuseContacts?> ForRouteAsync(Guid routeId, CancellationToken ct)
    {
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(r => r.Id == routeId)
            .Select(r => new { r.ServerAddress, r.CrawledUrlId }).FirstOrDefaultAsync(ct);
        if (route is null)
        {
            return null;
        }

        var url = await db.Set<CrawledUrl>().IgnoreQueryFilters().Where(u => u.Id == route.CrawledUrlId).Select(u => u.Url).FirstOrDefaultAsync(ct);
        RouteAbuseContact? network = null, registrar = null;
        foreach (var (source, key) in AbuseContactTargets.Of(route.ServerAddress, url, suffixes))
        {
            var row = await db.Set<AbuseContact>().AsNoTracking().FirstOrDefaultAsync(c => c.Source == source && c.Key == key, ct);
            var contact = row is null
                ? new RouteAbuseContact(source, key, AbuseContactState.Pending, null, null, null, null, null, null, null, 0, null, null)
                : new RouteAbuseContact(source, key, row.State, row.Email, row.Name, row.Organisation, row.Phone, row.Handle, row.ServerUrl, row.Error, row.Attempts, row.LookedUpAt, row.NextAttemptAt);
            if (source == AbuseContactSource.Network)
            {
                network = contact;
            }
            else
            {
                registrar = contact;
            }
        }

        return new RouteAbuseContacts(routeId, network, registrar);
    }
}
