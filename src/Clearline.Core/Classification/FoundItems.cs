using Clearline.Crawling;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Routing;

namespace Clearline.Classification;

/// <summary>Where an item was found, as the item's page shows it.</summary>
/// <remarks>
/// <c>ReportId</c>: the report, when it is the viewer's own hotline's (then it is linked); null for content routed
/// from another hotline. <c>CountryCode</c>: the hosting country of the URL the bytes came from.
/// </remarks>
public sealed record ItemOccurrence(Guid? ReportId, string Url, string? CountryCode, string? FoundIn, DateTimeOffset FoundAt);

/// <summary>The media items a hotline may assess: those its own crawls found, and those of content routed to it.</summary>
/// <remarks>
/// Every other item answers 404 to the hotline, exactly like one that does not exist: that another hotline found
/// an item is that hotline's report detail. The coordinator, who runs the network's routing and may change any
/// decision, sees every item.
/// </remarks>
public sealed class FoundItems(ClearlineDbContext db)
{
    /// <summary>The addresses of the items found by or routed to an organisation (repeated once per occurrence).</summary>
    public IQueryable<string> For(Guid organisationId, OrganisationKind kind) =>
        kind == OrganisationKind.Coordinator
            ? db.Set<MediaItem>().Select(m => m.Sha256)
            : OccurrencesFor(organisationId, kind).Select(o => o.MediaSha256);

    /// <summary>Where an item was found, as far as the assessor may know: its own crawls and the content routed to it, oldest first, at most 200.</summary>
    /// <remarks>Of content routed from another hotline the URL and hosting country are given, never that hotline's report.</remarks>
    public async Task<IReadOnlyList<ItemOccurrence>> OccurrencesAsync(Assessor assessor, string mediaSha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        var organisation = assessor.OrganisationId;
        var rows = await OccurrencesFor(organisation, assessor.Kind).Where(o => o.MediaSha256 == mediaSha256)
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), o => o.CrawledUrlId, u => u.Id, (o, u) => new { o.OrganisationId, o.ReportId, u.Url, u.CountryCode, o.FoundIn, o.FoundAt })
            .OrderBy(r => r.FoundAt)
            .Take(200)
            .ToListAsync(ct);
        return [.. rows.Select(r => new ItemOccurrence(r.OrganisationId == organisation ? r.ReportId : null, r.Url, r.CountryCode, r.FoundIn, r.FoundAt))];
    }

    /// <summary>The stored items with these addresses, by address, once the caller knows it may see them.</summary>
    public async Task<IReadOnlyDictionary<string, MediaItem>> ItemsAsync(IReadOnlyCollection<string> mediaSha256s, CancellationToken ct) =>
        await db.Set<MediaItem>().AsNoTracking().Where(m => mediaSha256s.Contains(m.Sha256)).ToDictionaryAsync(m => m.Sha256, StringComparer.Ordinal, ct);

    /// <summary>
    /// The occurrences an organisation may know of: the coordinator every one, everyone else those of its own
    /// crawls and of content routed to it. Occurrences belong to the finding hotline, hence read past the tenant filter.
    /// </summary>
    /// <remarks>A public report's URL is left out until an analyst accepts it in triage (<see cref="ReportTriage"/>).</remarks>
    private IQueryable<MediaOccurrence> OccurrencesFor(Guid organisationId, OrganisationKind kind)
    {
        var untriaged = db.Set<Report>().IgnoreQueryFilters().Where(ReportTriages.NotInserted).Select(r => r.Id);
        var occurrences = db.Set<MediaOccurrence>().IgnoreQueryFilters().Where(o => !untriaged.Contains(o.ReportId));
        if (kind == OrganisationKind.Coordinator)
        {
            return occurrences;
        }

        var routed = db.Set<ContentRoute>().Where(r => r.AssignedOrganisationId == organisationId).Select(r => r.CrawledUrlId);
        return occurrences.Where(o => o.OrganisationId == organisationId || routed.Contains(o.CrawledUrlId));
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
