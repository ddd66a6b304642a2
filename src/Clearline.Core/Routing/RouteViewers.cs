using Clearline.Database;
using Clearline.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Routing;

/// <summary>Builds the <see cref="RouteViewer"/> for the organisation a request acts for.</summary>
public sealed class RouteViewers(ClearlineDbContext db)
{
    /// <summary>The viewer, or null when the organisation does not exist.</summary>
    public async Task<RouteViewer?> FindAsync(Guid organisationId, CancellationToken ct)
    {
        var organisation = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null)
        {
            return null;
        }

        var mandated = await db.Set<OrphanMandate>().AnyAsync(m => m.OrganisationId == organisationId, ct);
        return new RouteViewer(organisation.Id, organisation.Kind, mandated);
    }
}
