using Clearline.Api;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Pages.Reports;

/// <summary>One report: its context, its crawl's state and counts, or the first report it duplicates.</summary>
/// <remarks>Another organisation's report is "not found", exactly like one that does not exist.</remarks>
[Authorize(Policy = "Permission:" + nameof(Permission.ViewReports))]
public sealed class DetailsModel(ClearlineDbContext db, ReportOrigins origins) : PageModel
{
    public Report Report { get; private set; } = null!;

    public ReportOrigin? DuplicateOf { get; private set; }

    /// <summary>Whether the first report is this hotline's own (then it is linked; another hotline's is not).</summary>
    public bool FirstIsOwn { get; private set; }

    public ReportsApi.CrawlResponse? Crawl { get; private set; }

    /// <summary>The content URLs the crawl found and routed, each with the hotline that acts on it (the route screen opens it).</summary>
    public IReadOnlyList<RoutedContent> Routed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var organisation = User.OrganisationId();
        var report = await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == organisation, ct);
        if (report is null)
        {
            return NotFound();
        }

        Report = report;
        DuplicateOf = await origins.OfAsync(report, ct);
        FirstIsOwn = DuplicateOf is { } origin && await db.Set<Report>().AnyAsync(r => r.Id == origin.ReportId && r.OrganisationId == organisation, ct);
        var crawl = await db.Set<Crawl>().AsNoTracking().FirstOrDefaultAsync(c => c.ReportId == id, ct);
        Crawl = crawl is null ? null : await CrawlStatus.OfAsync(db, crawl, ct);
        Routed = await db.Set<ContentRoute>().AsNoTracking().Where(r => r.ReportId == id && r.ReportingOrganisationId == organisation)
            .Join(db.Set<CrawledUrl>(), r => r.CrawledUrlId, u => u.Id, (r, u) => new { r.Id, u.Url, r.CountryCode, r.AssignedOrganisationId })
            .GroupJoin(db.Set<Organisation>(), x => x.AssignedOrganisationId, o => o.Id, (x, o) => new { x, o })
            .SelectMany(g => g.o.DefaultIfEmpty(), (g, o) => new RoutedContent(g.x.Id, g.x.Url, g.x.CountryCode, o == null ? null : o.Name))
            .ToListAsync(ct);
        return Page();
    }

    /// <summary>One content URL of the report and where it was routed; <see cref="AssignedTo"/> is null while orphaned.</summary>
    public sealed record RoutedContent(Guid RouteId, string Url, string? CountryCode, string? AssignedTo);
}
