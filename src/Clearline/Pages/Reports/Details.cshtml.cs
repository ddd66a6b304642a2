using Clearline.Api;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Reports;
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
        return Page();
    }
}
