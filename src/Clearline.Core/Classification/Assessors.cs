using Clearline.Database;
using Clearline.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Classification;

/// <summary>Builds the <see cref="Assessor"/> a request acts as, from its organisation and its person or key.</summary>
public sealed class Assessors(ClearlineDbContext db)
{
    /// <summary>The assessor, or null when the organisation does not exist.</summary>
    public async Task<Assessor?> FindAsync(Guid organisationId, Guid analystId, bool isApiKey, CancellationToken ct)
    {
        var organisation = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        return organisation is null ? null : Assessor.For(organisation, analystId, isApiKey);
    }
}
