using Clearline.Database;
using Clearline.Media;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Routing;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Classification;

/// <summary>The media items a hotline may assess: those its own crawls found, and those of content routed to it.</summary>
/// <remarks>
/// Every other item answers 404 to the hotline, exactly like one that does not exist: that another hotline found
/// an item is that hotline's report detail. The coordinator, who runs the network's routing and may change any
/// decision, sees every item.
/// </remarks>
public sealed class FoundItems(ClearlineDbContext db)
{
    /// <summary>The addresses of the items found by or routed to an organisation (repeated once per occurrence).</summary>
    public IQueryable<string> For(Guid organisationId, OrganisationKind kind)
    {
        var routed = db.Set<ContentRoute>().Where(r => r.AssignedOrganisationId == organisationId).Select(r => r.CrawledUrlId);
        var occurrences = db.Set<MediaOccurrence>().IgnoreQueryFilters();
        return kind == OrganisationKind.Coordinator
            ? db.Set<MediaItem>().Select(m => m.Sha256)
            : occurrences.Where(o => o.OrganisationId == organisationId || routed.Contains(o.CrawledUrlId)).Select(o => o.MediaSha256);
    }

    public Task<bool> ContainsAsync(Assessor assessor, string mediaSha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        return For(assessor.OrganisationId, assessor.Kind).AnyAsync(s => s == mediaSha256, ct);
    }

    /// <summary>The stored format of an item, once the caller knows it may see it.</summary>
    public Task<MediaFormat> FormatAsync(string mediaSha256, CancellationToken ct) =>
        db.Set<MediaItem>().Where(m => m.Sha256 == mediaSha256).Select(m => m.Format).FirstAsync(ct);
}
