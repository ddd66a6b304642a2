using Clearline.Tenancy;

namespace Clearline.Routing;

/// <summary>Builds the <see cref="RouteViewer"/> for the caller a request acts for.</summary>
public sealed class RouteViewers(ClearlineDbContext db)
{
    /// <summary>The caller's organisation as a route viewer (its kind is the caller's; whether it is mandated is read now).</summary>
    public async Task<RouteViewer> FindAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var mandated = await db.Set<OrphanMandate>().AnyAsync(m => m.OrganisationId == caller.OrganisationId, ct);
        return new RouteViewer(caller.OrganisationId, caller.Kind, mandated);
    }
}
